"""Stubs of ONOS's Buck-era build macros, as of ONOS 1.14.1 (the last release built with Buck).

Every function has the keyword parameters, defaults included, of its ONOS
definition, and calls the next one as ONOS does, so a keyword that ONOS's Buck
would reject fails here with the same TypeError:

  osgi_jar_with_tests, osgi_jar  bucklets/onos.bucklet
  onos_app                       bucklets/onos_app.bucklet
  remote_jar                     bucklets/remote_jar.bucklet
  onos_jar                       the Buck rule of tools/build/buck-plugin,
                                 OnosJarDescription.Arg (plus Buck's
                                 JavaLibraryDescription.Arg it extends)
  ONOS_* constants               onos.defs

The stubs record the rules in a descriptor_model.Model instead of building.
"""

import os
import re

from descriptor_model import App, Bundle, DescriptorError, absolute, package_files, require_web_xml

# onos.defs at 1.14.1
ONOS_ORIGIN = 'ONOS Community'
ONOS_GROUP_ID = 'org.onosproject'
ONOS_VERSION = '1.14.1'
DEFAULT_APP_CATEGORY = 'Utility'
ONOS_ARTIFACT_BASE = 'onos-'
APP_PREFIX = ONOS_GROUP_ID + '.'

# bucklets/onos.bucklet at 1.14.1
NONE = 'NONE'
SRC = 'src/main/java/**/'
TEST = 'src/test/java/**/'
RESOURCES_ROOT = 'src/main/resources/'
TEST_RESOURCES_ROOT = 'src/test/resources/'

# The other fields of Buck's JavaLibraryDescription.Arg (and JvmLibraryArg),
# which OnosJarDescription.Arg extends, besides those osgi_jar passes itself:
# the keywords that osgi_jar's **kwargs may carry to onos_jar. ONOS's plugin
# compiled against buck-api 0.1-20161113 (tools/build/buck-plugin/BUCK); that
# jar is not at hand, so this list is Buck's of that period, not byte-checked.
_JAVA_LIBRARY_ARGS = frozenset([
    'source', 'target', 'java_version', 'compiler', 'extra_arguments',
    'proguard_config', 'annotation_processor_deps', 'annotation_processor_params',
    'annotation_processors', 'annotation_processor_only',
    'postprocess_classes_commands', 'manifest_file', 'maven_pom_template',
    'provided_deps', 'exported_deps', 'labels', 'licenses',
])


def _named(names, *internal):
    # TypeErrors name the macro as ONOS's tools do, not this module's closure.
    for value in list(names.values()) + list(internal):
        if callable(value):
            value.__qualname__ = value.__name__
            if hasattr(value.__code__, 'co_qualname'):
                value.__code__ = value.__code__.replace(co_qualname=value.__name__)
    return names


