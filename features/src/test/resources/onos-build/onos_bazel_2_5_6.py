"""Stubs of ONOS's Bazel build macros, as of ONOS 2.5.6.

Every function has the keyword parameters, defaults included, of its ONOS
definition, so a keyword that ONOS's Bazel would reject fails here with the
same TypeError:

  osgi_jar_with_tests, osgi_jar  tools/build/bazel/osgi_java_library.bzl
  onos_app                       tools/build/bazel/onos_app.bzl
  COMPILE, CORE_DEPS, JACKSON, ...  tools/build/bazel/generate_workspace.bzl,
                                 loaded into every BUILD file by
                                 tools/build_rules/prelude_bazel
  glob                           Bazel's native.glob

The signatures of osgi_jar, osgi_jar_with_tests and onos_app and the prelude
are the same at tags 2.5.0, 2.6.0 and 2.7.0, and those releases' workspaces
define every label BUILD files here use except the deps.json additions BUILD
lists, so one set of stubs stands for ONOS 2.5 to 2.7.

The stubs record the rules in a descriptor_model.Model instead of building.
"""


from descriptor_model import App, Bundle, LibraryLabel, absolute, package_files, require_web_xml

# tools/build/bazel/variables.bzl at 2.5.6
ONOS_VERSION = '2.5.6'
ONOS_ARTIFACT_BASE = 'onos-'
ONOS_GROUP_ID = 'org.onosproject'
ONOS_ORIGIN = 'ONOS Community'
APP_PREFIX = ONOS_GROUP_ID + '.'
DEFAULT_APP_CATEGORY = 'Utility'

# The library lists tools/build_rules/prelude_bazel loads.
PRELUDE_LISTS = ('COMPILE', 'CORE_DEPS', 'JACKSON', 'KRYO', 'CLI', 'REST', 'METRICS', 'NETTY',
                 'TEST', 'TEST_ADAPTERS', 'TEST_REST', 'ONOS_YANG', 'ATOMIX', 'JAXB')


def _named(names, *internal):
    # TypeErrors name the macro as ONOS's tools do, not this module's closure.
    for value in list(names.values()) + list(internal):
        if callable(value):
            value.__qualname__ = value.__name__
            if hasattr(value.__code__, 'co_qualname'):
                value.__code__ = value.__code__.replace(co_qualname=value.__name__)
    return names


