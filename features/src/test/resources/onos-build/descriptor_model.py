"""What evaluating ONOS build descriptors yields: the rules each file declares.

The macro stubs (onos_buck_1_14_1.py, onos_bazel_2_5_6.py) record every
bundle, test jar, prebuilt jar and application here; check_build_descriptors.py
then resolves the labels and compares the result with the Maven poms.
"""

import glob
import os
import re


class DescriptorError(Exception):
    """A descriptor that ONOS's build would reject, or that drifts from the poms."""


class Bundle(object):
    """An OSGi bundle rule (Buck onos_jar, Bazel _bnd) with its test jar."""

    def __init__(self, label, group, deps, test_deps, import_packages,
                 export_packages, web_context, karaf_commands, has_tests):
        self.label = label
        self.group = group
        self.deps = list(deps)
        self.test_deps = list(test_deps)
        self.import_packages = import_packages
        self.export_packages = export_packages
        self.web_context = web_context
        self.karaf_commands = karaf_commands
        self.has_tests = has_tests


class App(object):
    """An onos_app rule: the identity that ends up in app.xml."""

    def __init__(self, label, app_name, origin, title, category, url, description,
                 included_bundles, required_apps):
        self.label = label
        self.app_name = app_name
        self.origin = origin
        self.title = title
        self.category = category
        self.url = url
        self.description = description
        self.included_bundles = list(included_bundles)
        self.required_apps = list(required_apps)


class Model(object):
    """Every rule declared by the evaluated files, keyed by absolute label."""

    def __init__(self):
        self.bundles = {}
        self.apps = {}
        # label -> 'group:artifact' of a jar a descriptor declares itself
        self.local_jars = {}
        self.rule_names = set()

    def declare(self, label):
        # As Buck and Bazel: two rules of one name in one package is an error.
        if label in self.rule_names:
            raise DescriptorError('duplicate rule %s' % label)
        self.rule_names.add(label)


class LibraryLabel(str):
    """A label that came from one of ONOS's library lists (Bazel's prelude flattens them into deps)."""

    def __new__(cls, label, library):
        value = str.__new__(cls, label)
        value.library = library
        return value


def absolute(label, package):
    """Expands ':name' to '//package:name', as Buck and Bazel do."""
    if label.startswith(':'):
        return '//%s%s' % (package, label)
    return label


def package_files(package_dir, includes, excludes):
    """glob() of Buck and Bazel: the files (not directories) below the package."""
    def expand(patterns):
        found = set()
        for pattern in patterns:
            pattern = re.sub('/+', '/', pattern)
            for path in glob.glob(os.path.join(package_dir, pattern), recursive=True):
                if os.path.isfile(path):
                    found.add(os.path.relpath(path, package_dir))
        return found
    return sorted(expand(includes) - expand(excludes))


def require_web_xml(package_dir, label):
    """A WAB's web.xml must be at src/main/webapp/WEB-INF/web.xml of its own package."""
    if not os.path.isfile(os.path.join(package_dir, 'src/main/webapp/WEB-INF/web.xml')):
        raise DescriptorError('%s has a web_context but its package has no src/main/webapp/WEB-INF/web.xml'
                              % label)
