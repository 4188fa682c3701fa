"""The Maven side of the comparison: a module pom's dependencies and bundle instructions."""

import os
import re
import xml.etree.ElementTree as ET

POM = '{http://maven.apache.org/POM/4.0.0}'


class Pom(object):
    """A module pom: its dependencies by scope and its bundle instructions."""

    def __init__(self, path, repository):
        self.root = ET.parse(path).getroot()
        self.artifact_id = self._text(self.root, 'artifactId')
        self.description = self._text(self.root, 'description')
        self.packaging = self._text(self.root, 'packaging') or 'jar'
        self.compile, self.test = _dependencies(self.root)
        self.all = self.compile | self.test
        # What every module inherits: flowsocket-parent's dependencies and
        # those of its parent, onos-dependencies, from the Maven repository.
        project_root = os.path.dirname(os.path.dirname(os.path.abspath(path)))
        project = ET.parse(os.path.join(project_root, 'pom.xml')).getroot()
        parent = project.find(POM + 'parent')
        group, artifact, version = (self._text(parent, tag) for tag in ('groupId', 'artifactId', 'version'))
        onos_parent = os.path.join(repository, group.replace('.', '/'), artifact, version,
                                   '%s-%s.pom' % (artifact, version))
        self.inherited_compile, inherited_test = _dependencies(project)
        onos_compile, onos_test = _dependencies(ET.parse(onos_parent).getroot())
        self.inherited_compile |= onos_compile
        self.inherited_all = self.inherited_compile | inherited_test | onos_test
        properties = {}
        for props in (project, self.root):
            for p in props.findall(POM + 'properties/*'):
                properties[p.tag[len(POM):]] = (p.text or '').strip()
        self.properties = properties
        self.instructions = {}
        for plugin in self.root.findall(POM + 'build/' + POM + 'plugins/' + POM + 'plugin'):
            if self._text(plugin, 'artifactId') == 'maven-bundle-plugin':
                for i in plugin.findall(POM + 'configuration/' + POM + 'instructions/*'):
                    text = re.sub(r'\$\{([^}]+)\}', lambda m: properties.get(m.group(1), m.group(0)), i.text or '')
                    self.instructions[i.tag[len(POM):]] = text

    @staticmethod
    def _text(element, tag):
        found = element.find(POM + tag)
        return '' if found is None or found.text is None else found.text.strip()


def _dependencies(project):
    compile_scope, test_scope = set(), set()
    for d in project.findall(POM + 'dependencies/' + POM + 'dependency'):
        key = '%s:%s' % (Pom._text(d, 'groupId'), Pom._text(d, 'artifactId'))
        if Pom._text(d, 'classifier'):
            key += ':' + Pom._text(d, 'classifier')
        (test_scope if Pom._text(d, 'scope') == 'test' else compile_scope).add(key)
    return compile_scope, test_scope


def brings(repository, via, jar, depth=3):
    """Whether some version of `via` in the repository depends on `jar` (compile or runtime, not optional)."""
    if depth == 0:
        return False
    group, artifact = via.split(':')[0:2]
    directory = os.path.join(repository, group.replace('.', '/'), artifact)
    if not os.path.isdir(directory):
        return False
    for version in os.listdir(directory):
        pom = os.path.join(directory, version, '%s-%s.pom' % (artifact, version))
        if not os.path.isfile(pom):
            continue
        for d in ET.parse(pom).getroot().findall(POM + 'dependencies/' + POM + 'dependency'):
            if Pom._text(d, 'scope') in ('test', 'provided') or Pom._text(d, 'optional') == 'true':
                continue
            dependency = '%s:%s' % (Pom._text(d, 'groupId'), Pom._text(d, 'artifactId'))
            if dependency == jar or brings(repository, dependency, jar, depth - 1):
                return True
    return False