def environment(model, package, package_dir):
    """The names a BUCK file in `package` sees (buck-tools/default.defs includes these bucklets)."""

    def get_base_path():
        return package

    def _get_name():
        return ONOS_ARTIFACT_BASE + get_base_path().replace('/', '-')

    def _get_app_name():
        return APP_PREFIX + os.path.basename(get_base_path())

    # Buck's glob, as the bucklets call it (excludes=, not Bazel's exclude=).
    def glob(includes, excludes=(), include_dotfiles=False):
        return package_files(package_dir, includes, excludes)

    def include_defs(path):
        pass

    # The onos_jar rule: OnosJarDescription.Arg, tools/build/buck-plugin at 1.14.1.
    def onos_jar(name, srcs=(), deps=(), visibility=(), resources=(), resources_root=None,
                 bundle_name=None, group_id=None, bundle_version=None, bundle_license=None,
                 bundle_description=None, import_packages=None, private_packages=None,
                 export_packages=None, include_resources=None, dynamicimport_packages=None,
                 embedded_dependencies=None, bundle_classpath=None, web_context=None,
                 api_title=None, api_version=None, api_package=None, api_description=None,
                 tests=(), maven_coords=None, **java_library_args):
        unknown = set(java_library_args) - _JAVA_LIBRARY_ARGS
        if unknown:
            raise TypeError("onos_jar() got unexpected keyword argument(s) %s" % sorted(unknown))
        label = '//%s:%s' % (package, name)
        model.declare(label)
        if web_context not in (None, NONE):
            # As OSGiWrapper 1.14.1: a WAB is staged from src/main/webapp/ of the package.
            require_web_xml(package_dir, label)
        model.bundles[label] = Bundle(
            label, group_id, [absolute(d, package) for d in deps], [],
            import_packages, export_packages,
            None if web_context == NONE else web_context, None, bool(tests))
        return label

    # Buck's java_test, with the keywords onos.bucklet 1.14.1 passes it.
    def java_test(name, srcs=(), deps=(), resources=(), resources_root=None,
                  maven_coords=None, visibility=(), **java_library_args):
        model.declare('//%s:%s' % (package, name))

    # bucklets/onos.bucklet at 1.14.1
    def osgi_jar(
            name=None,
            srcs=None,
            group_id=ONOS_GROUP_ID,
            version=ONOS_VERSION,
            deps=[],
            visibility=['PUBLIC'],
            license='NONE',
            description='',
            debug=False,
            import_packages='*',
            dynamicimport_packages='',
            embedded_dependencies='',
            bundle_classpath='',
            export_packages='!.,!*.impl.*,!*.internal.*,*',
            package_name_root='org.onosproject',
            include_resources={},
            web_context=NONE,
            api_title=None,
            api_version=NONE,
            api_package=NONE,
            api_description=NONE,
            resources=NONE,
            resources_root=None,
            tests=None,
            do_javadocs=True,
            do_checkstyle=True,
            **kwargs):
        if name is None:
            name = _get_name()
        if srcs is None:
            srcs = glob([SRC + '/*.java'])
        if resources == NONE and resources_root is not None:
            resources = glob([resources_root + '**'])
        elif resources == NONE:
            resources = glob([RESOURCES_ROOT + '**'])
        if resources and not resources_root:
            resources_root = RESOURCES_ROOT
        mvn_coords = group_id + ':' + name + ':' + version
        # As onos.bucklet: bundle_name is always the rule's name, so a
        # bundle_name in kwargs is passed twice and Buck stops here.
        return onos_jar(
            name=name,
            srcs=srcs + glob(['src/main/webapp/**'], excludes=['src/main/webapp/tests/**']),
            deps=deps,
            visibility=visibility,
            resources=resources,
            resources_root=resources_root,
            bundle_name=name,
            group_id=group_id,
            bundle_version=version,
            bundle_license=license,
            bundle_description=description,
            import_packages=import_packages,
            export_packages=export_packages,
            include_resources=include_resources,
            dynamicimport_packages=dynamicimport_packages,
            embedded_dependencies=embedded_dependencies,
            bundle_classpath=bundle_classpath,
            web_context=web_context,
            api_title=api_title,
            api_version=api_version,
            api_package=api_package,
            api_description=api_description,
            tests=tests,
            maven_coords=mvn_coords,
            **kwargs)

    # bucklets/onos.bucklet at 1.14.1
    def osgi_jar_with_tests(
            name=None,
            deps=[],
            group_id=ONOS_GROUP_ID,
            version=ONOS_VERSION,
            test_srcs=None,
            test_deps=['//lib:TEST'],
            test_resources=None,
            test_resources_root=None,
            visibility=['PUBLIC'],
            **kwargs):
        if name is None:
            name = _get_name()
        if test_resources and not test_resources_root:
            test_resources_root = TEST_RESOURCES_ROOT
        if test_resources_root and not test_resources:
            test_resources = glob([test_resources_root + '**'])
        if not test_resources and not test_resources_root:
            test_resources = glob([TEST_RESOURCES_ROOT + '**'])
            if test_resources:
                test_resources_root = TEST_RESOURCES_ROOT
        if test_srcs is None:
            test_srcs = glob([TEST + '/*.java'])
        mvn_coords = group_id + ':' + name + ':jar:tests:' + version
        if test_srcs:
            java_test(
                name=name + '-tests',
                srcs=test_srcs,
                deps=deps + test_deps + [':' + name + '#non-osgi'],
                resources=test_resources,
                resources_root=test_resources_root,
                maven_coords=mvn_coords,
                visibility=visibility)
            label = osgi_jar(name=name, deps=deps, group_id=group_id, version=version,
                             visibility=visibility, tests=[':' + name + '-tests'], **kwargs)
        else:
            label = osgi_jar(name=name, deps=deps, group_id=group_id, version=version,
                             visibility=visibility, **kwargs)
        model.bundles[label].test_deps = [absolute(d, package) for d in test_deps]

    # bucklets/onos_app.bucklet at 1.14.1
    def onos_app(
            app_name=None,
            name=None,
            title=None,
            version=ONOS_VERSION,
            origin=ONOS_ORIGIN,
            category=DEFAULT_APP_CATEGORY,
            url=None,
            description=None,
            feature_coords=None,
            required_features=['onos-api'],
            required_apps=[],
            included_bundles=None,
            excluded_bundles=[],
            visibility=['PUBLIC'],
            security=None,
            **kwargs):
        # ONOS's onos_app drops unknown keywords without a word; a dropped
        # keyword is a typo in the descriptor, so it fails here.
        if kwargs:
            raise TypeError('onos_app() ignores keyword argument(s) %s' % sorted(kwargs))
        if name is None:
            name = _get_name()
        if app_name is None:
            app_name = _get_app_name()
        if included_bundles is None:
            included_bundles = [':' + name]
        label = '//%s:%s-oar' % (package, name)
        model.declare(label)
        model.apps[label] = App(label, app_name, origin, title, category, url, description,
                                [absolute(b, package) for b in included_bundles], required_apps)

    # bucklets/remote_jar.bucklet at 1.14.1
    def remote_jar(name, out, url, sha1, maven_coords=None, visibility=['PUBLIC']):
        label = '//%s:%s' % (package, name)
        model.declare(label)
        model.declare('//%s:%s' % (package, out))  # its remote_file
        # ONOS's remote_jar lines: url 'mvn:group:artifact:jar:version',
        # maven_coords 'group:artifact:version'.
        match = re.match(r'mvn:([^:]+):([^:]+):jar:([^:]+)$', url)
        if not match:
            raise DescriptorError('%s: url %s is not mvn:group:artifact:jar:version' % (label, url))
        if maven_coords != '%s:%s:%s' % match.groups():
            raise DescriptorError('%s: maven_coords %s do not match url %s' % (label, maven_coords, url))
        if not re.match(r'[0-9a-f]{40}$', sha1):
            raise DescriptorError('%s: sha1 %s is not a SHA-1' % (label, sha1))
        model.local_jars[label] = (match.group(1), match.group(2), match.group(3), sha1)

    return _named({
        'get_base_path': get_base_path,
        'glob': glob,
        'include_defs': include_defs,
        'osgi_jar': osgi_jar,
        'osgi_jar_with_tests': osgi_jar_with_tests,
        'onos_app': onos_app,
        'remote_jar': remote_jar,
        'ONOS_ORIGIN': ONOS_ORIGIN,
        'ONOS_GROUP_ID': ONOS_GROUP_ID,
        'ONOS_VERSION': ONOS_VERSION,
    }, onos_jar, java_test)


