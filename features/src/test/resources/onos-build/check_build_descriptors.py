"""Evaluates FlowSocket's ONOS in-tree build descriptors and compares them with the Maven poms.

  python3 check_build_descriptors.py buck|bazel PROJECT_ROOT MAVEN_REPOSITORY

buck evaluates BUCK, app/BUCK and web/BUCK with the stubs of ONOS 1.14.1's Buck
macros; bazel evaluates BUILD, app/BUILD and web/BUILD with the stubs of ONOS
2.5.6's Bazel macros. Both assume this repository is apps/flowsocket of an ONOS
tree. Exits 0 and prints a summary when the descriptors are consistent; exits 1
with one line per problem otherwise. The label tables onos-1.14.1-lib.json and
onos-2.5.6-workspace.json are written by regenerate_onos_tables.py from ONOS's
sources.
"""

import ast
import hashlib
import json
import os
import re
import sys
import traceback
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from descriptor_model import DescriptorError, Model, package_files  # noqa: E402
from maven_pom import Pom, brings  # noqa: E402
import onos_bazel_2_5_6  # noqa: E402
import onos_buck_1_14_1  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# Where the descriptors assume this repository sits in an ONOS tree.
TREE_PACKAGE = 'apps/flowsocket'
MODULES = ('app', 'web', 'testkit', 'standins')
# The modules whose bundles make the app; testkit and standins are the test suites' libraries.
APP_MODULES = ('app', 'web')

# ONOS's own bundles that both lib lists refer to; each label's name is the
# artifactId (org.onosproject), '-tests' the tests jar. Checked in the
# BUCK and BUILD files of core/api, core/common, core/store/serializers, cli,
# utils/misc, utils/osgi, utils/junit and utils/rest at 1.14.1 and 2.5.6.
ONOS_BUNDLES = frozenset([
    '//core/api:onos-api', '//core/api:onos-api-tests',
    '//core/common:onos-core-common', '//core/common:onos-core-common-tests',
    '//core/store/serializers:onos-core-serializers', '//cli:onos-cli',
    '//utils/misc:onlab-misc', '//utils/osgi:onlab-osgi', '//utils/osgi:onlab-osgi-tests',
    '//utils/junit:onlab-junit', '//utils/rest:onlab-rest',
])

# Buck and Bazel put only the named jars on a class path, Maven their
# dependencies too: a descriptor may name a jar the poms get transitively,
# through one of the pom dependencies given here (verified against the jar's
# POM in the Maven repository).
TRANSITIVE = {
    'org.eclipse.jetty.websocket:websocket-api': ('org.eclipse.jetty.websocket:websocket-servlet',),
    'org.eclipse.jetty.websocket:websocket-common': ('org.eclipse.jetty.websocket:websocket-server',
                                                     'org.eclipse.jetty.websocket:websocket-client'),
    'org.eclipse.jetty:jetty-client': ('org.eclipse.jetty.websocket:websocket-client',),
    'org.eclipse.jetty:jetty-http': ('org.eclipse.jetty:jetty-server', 'org.eclipse.jetty.websocket:websocket-client'),
    'org.eclipse.jetty:jetty-io': ('org.eclipse.jetty:jetty-server', 'org.eclipse.jetty.websocket:websocket-client'),
    'org.eclipse.jetty:jetty-util': ('org.eclipse.jetty:jetty-server', 'org.eclipse.jetty.websocket:websocket-client'),
}

# The lines of BUILD's header that list the jars ONOS 2.5.6's deps/deps.json lacks:
#   "jetty-websocket-server": "mvn:org.eclipse.jetty.websocket:websocket-server:9.4.11.v20180605",
DEPS_JSON_LINE = re.compile(r'^#\s+"([A-Za-z0-9_.-]+)": "mvn:([^:"]+):([^:"]+):([^:"]+)",?\s*$')


