/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.flowsocket.karaf.ConsoleTables.featureStarted;
import static org.flowsocket.karaf.ConsoleTables.packageNames;
import static org.flowsocket.karaf.ConsoleTables.usesService;
import static org.flowsocket.karaf.ConsoleTables.wires;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * FlowSocket's .oar in a real Apache Karaf 4.2.14 (the Karaf of ONOS 2.5.6)
 * with ONOS 2.5.6's API bundles, pax-war (Jetty 9.4) and stand-ins for the
 * ONOS core services, installed the way ONOS installs an application: the
 * .oar's Maven repository is copied into Karaf's system repository, then its
 * feature repository is added and its features installed. What this proves,
 * and what it cannot, is in docs/karaf.md.
 * <p>
 * The container boots once for the class. Each test runs alone and in any
 * order: the .oar is installed before each test that finds it uninstalled.
 */
public class OarInKarafIT {

    private static final String CONTEXT = "/onos/flowsocket";
    private static final String WEB_BUNDLE = "org.flowsocket.web";
    private static final String FLOWSOCKET_SERVICE = "org.flowsocket.api.FlowSocketService";
    /** The services of FlowSocket's core component, for front doors and other ONOS applications. */
    private static final List<String> FLOWSOCKET_SERVICES = List.of(FLOWSOCKET_SERVICE,
            "org.flowsocket.api.FlowSocketAdminService", "org.flowsocket.api.QosFlowService",
            "org.flowsocket.api.FlowSocketNodeService");
    private static final Pattern OBJECT_CLASS = Pattern.compile("objectClass = \\[([^\\]]*)\\]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIALS = KarafContainer.USER + ":" + KarafContainer.PASSWORD;
    /** The component standing for ONOS's netcfghostprovider, primary host provider of scheme "host". */
    private static final String NETCFG_HOST_PROVIDER = "org.flowsocket.karaf.onos.NetworkConfigHostProviderStandIn";
    private static final String STAND_IN_BUNDLE = "org.flowsocket.karaf.onos-stand-in";

    private static OarBundle.Oar oar;
    private static OnosPlatform onos;
    /** Before the .oar was first installed: bundles not started, and every bundle with its state. */
    private static List<String> notStartedAtBoot;
    private static Set<String> platformBundles;

    @Rule
    public final TestWatcher logOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            if (onos != null) {
                System.out.println(description.getMethodName() + " failed; " + onos.karaf.logTail(120));
            }
        }
    };

    @BeforeClass
    public static void bootPlatform() throws Exception {
        oar = new OarBundle.Oar(Paths.get(property("karaf.it.oar")));
        assertOarHoldsThisBuild(property("karaf.it.built"));
        KarafContainer karaf = new KarafContainer(Paths.get(property("karaf.it.dist")),
                                                  Paths.get(property("karaf.it.home")));
        karaf.prepare(Paths.get(property("karaf.it.m2")),
                      List.of(Paths.get(property("karaf.it.features")).toUri().toString()),
                      OnosPlatform.BOOT, Paths.get(property("karaf.it.etc"), "jetty.xml"));
        onos = OnosPlatform.start(karaf, oar, System.getProperty("karaf.it.javaopts", ""),
                                  Boolean.getBoolean("karaf.it.keep"));
        notStartedAtBoot = onos.notStarted();
        platformBundles = onos.bundleStates();
    }

    @AfterClass
    public static void stopPlatform() throws Exception {
        if (onos != null) {
            onos.stop(Boolean.getBoolean("karaf.it.keep"));
        }
    }

    @Before
    public void installOarUnlessInstalled() throws Exception {
        if (!onos.oarInstalled()) {
            onos.installOar();
        }
    }

    /** The ONOS platform booted: every bundle active (fragments resolved), ONOS's and pax-web's among them. */
    @Test
    public void platformIsUp() throws Exception {
        assertEquals("bundles not started at boot", List.of(), notStartedAtBoot);
        Set<String> names = platformBundles.stream().map(b -> b.split("/")[0]).collect(Collectors.toSet());
        for (String name : List.of("org.onosproject.onos-api", "org.onosproject.onlab-osgi",
                                   "org.onosproject.onlab-misc", "org.onosproject.onos-cli",
                                   "org.onosproject.onos-core-common", "org.ops4j.pax.web.pax-web-extender-war",
                                   "org.eclipse.jetty.websocket.server")) {
            assertTrue(name + " missing: " + names, names.contains(name));
        }
        assertTrue("a FlowSocket bundle was there before the .oar was installed",
                   oar.bundles.keySet().stream().noneMatch(names::contains));
    }

    /** The .oar installs as ONOS installs it, and its features start. */
    @Test
    public void oarInstallsAsOnosInstallsIt() throws Exception {
        onos.uninstallOar();
        onos.installOar();
        String installed = onos.shell.ok("feature:list -i --no-format");
        for (String feature : oar.features) {
            assertTrue("feature " + feature + " not started:\n" + installed, featureStarted(installed, feature));
        }
    }

    /** Every bundle of the .oar is Active, the one built, with each of its imports wired. */
    @Test
    public void bundlesAreActiveAndWired() throws Exception {
        for (OarBundle bundle : oar.bundles.values()) {
            long id = onos.activeBundleId(bundle.symbolicName);
            String headers = onos.shell.ok("bundle:headers " + id);
            assertTrue(bundle.symbolicName + " is not the bundle in the .oar:\n" + headers,
                       headers.contains("Bnd-LastModified = " + bundle.manifest.getValue("Bnd-LastModified")));

            String requirements = onos.shell.ok("bundle:requirements --namespace osgi.wiring.package " + id);
            assertFalse(bundle.symbolicName + " has unwired imports:\n" + requirements,
                        requirements.contains("[UNRESOLVED]"));
            Map<String, String> wires = wires(requirements);
            Set<String> exported = packageNames(bundle.manifest.getValue("Export-Package"));
            for (String imported : packageNames(bundle.manifest.getValue("Import-Package"))) {
                // An import of a package the bundle exports itself may be served by its own
                // export (substituted), which leaves no wire.
                assertTrue(bundle.symbolicName + " import " + imported + " is not wired:\n" + requirements,
                           wires.containsKey(imported) || exported.contains(imported));
            }
            for (Map.Entry<String, String> wire : wires.entrySet()) {
                String pkg = wire.getKey();
                String from = wire.getValue();
                if (pkg.startsWith("org.onosproject.") || pkg.startsWith("org.onlab.")) {
                    assertTrue(pkg + " of " + bundle.symbolicName + " wired to " + from + ", not ONOS's",
                               from.startsWith("org.onosproject."));
                } else if (pkg.startsWith("org.eclipse.jetty.")) {
                    assertTrue(pkg + " wired to " + from, from.startsWith("org.eclipse.jetty."));
                }
            }
        }
    }

    /**
     * FlowSocket's components are active: each bundle uses every ONOS service
     * its components reference (bound and obtained at activation), and
     * FlowSocket's services are registered.
     */
    @Test
    public void componentsAreActive() throws Exception {
        for (OarBundle bundle : oar.bundles.values()) {
            long id = onos.activeBundleId(bundle.symbolicName);
            if (bundle.references.isEmpty()) {
                continue;
            }
            String used = onos.awaitOutput("bundle:requirements --namespace service " + id,
                                      out -> bundle.references.stream().allMatch(r -> usesService(out, r)));
            for (String service : bundle.references) {
                assertTrue(bundle.symbolicName + " does not use " + service + " (component not active?):\n"
                                   + used + onos.shell.ok("bundle:diag " + id), usesService(used, service));
            }
        }
        long app = onos.activeBundleId(oar.providing(FLOWSOCKET_SERVICE).symbolicName);
        String services = onos.awaitOutput("bundle:services -p " + app,
                                      out -> registers(out, FLOWSOCKET_SERVICE));
        // One component registers every FlowSocket service; Felix lists them in one objectClass.
        for (String service : FLOWSOCKET_SERVICES) {
            assertTrue(service + " not registered:\n" + services, registers(services, service));
        }
    }

    // Whether a service registration of the output lists the type among its objectClass.
    private static boolean registers(String bundleServices, String type) {
        Matcher objectClasses = OBJECT_CLASS.matcher(bundleServices);
        while (objectClasses.find()) {
            if (List.of(objectClasses.group(1).split(",\\s*")).contains(type)) {
                return true;
            }
        }
        return false;
    }

    /** The WAB is deployed at /onos/flowsocket, behind BASIC authentication in realm karaf. */
    @Test
    public void webApplicationIsDeployed() throws Exception {
        awaitWebApplication();

        HttpURLConnection anonymous = onos.get(CONTEXT + "/ws", null);
        assertEquals("without credentials", 401, anonymous.getResponseCode());
        // Jetty writes the scheme in lower case; schemes are case-insensitive (RFC 7235).
        assertTrue("WWW-Authenticate: " + anonymous.getHeaderField("WWW-Authenticate"),
                   "Basic realm=\"karaf\"".equalsIgnoreCase(anonymous.getHeaderField("WWW-Authenticate")));
        assertEquals("wrong password", 401,
                     onos.get(CONTEXT + "/ws", KarafContainer.USER + ":wrong").getResponseCode());
        assertEquals("credentials, no upgrade", 426, onos.get(CONTEXT + "/ws", CREDENTIALS).getResponseCode());
    }

    /** A WebSocket client completes an authenticated handshake and gets ok replies. */
    @Test
    public void webSocketServes() throws Exception {
        try (FlowSocketClient socket = connect()) {
            assertHelloAndListNodes(socket);
            String sessions = onos.shell.ok("onos:flowsocket-sessions");
            assertTrue("the session is not listed by FlowSocket's console command:\n" + sessions,
                       sessions.contains("user=" + KarafContainer.USER));
        }
    }

    /**
     * Every FlowSocket console command runs over Karaf's SSH console, and the
     * flow it installs belongs to the Karaf login user.
     */
    @Test
    public void consoleCommandsRunAsTheLoginUser() throws Exception {
        onos.activeBundleId(oar.providing(FLOWSOCKET_SERVICE).symbolicName);
        new ConsoleCommands(onos.shell).runEveryCommandAs(KarafContainer.USER);
    }

    /**
     * On an ONOS where another provider (netcfghostprovider) registered scheme
     * {@code host} first, FlowSocket still activates and serves its socket:
     * ONOS's provider registry refuses a second primary provider for a scheme.
     */
    @Test
    public void activatesWhileAnotherProviderHoldsHostScheme() throws Exception {
        // The netcfghostprovider stand-in registered itself for scheme host at boot: its
        // component is satisfied (its HostProvider service is there) and none of its
        // bundle's components failed to activate (Karaf would show the bundle Waiting).
        String holder = onos.shell.ok("bundle:services -p " + STAND_IN_BUNDLE);
        assertTrue("the stand-in of netcfghostprovider is not active, so nothing holds scheme host:\n" + holder,
                   List.of(holder.split("----")).stream().anyMatch(
                           service -> service.contains("component.name = " + NETCFG_HOST_PROVIDER)
                                   && service.contains("objectClass = [org.onosproject.net.host.HostProvider]")));
        assertEquals("state of " + STAND_IN_BUNDLE + "\n" + onos.karaf.componentErrors(), "Active",
                     onos.bundles().get(STAND_IN_BUNDLE)[1]);
        // Karaf shows the bundle Waiting while its component failed to activate.
        onos.activeBundleId(oar.providing(FLOWSOCKET_SERVICE).symbolicName);
        // The handshake answers 503 "FlowSocket is not active" while FlowSocketService is missing.
        try (FlowSocketClient socket = connect()) {
            assertHelloAndListNodes(socket);
        }
    }

    /** Uninstalling the feature closes the socket with 1001 and leaves nothing of FlowSocket behind. */
    @Test
    public void uninstallLeavesNothingBehind() throws Exception {
        try (FlowSocketClient socket = connect()) {
            assertEquals("hello", next(socket).path("kind").asText());
            for (String feature : oar.features) {
                onos.shell.ok("feature:uninstall " + feature);
            }
            assertTrue("socket still open after the feature was uninstalled",
                       socket.awaitClose(Duration.ofSeconds(15)) != -1);
            assertEquals("close code (reason: " + socket.closeReason() + ")", 1001, socket.closeCode());
        }
        onos.shell.ok("feature:repo-remove " + oar.featuresRepo);

        Map<String, String[]> bundles = onos.bundles();
        for (OarBundle bundle : oar.bundles.values()) {
            assertFalse(bundle.symbolicName + " still installed", bundles.containsKey(bundle.symbolicName));
        }
        String services = onos.shell.ok("bundle:services -p -a");
        for (String left : List.of("org.flowsocket.api", "org.flowsocket.impl", "org.flowsocket.web",
                                   "org.flowsocket.cli", "osgi.web.contextpath = " + CONTEXT)) {
            assertFalse("a service of FlowSocket is still registered (" + left + ")", services.contains(left));
        }
        assertFalse("FlowSocket's console commands are still there",
                    onos.shell.run("onos:flowsocket-sessions", OnosPlatform.SETTLE).ok());
        assertEquals("HTTP status at " + CONTEXT + "/ws", 404,
                     onos.get(CONTEXT + "/ws", null).getResponseCode());
        assertEquals("the platform's bundles changed", platformBundles, onos.bundleStates());
    }

    /** Waits until pax-web has deployed the WAB: it registers the WAB's ServletContext on its behalf. */
    private static void awaitWebApplication() throws Exception {
        OarBundle wab = oar.bundles.get(WEB_BUNDLE);
        assertNotNull(WEB_BUNDLE + " is not in the .oar", wab);
        String services = onos.awaitOutput("bundle:services -p " + onos.activeBundleId(wab.symbolicName),
                                      out -> out.contains("osgi.web.contextpath = " + CONTEXT));
        assertTrue("no servlet context at " + CONTEXT + ":\n" + services,
                   services.contains("osgi.web.contextpath = " + CONTEXT)
                           && services.contains("osgi.web.symbolicname = " + wab.symbolicName));
    }

    private static FlowSocketClient connect() throws Exception {
        awaitWebApplication();
        FlowSocketClient socket = FlowSocketClients.open(
                URI.create("ws://127.0.0.1:" + onos.karaf.httpPort() + CONTEXT + "/ws"),
                ClientConfig.basic(KarafContainer.USER, KarafContainer.PASSWORD));
        assertEquals(101, socket.session().getUpgradeResponse().getStatusCode());
        assertEquals("flowsocket.v1", socket.session().getUpgradeResponse().getAcceptedSubProtocol());
        return socket;
    }

    // The next message from the server, within 10 s.
    private static JsonNode next(FlowSocketClient socket) throws Exception {
        String message = socket.nextMessage(Duration.ofSeconds(10));
        assertNotNull("no message from the server in 10 s", message);
        return JSON.readTree(message);
    }

    private static void assertHelloAndListNodes(FlowSocketClient socket) throws Exception {
        JsonNode greeting = next(socket);
        assertEquals("hello", greeting.path("kind").asText());
        assertEquals(KarafContainer.USER, greeting.path("user").asText());
        assertEquals("admin", greeting.path("role").asText());

        socket.send("{\"type\":\"Hello\",\"id\":\"h1\"}");
        JsonNode hello = next(socket);
        assertEquals(hello.toString(), "reply", hello.path("kind").asText());
        assertEquals(hello.toString(), "h1", hello.path("id").asText());
        assertEquals(hello.toString(), "ok", hello.path("status").asText());
        assertEquals(hello.toString(), "FlowSocket", hello.path("result").path("server").asText());

        socket.send("{\"type\":\"ListNodes\",\"id\":\"n1\"}");
        JsonNode nodes = next(socket);
        assertEquals(nodes.toString(), "n1", nodes.path("id").asText());
        assertEquals(nodes.toString(), "ok", nodes.path("status").asText());
        assertTrue(nodes.toString(), nodes.path("result").path("devices").toString()
                .contains("of:0000000000000001"));
        assertTrue(nodes.toString(), nodes.path("result").path("hosts").toString()
                .contains("00:00:00:00:00:01"));
    }

    // ---- the platform

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull("system property " + name + " (set by the karaf module's pom)", value);
        return value;
    }

    // The features module copies the bundles into the .oar from the local Maven
    // repository: without an install first, the .oar would hold older ones.
    private static void assertOarHoldsThisBuild(String builtJars) throws IOException {
        for (String path : builtJars.split(",")) {
            try (JarFile built = new JarFile(path.trim())) {
                Attributes manifest = built.getManifest().getMainAttributes();
                String name = manifest.getValue("Bundle-SymbolicName");
                OarBundle inOar = oar.bundles.get(name);
                assertNotNull(name + " (" + path + ") is not in the .oar", inOar);
                assertEquals(name + ": the .oar holds another build of it than " + path
                                     + " (run mvn install, which installs the bundles before the .oar is packed)",
                             manifest.getValue("Bnd-LastModified"), inOar.manifest.getValue("Bnd-LastModified"));
            }
        }
    }

}
