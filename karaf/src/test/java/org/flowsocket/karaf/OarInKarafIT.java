/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.flowsocket.karaf.ConsoleTables.featureStarted;
import static org.flowsocket.karaf.ConsoleTables.packageNames;
import static org.flowsocket.karaf.ConsoleTables.usesService;
import static org.flowsocket.karaf.ConsoleTables.wires;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

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

    /** Boot stages after Karaf's own: ONOS's boot features, as the test repository defines them. */
    private static final List<List<String>> BOOT = List.of(List.of("system", "wrap"),
            List.of("scr", "pax-war", "onos-api", "onos-core-stand-in", "onos-cli"));
    private static final List<String> PLATFORM = BOOT.stream().flatMap(List::stream).collect(Collectors.toList());
    private static final String CONTEXT = "/onos/flowsocket";
    private static final String WEB_BUNDLE = "org.flowsocket.web";
    private static final String FLOWSOCKET_SERVICE = "org.flowsocket.api.FlowSocketService";
    private static final String CREDENTIALS = KarafContainer.USER + ":" + KarafContainer.PASSWORD;
    /** The component standing for ONOS's netcfghostprovider, primary host provider of scheme "host". */
    private static final String NETCFG_HOST_PROVIDER = "org.flowsocket.karaf.onos.NetworkConfigHostProviderStandIn";
    private static final String STAND_IN_BUNDLE = "org.flowsocket.karaf.onos-stand-in";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static KarafContainer karaf;
    private static KarafShell shell;
    private static OarBundle.Oar oar;
    /** Before the .oar was first installed: bundles not started, and every bundle with its state. */
    private static List<String> notStartedAtBoot;
    private static Set<String> platformBundles;

    @Rule
    public final TestWatcher logOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            if (karaf != null) {
                System.out.println(description.getMethodName() + " failed; " + karaf.logTail(120));
            }
        }
    };

    @BeforeClass
    public static void bootPlatform() throws Exception {
        oar = new OarBundle.Oar(Paths.get(property("karaf.it.oar")));
        assertOarHoldsThisBuild(property("karaf.it.built"));
        karaf = new KarafContainer(Paths.get(property("karaf.it.dist")), Paths.get(property("karaf.it.home")));
        karaf.prepare(Paths.get(property("karaf.it.m2")),
                      List.of(Paths.get(property("karaf.it.features")).toUri().toString()),
                      BOOT, Paths.get(property("karaf.it.etc"), "jetty.xml"));
        karaf.start(System.getProperty("karaf.it.javaopts", ""), Boolean.getBoolean("karaf.it.keep"));
        shell = new KarafShell("127.0.0.1", karaf.sshPort(), KarafContainer.USER, KarafContainer.PASSWORD);
        awaitPlatform(Duration.ofSeconds(150));
        notStartedAtBoot = notStarted();
        platformBundles = bundleStates();
    }

    @AfterClass
    public static void stopPlatform() throws Exception {
        if (karaf != null && !Boolean.getBoolean("karaf.it.keep")) {
            karaf.stop(shell);
        }
        if (shell != null) {
            shell.close();
        }
    }

    @Before
    public void installOarUnlessInstalled() throws Exception {
        if (!oarInstalled()) {
            installOar();
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
        uninstallOar();
        installOar();
        String installed = shell.ok("feature:list -i --no-format");
        for (String feature : oar.features) {
            assertTrue("feature " + feature + " not started:\n" + installed, featureStarted(installed, feature));
        }
    }

    /** Every bundle of the .oar is Active, the one built, with each of its imports wired. */
    @Test
    public void bundlesAreActiveAndWired() throws Exception {
        for (OarBundle bundle : oar.bundles.values()) {
            long id = activeBundleId(bundle);
            String headers = shell.ok("bundle:headers " + id);
            assertTrue(bundle.symbolicName + " is not the bundle in the .oar:\n" + headers,
                       headers.contains("Bnd-LastModified = " + bundle.manifest.getValue("Bnd-LastModified")));

            String requirements = shell.ok("bundle:requirements --namespace osgi.wiring.package " + id);
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
     * FlowSocketService is registered.
     */
    @Test
    public void componentsAreActive() throws Exception {
        for (OarBundle bundle : oar.bundles.values()) {
            long id = activeBundleId(bundle);
            if (bundle.references.isEmpty()) {
                continue;
            }
            String used = awaitOutput("bundle:requirements --namespace service " + id,
                                      out -> bundle.references.stream().allMatch(r -> usesService(out, r)));
            for (String service : bundle.references) {
                assertTrue(bundle.symbolicName + " does not use " + service + " (component not active?):\n"
                                   + used + shell.ok("bundle:diag " + id), usesService(used, service));
            }
        }
        long app = activeBundleId(oar.providing(FLOWSOCKET_SERVICE));
        String services = awaitOutput("bundle:services -p " + app,
                                      out -> out.contains("objectClass = [" + FLOWSOCKET_SERVICE + "]"));
        assertTrue("FlowSocketService not registered:\n" + services,
                   services.contains("objectClass = [" + FLOWSOCKET_SERVICE + "]"));
    }

    /** The WAB is deployed at /onos/flowsocket, behind BASIC authentication in realm karaf. */
    @Test
    public void webApplicationIsDeployed() throws Exception {
        awaitWebApplication();

        HttpURLConnection anonymous = get(CONTEXT + "/ws", null);
        assertEquals("without credentials", 401, anonymous.getResponseCode());
        // Jetty writes the scheme in lower case; schemes are case-insensitive (RFC 7235).
        assertTrue("WWW-Authenticate: " + anonymous.getHeaderField("WWW-Authenticate"),
                   "Basic realm=\"karaf\"".equalsIgnoreCase(anonymous.getHeaderField("WWW-Authenticate")));
        assertEquals("wrong password", 401, get(CONTEXT + "/ws", KarafContainer.USER + ":wrong").getResponseCode());
        assertEquals("credentials, no upgrade", 426, get(CONTEXT + "/ws", CREDENTIALS).getResponseCode());
    }

    /** A WebSocket client completes an authenticated handshake and gets ok replies. */
    @Test
    public void webSocketServes() throws Exception {
        try (FlowSocketClient socket = connect()) {
            assertHelloAndListNodes(socket);
            String sessions = shell.ok("onos:flowsocket-sessions");
            assertTrue("the session is not listed by FlowSocket's console command:\n" + sessions,
                       sessions.contains("user=" + KarafContainer.USER));
        }
    }

    /**
     * On an ONOS where another provider (netcfghostprovider) registered scheme
     * {@code host} first, FlowSocket still activates and serves its socket:
     * ONOS's provider registry refuses a second primary provider for a scheme.
     */
    @Test
    public void activatesWhileAnotherProviderHoldsHostScheme() throws Exception {
        // An immediate component's service stays registered only if its activation succeeded:
        // the netcfghostprovider stand-in registered itself for scheme host at boot.
        String holder = shell.ok("bundle:services -p " + STAND_IN_BUNDLE);
        assertTrue("the stand-in of netcfghostprovider is not active, so nothing holds scheme host:\n" + holder,
                   List.of(holder.split("----")).stream().anyMatch(
                           service -> service.contains("component.name = " + NETCFG_HOST_PROVIDER)
                                   && service.contains("objectClass = [org.onosproject.net.host.HostProvider]")));
        // Karaf shows the bundle Waiting while its component failed to activate.
        activeBundleId(oar.providing(FLOWSOCKET_SERVICE));
        awaitWebApplication();
        assertEquals("status of an upgrade-less request (503: FlowSocket is not active)", 426,
                     get(CONTEXT + "/ws", CREDENTIALS).getResponseCode());
        try (FlowSocketClient socket = connect()) {
            assertHelloAndListNodes(socket);
        }
    }

    /** Uninstalling the feature closes the socket with 1001 and leaves nothing of FlowSocket behind. */
    @Test
    public void uninstallLeavesNothingBehind() throws Exception {
        try (FlowSocketClient socket = connect()) {
            assertEquals("hello", socket.next().path("kind").asText());
            for (String feature : oar.features) {
                shell.ok("feature:uninstall " + feature);
            }
            assertTrue("socket still open after the feature was uninstalled", socket.awaitClose(15));
            assertEquals("close code (reason: " + socket.closeReason() + ")", 1001, socket.closeCode());
        }
        shell.ok("feature:repo-remove " + oar.featuresRepo);

        Map<String, String[]> bundles = bundles();
        for (OarBundle bundle : oar.bundles.values()) {
            assertFalse(bundle.symbolicName + " still installed", bundles.containsKey(bundle.symbolicName));
        }
        String services = shell.ok("bundle:services -p -a");
        for (String left : List.of("org.flowsocket.api", "org.flowsocket.impl", "org.flowsocket.web",
                                   "org.flowsocket.cli", "osgi.web.contextpath = " + CONTEXT)) {
            assertFalse("a service of FlowSocket is still registered (" + left + ")", services.contains(left));
        }
        assertFalse("FlowSocket's console commands are still there",
                    shell.run("onos:flowsocket-sessions", SETTLE).ok());
        assertEquals("HTTP status at " + CONTEXT + "/ws", 404, get(CONTEXT + "/ws", null).getResponseCode());
        assertEquals("the platform's bundles changed", platformBundles, bundleStates());
    }

    // ---- the .oar in the container

    // ONOS's ApplicationArchive copies the .oar's m2/ into Karaf's system/; its
    // ApplicationManager adds the feature repository and installs the features.
    private static void installOar() throws Exception {
        KarafContainer.copyTree(oar.root.resolve("m2"), karaf.home().resolve("system"));
        shell.ok("feature:repo-add " + oar.featuresRepo);
        for (String feature : oar.features) {
            shell.ok("feature:install " + feature);
        }
    }

    private static void uninstallOar() throws Exception {
        String installed = shell.ok("feature:list -i --no-format");
        for (String feature : oar.features) {
            if (listed(installed, feature)) {
                shell.ok("feature:uninstall " + feature);
            }
        }
        if (shell.ok("feature:repo-list --no-format").contains(oar.featuresRepo)) {
            shell.ok("feature:repo-remove " + oar.featuresRepo);
        }
    }

    private static boolean oarInstalled() throws IOException {
        String installed = shell.ok("feature:list -i --no-format");
        return oar.features.stream().allMatch(f -> listed(installed, f));
    }

    private static boolean listed(String featureList, String feature) {
        return ConsoleTables.rows(featureList).stream().anyMatch(row -> row[0].equals(feature));
    }

    /** The bundle's id once Karaf shows it Active: components activate on their own threads. */
    private static long activeBundleId(OarBundle bundle) throws Exception {
        long end = System.nanoTime() + SETTLE.toNanos();
        String[] row = bundles().get(bundle.symbolicName);
        while (System.nanoTime() < end && (row == null || !"Active".equals(row[1]))) {
            Thread.sleep(500);
            row = bundles().get(bundle.symbolicName);
        }
        assertNotNull(bundle.symbolicName + " not installed", row);
        assertEquals(bundle.symbolicName + " state (Karaf shows Waiting while a component is not active)\n"
                             + karaf.componentErrors(), "Active", row[1]);
        return Long.parseLong(row[0]);
    }

    /** Waits until pax-web has deployed the WAB: it registers the WAB's ServletContext on its behalf. */
    private static void awaitWebApplication() throws Exception {
        OarBundle wab = oar.bundles.get(WEB_BUNDLE);
        assertNotNull(WEB_BUNDLE + " is not in the .oar", wab);
        String services = awaitOutput("bundle:services -p " + activeBundleId(wab),
                                      out -> out.contains("osgi.web.contextpath = " + CONTEXT));
        assertTrue("no servlet context at " + CONTEXT + ":\n" + services,
                   services.contains("osgi.web.contextpath = " + CONTEXT)
                           && services.contains("osgi.web.symbolicname = " + wab.symbolicName));
    }

    private static FlowSocketClient connect() throws Exception {
        awaitWebApplication();
        FlowSocketClient socket = FlowSocketClient.connect(
                URI.create("ws://127.0.0.1:" + karaf.httpPort() + CONTEXT + "/ws"), CREDENTIALS);
        assertEquals(101, socket.session().getUpgradeResponse().getStatusCode());
        assertEquals("flowsocket.v1", socket.session().getUpgradeResponse().getAcceptedSubProtocol());
        return socket;
    }

    private static void assertHelloAndListNodes(FlowSocketClient socket) throws Exception {
        JsonNode greeting = socket.next();
        assertEquals("hello", greeting.path("kind").asText());
        assertEquals(KarafContainer.USER, greeting.path("user").asText());
        assertEquals("admin", greeting.path("role").asText());

        socket.send("{\"type\":\"Hello\",\"id\":\"h1\"}");
        JsonNode hello = socket.next();
        assertEquals(hello.toString(), "reply", hello.path("kind").asText());
        assertEquals(hello.toString(), "h1", hello.path("id").asText());
        assertEquals(hello.toString(), "ok", hello.path("status").asText());
        assertEquals(hello.toString(), "FlowSocket", hello.path("result").path("server").asText());

        socket.send("{\"type\":\"ListNodes\",\"id\":\"n1\"}");
        JsonNode nodes = socket.next();
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

    private static void awaitPlatform(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "(no answer from the console)";
        while (System.nanoTime() < end) {
            if (!karaf.alive()) {
                fail("Karaf exited:\n" + Files.readString(karaf.home().resolve("console.log")));
            }
            try {
                KarafShell.Result list = shell.run("feature:list -i --no-format", SETTLE);
                last = list.toString();
                if (list.ok() && PLATFORM.stream().allMatch(f -> featureStarted(list.out, f))
                        && notStarted().isEmpty()) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        fail("the platform features did not start in " + timeout + ":\n" + last + "\n" + karaf.logTail(80));
    }

    private static String awaitOutput(String command, Predicate<String> done) throws Exception {
        long end = System.nanoTime() + SETTLE.toNanos();
        String out = shell.ok(command);
        while (!done.test(out) && System.nanoTime() < end) {
            Thread.sleep(500);
            out = shell.ok(command);
        }
        return out;
    }

    private static List<String> notStarted() throws IOException {
        return ConsoleTables.notStarted(shell.ok("bundle:list -t 0 --no-format"));
    }

    private static Map<String, String[]> bundles() throws IOException {
        return ConsoleTables.bundles(shell.ok("bundle:list -s -t 0 --no-format"));
    }

    private static Set<String> bundleStates() throws IOException {
        Set<String> states = new TreeSet<>();
        for (String[] b : bundles().values()) {
            states.add(b[4] + "/" + b[3] + " " + b[1]);
        }
        return states;
    }

    private static HttpURLConnection get(String path, String credentials) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + karaf.httpPort() + path)
                .openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(10000);
        if (credentials != null) {
            connection.setRequestProperty("Authorization", FlowSocketClient.basic(credentials));
        }
        return connection;
    }
}
