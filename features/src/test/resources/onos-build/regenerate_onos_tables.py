"""Writes onos-1.14.1-lib.json and onos-2.5.6-workspace.json from ONOS's own sources.

  python3 regenerate_onos_tables.py ONOS_GIT_DIRECTORY

Reads lib/BUCK at tag 1.14.1 and tools/build/bazel/generate_workspace.bzl at
tag 2.5.6 with `git show`, so the label tables the stubs use are ONOS's, not
typed by hand.
"""

import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def show(git_dir, tag, path):
    return subprocess.check_output(['git', '--git-dir', git_dir, 'show', '%s:%s' % (tag, path)]).decode()


def buck_lib(text):
    """Runs lib/BUCK with its two macros recorded: remote_jar and osgi_feature_group."""
    jars, groups = {}, {}

    def remote_jar(name, out, url, sha1, maven_coords=None, visibility=['PUBLIC']):
        coords = maven_coords or re.match(r'mvn:([^:]+:[^:]+):', url).group(1)
        jars['//lib:' + name] = ':'.join(coords.split(':')[0:2])

    def osgi_feature_group(name, description='TEST', version=None, exported_deps=[], visibility=[],
                           maven_coords=None, **kwargs):
        groups['//lib:' + name] = [d if d.startswith('//') else '//lib' + d for d in exported_deps]

    def ignored(*args, **kwargs):
        pass

    exec(text, {'remote_jar': remote_jar, 'osgi_feature_group': osgi_feature_group,
                'pass_thru_pom': ignored, 'remote_file': ignored})
    return {'source': 'ONOS 1.14.1 lib/BUCK: remote_jar maven_coords (group:artifact) '
                      'and osgi_feature_group exported_deps',
            'groups': groups, 'jars': jars}


def bazel_workspace(text):
    """The library lists (Starlark that is also Python) and artifact_map of generate_workspace.bzl."""
    lists = text[text.index('\nCOMPILE = ['):text.index('\ndef generated_maven_jars')]
    names = {}
    exec(lists, names)
    groups = {name: value for name, value in names.items() if name.isupper() and isinstance(value, list)}
    jars = {}
    for match in re.finditer(r'artifact_map\["@([^/]+)//:[^"]+"\] = "mvn:([^:]+):([^:]+):', text):
        jars['@%s//jar' % match.group(1)] = '%s:%s' % (match.group(2), match.group(3))
    return {'source': 'ONOS 2.5.6 tools/build/bazel/generate_workspace.bzl: artifact_map (group:artifact) '
                      'and the library lists the prelude loads',
            'groups': groups, 'jars': jars}


def write(name, table):
    with open(os.path.join(HERE, name), 'w') as f:
        json.dump(table, f, indent=1, sort_keys=True)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    git_dir = sys.argv[1]
    write('onos-1.14.1-lib.json', buck_lib(show(git_dir, '1.14.1', 'lib/BUCK')))
    write('onos-2.5.6-workspace.json',
          bazel_workspace(show(git_dir, '2.5.6', 'tools/build/bazel/generate_workspace.bzl')))