def environment(model, package, package_dir, workspace):
    """The names a BUILD file in `package` sees."""
    COMPILE = workspace['groups']['COMPILE']
    TEST = workspace['groups']['TEST']

    def _auto_name():
        return 'onos-' + package.replace('/', '-')

    def _get_app_name():
        return APP_PREFIX + package.split('/')[-1]

    # Bazel's native glob.
    def glob(include, exclude=[], exclude_directories=1, allow_empty=True):
        return package_files(package_dir, include, exclude)

    def _all_java_sources():
        return glob(['src/main/java/**/*.java'])

    def _all_java_test_sources():
        return glob(['src/test/java/**/*.java'])

    def _all_test_resources():
        return glob(['src/test/resources/**'])

    def _all_resources(resources_root):
        if resources_root == None:
            return glob(['src/main/resources/**'])
        return glob([resources_root + '**'])

    # tools/build/bazel/osgi_java_library.bzl at 2.5.6
    def osgi_jar_with_tests(
            name=None,
            deps=None,
            test_deps=None,
            group='org.onosproject',
            srcs=None,
            resources_root=None,
            resources=None,
            resource_jars=[],
            include_resources={},
            test_srcs=None,
            exclude_tests=None,
            medium_tests=[],
            large_tests=[],
            enormous_tests=[],
            flaky_tests=[],
            test_resources=None,
            visibility=['//visibility:public'],
            version=ONOS_VERSION,
            suppress_errorprone=False,
            suppress_checkstyle=False,
            suppress_javadocs=False,
            web_context=None,
            api_title='',
            api_version='',
            api_description='',
            api_package='',
            import_packages=None,
            bundle_classpath='',
            karaf_command_packages=[]):
        if name == None:
            name = _auto_name()
        if srcs == None:
            srcs = _all_java_sources()
        if resources == None:
            resources = _all_resources(resources_root)
        if test_srcs == None:
            test_srcs = _all_java_test_sources()
        if test_resources == None:
            test_resources = _all_test_resources()
        if deps == None:
            deps = COMPILE
        if test_deps == None:
            test_deps = TEST
        if import_packages == None:
            import_packages = '*'
        if web_context not in (None, ''):
            # As osgi_java_library.bzl 2.5.6 _webapp(): the WAB's web.xml is
            # src/main/webapp/WEB-INF/web.xml of this package, nowhere else.
            require_web_xml(package_dir, '//%s:%s' % (package, name))
        label = '//%s:%s' % (package, name)
        model.declare(label)
        for suffix in ('-native', '-pom', '-sources', '-javadoc', '_cfgdef_jar'):
            model.declare(label + suffix)
        if test_srcs != []:
            model.declare(label + '-tests')
        model.bundles[label] = Bundle(
            label, group, [absolute(d, package) for d in deps],
            [absolute(d, package) for d in test_deps],
            import_packages,
            # As osgi_java_library.bzl 2.5.6 _bnd_impl: exportPackages = "*".
            '*',
            web_context or None,
            ','.join(karaf_command_packages) or None,
            test_srcs != [])

    # tools/build/bazel/osgi_java_library.bzl at 2.5.6
    def osgi_jar(
            name=None,
            deps=None,
            import_packages=None,
            group='org.onosproject',
            srcs=None,
            resources_root=None,
            resources=None,
            resource_jars=[],
            include_resources={},
            visibility=['//visibility:public'],
            version=ONOS_VERSION,
            suppress_errorprone=False,
            suppress_checkstyle=False,
            suppress_javadocs=False,
            web_context=None,
            api_title='',
            api_version='',
            api_description='',
            api_package='',
            bundle_classpath='',
            karaf_command_packages=[]):
        if srcs == None:
            srcs = _all_java_sources()
        if deps == None:
            deps = COMPILE
        osgi_jar_with_tests(
            name=name,
            deps=deps,
            test_deps=[],
            group=group,
            srcs=srcs,
            resources=resources,
            resources_root=resources_root,
            resource_jars=resource_jars,
            test_srcs=[],
            exclude_tests=[],
            test_resources=[],
            visibility=visibility,
            suppress_errorprone=suppress_errorprone,
            suppress_checkstyle=suppress_checkstyle,
            suppress_javadocs=suppress_javadocs,
            version=version,
            import_packages=import_packages,
            api_title=api_title,
            api_version=api_version,
            api_description=api_description,
            api_package=api_package,
            web_context=web_context,
            bundle_classpath=bundle_classpath,
            karaf_command_packages=karaf_command_packages)

    # tools/build/bazel/onos_app.bzl at 2.5.6
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
            visibility=['//visibility:public'],
            security=None,
            **kwargs):
        # ONOS's onos_app drops unknown keywords without a word; a dropped
        # keyword is a typo in the descriptor, so it fails here.
        if kwargs:
            raise TypeError('onos_app() ignores keyword argument(s) %s' % sorted(kwargs))
        if name == None:
            name = ONOS_ARTIFACT_BASE + package.replace('/', '-')
        if app_name == None:
            app_name = _get_app_name()
        if included_bundles == None:
            included_bundles = ['//%s:%s' % (package, name)]
        label = '//%s:%s-oar' % (package, name)
        model.declare(label)
        model.declare('//%s:%s-app-xml' % (package, name))
        model.declare('//%s:%s-feature-xml' % (package, name))
        model.apps[label] = App(label, app_name, origin, title, category, url, description,
                                [absolute(b, package) for b in included_bundles], required_apps)

    names = {name: [LibraryLabel(label, name) for label in workspace['groups'][name]]
             for name in PRELUDE_LISTS}
    names.update({
        'glob': glob,
        'osgi_jar': osgi_jar,
        'osgi_jar_with_tests': osgi_jar_with_tests,
        'onos_app': onos_app,
    })
    return _named(names)