def main(era, root, repository):
    problems = []
    try:
        checker = Checker(era, root, repository)
        problems = checker.check()
        if not problems:
            print('\n'.join(summary(checker)))
    except DescriptorError as e:
        problems = [str(e)]
    if problems:
        for p in problems:
            print('PROBLEM ' + p)
        return 1
    return 0


def summary(checker):
    lines = []
    for label, bundle in sorted(checker.model.bundles.items()):
        lines.append('%s: %d compile and %d test labels, web_context %s'
                     % (label, len(bundle.deps), len(bundle.test_deps), bundle.web_context))
    for label, app in sorted(checker.model.apps.items()):
        lines.append('%s: %s with %s' % (label, app.app_name, ', '.join(app.included_bundles)))
    return lines


class Checker(object):

    def __init__(self, era, root, repository):
        if era not in ('buck', 'bazel'):
            raise DescriptorError('era must be buck or bazel, not %s' % era)
        self.era = era
        self.root = root
        self.repository = repository
        self.file_name = 'BUCK' if era == 'buck' else 'BUILD'
        self.model = Model()
        self.problems = []
        if era == 'buck':
            self.lib = _load('onos-1.14.1-lib.json')
        else:
            self.workspace = _load('onos-2.5.6-workspace.json')
            self.additions = self._deps_json_additions()

    def check(self):
        for module in ('',) + MODULES:
            self._evaluate(module)
        poms = {m: Pom(os.path.join(self.root, m, 'pom.xml'), self.repository) for m in MODULES}
        self.own = {'//%s/%s:%s' % (TREE_PACKAGE, m, 'onos-apps-flowsocket-' + m):
                    'org.flowsocket:' + poms[m].artifact_id for m in MODULES}
        for module in MODULES:
            self._check_module(module, poms[module])
        self._check_app()
        self._check_remote_jars()
        return self.problems

    # --- evaluation ---

    def _evaluate(self, module):
        path = os.path.join(self.root, module, self.file_name)
        tree_path = '/'.join(p for p in (TREE_PACKAGE, module, self.file_name) if p)
        if not os.path.isfile(path):
            self.problems.append('%s is missing' % tree_path)
            return
        with open(path) as f:
            text = f.read()
        header = ''.join(line for line in text.splitlines(True)[:5] if line.startswith('#'))
        if tree_path not in header:
            self.problems.append('%s does not say at its top that it is %s of an ONOS tree'
                                 % (os.path.join(module, self.file_name), tree_path))
        package = '/'.join(p for p in (TREE_PACKAGE, module) if p)
        package_dir = os.path.join(self.root, module)
        if self.era == 'buck':
            names = onos_buck_1_14_1.environment(self.model, package, package_dir)
        else:
            names = onos_bazel_2_5_6.environment(self.model, package, package_dir, self.workspace)
        try:
            if self.era == 'bazel':
                _require_starlark_build_file(text, tree_path)
            exec(compile(text, tree_path, 'exec'), names)
        except (DescriptorError, NameError, SyntaxError, TypeError) as e:
            # What ONOS's Buck or Bazel would stop on while reading the file.
            lines = [frame.lineno for frame in traceback.extract_tb(e.__traceback__)
                     if frame.filename == tree_path]
            line = getattr(e, 'lineno', None) if isinstance(e, SyntaxError) else (lines[-1] if lines else None)
            self.problems.append('%s line %s: %s: %s' % (tree_path, line, type(e).__name__, e))

    def _deps_json_additions(self):
        """'@name//jar' -> 'group:artifact' for the deps.json entries BUILD's header asks for."""
        additions = {}
        path = os.path.join(self.root, 'BUILD')
        if os.path.isfile(path):
            with open(path) as f:
                for line in f:
                    match = DEPS_JSON_LINE.match(line)
                    if match:
                        # As tools/build/libgen BazelArtifact.name() at 2.5.6: the
                        # external repository is the deps.json key, '-' and '.' made '_'.
                        name = re.sub('[-.]', '_', match.group(1))
                        additions['@%s//jar' % name] = '%s:%s' % (match.group(2), match.group(3))
        return additions

    # --- labels ---

    def resolve(self, label, seen=()):
        """The 'group:artifact[:classifier]' a label puts on the class path; None if unknown."""
        if label in self.own:
            return {self.own[label]}
        if label in ONOS_BUNDLES:
            name = label.split(':')[1]
            if name.endswith('-tests'):
                return {'org.onosproject:%s:tests' % name[:-len('-tests')]}
            return {'org.onosproject:' + name}
        if label in self.model.local_jars:
            group, artifact = self.model.local_jars[label][0:2]
            return {group + ':' + artifact}
        if self.era == 'buck':
            if label in self.lib['jars']:
                return {self.lib['jars'][label]}
            members = self.lib['groups'].get(label)
        else:
            if label in self.workspace['jars']:
                return {self.workspace['jars'][label]}
            if label in self.additions:
                return {self.additions[label]}
            members = None
        if members is None or label in seen:
            return None
        jars = set()
        for member in members:
            resolved = self.resolve(member, seen + (label,))
            if resolved is None:
                return None
            jars |= resolved
        return jars

    # --- comparison with the poms ---

    def _check_module(self, module, pom):
        label = '//%s/%s:onos-apps-flowsocket-%s' % (TREE_PACKAGE, module, module)
        bundle = self.model.bundles.get(label)
        if bundle is None:
            self.problems.append('%s/%s declares no bundle %s' % (module, self.file_name, label))
            return
        compile_jars = self._jars(bundle.deps, pom.compile | pom.inherited_compile, label + ' deps')
        test_jars = self._jars(bundle.test_deps, pom.all | pom.inherited_all, label + ' test_deps')
        for artifact in sorted(pom.compile - compile_jars):
            self.problems.append('%s: pom dependency %s is missing from deps' % (label, artifact))
        for artifact in sorted(pom.test - compile_jars - test_jars):
            self.problems.append('%s: pom test dependency %s is missing from test_deps' % (label, artifact))
        if package_files(os.path.join(self.root, module), ['src/test/java/**/*.java'], []) and not bundle.has_tests:
            self.problems.append('%s: Maven runs the module\'s tests but the descriptor builds none' % label)

        instructions = pom.instructions
        self._same(label, 'import_packages', bundle.import_packages, instructions.get('Import-Package', '*'))
        if self.era == 'buck' and pom.packaging == 'bundle':
            # Bazel's macros export every package (osgi_java_library.bzl 2.5.6
            # _bnd_impl) and have no keyword for it; Buck's take export_packages.
            # A plain jar of the poms (testkit, which only tests use) is no
            # bundle in Maven, so it has no exports to compare.
            self._same(label, 'export_packages', bundle.export_packages, instructions.get('Export-Package'))
        else:
            # ONOS 1.x ran Karaf 3, whose commands were declared in blueprint,
            # so only the Bazel macros know Karaf-Commands.
            self._same(label, 'karaf_command_packages', bundle.karaf_commands, instructions.get('Karaf-Commands'))
        self._same(label, 'web_context', bundle.web_context,
                   pom.properties.get('web.context') if 'Web-ContextPath' in instructions else None)

    def _jars(self, labels, counterparts, where):
        jars = set()
        units = {}
        for label in labels:
            # A whole ONOS library list (CORE_DEPS, TEST, ...) is one choice:
            # it needs a counterpart for one of its jars, not for each.
            units.setdefault(getattr(label, 'library', None) or label, []).append(label)
        for unit, members in units.items():
            resolved = set()
            for label in members:
                found = self.resolve(label)
                if found is None:
                    self.problems.append('%s: unknown label %s (not in %s)' % (where, label, self._known()))
                else:
                    resolved |= found
            if resolved and not any(self._has_counterpart(jar, counterparts) for jar in resolved):
                self.problems.append('%s: %s (%s) has no counterpart in the poms'
                                     % (where, unit, ', '.join(sorted(resolved))))
            jars |= resolved
        return jars

    def _known(self):
        if self.era == 'buck':
            return "ONOS 1.14.1's lib/BUCK, ONOS's bundles or the rules of these BUCK files"
        return "ONOS 2.5.6's workspace, ONOS's bundles, these BUILD files' rules or BUILD's deps.json additions"

    def _has_counterpart(self, jar, counterparts):
        if jar in counterparts:
            return True
        return any(via in counterparts and brings(self.repository, via, jar) for via in TRANSITIVE.get(jar, ()))

    def _same(self, label, keyword, descriptor, pom):
        if _normalize(descriptor) != _normalize(pom):
            self.problems.append('%s: %s is %r, the pom says %r' % (label, keyword, descriptor, pom))

    def _check_app(self):
        if len(self.model.apps) != 1:
            self.problems.append('%s declares %d onos_app rules, not 1' % (self.file_name, len(self.model.apps)))
            return
        app = list(self.model.apps.values())[0]
        xml = ET.parse(os.path.join(self.root, 'features', 'app.xml')).getroot()
        features = Pom(os.path.join(self.root, 'features', 'pom.xml'), self.repository)
        self._same(app.label, 'app_name', app.app_name, xml.get('name'))
        self._same(app.label, 'title', app.title, xml.get('title'))
        self._same(app.label, 'origin', app.origin, xml.get('origin'))
        self._same(app.label, 'category', app.category, xml.get('category'))
        self._same(app.label, 'url', app.url, xml.get('url'))
        self._same(app.label, 'description', app.description, features.description)
        required = [a for a in xml.get('apps', '').split(',') if a]
        self._same(app.label, 'required_apps', ','.join(app.required_apps), ','.join(required))
        bundles = sorted(label for label in self.own if label.rsplit('-', 1)[1] in APP_MODULES)
        if sorted(app.included_bundles) != bundles:
            self.problems.append('%s: included_bundles %s, expected %s' % (app.label, app.included_bundles, bundles))
        if self.era == 'bazel':
            # As generate_workspace.bzl 2.5.6 maven_coordinates(): app.xml and
            # features.xml name every bundle mvn:org.onosproject:<name>:ONOS_VERSION.
            for label in app.included_bundles:
                bundle = self.model.bundles.get(label)
                if bundle is not None and bundle.group != onos_bazel_2_5_6.ONOS_GROUP_ID:
                    self.problems.append('%s: group %s, but onos_app names it as %s:...'
                                         % (label, bundle.group, onos_bazel_2_5_6.ONOS_GROUP_ID))

    def _check_remote_jars(self):
        for label, (group, artifact, version, sha1) in sorted(self.model.local_jars.items()):
            jar = os.path.join(self.repository, group.replace('.', '/'), artifact, version,
                               '%s-%s.jar' % (artifact, version))
            if not os.path.isfile(jar):
                self.problems.append('%s: %s is not in the Maven repository' % (label, jar))
                continue
            with open(jar, 'rb') as f:
                actual = hashlib.sha1(f.read()).hexdigest()
            if actual != sha1:
                self.problems.append('%s: sha1 %s, the jar has %s' % (label, sha1, actual))


def _require_starlark_build_file(text, tree_path):
    """Rejects the Python that a Bazel BUILD file may not contain (Starlark's BUILD dialect)."""
    forbidden = (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.While, ast.Try,
                 ast.With, ast.Lambda, ast.Global, ast.JoinedStr, ast.Set, ast.SetComp)
    for node in ast.walk(ast.parse(text, tree_path)):
        if isinstance(node, forbidden):
            error = SyntaxError('%s is not allowed in a BUILD file' % type(node).__name__)
            error.lineno = node.lineno
            raise error


def _normalize(value):
    return None if value is None else re.sub(r'\s+', '', value)


def _load(name):
    with open(os.path.join(HERE, name)) as f:
        return json.load(f)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
