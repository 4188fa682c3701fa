/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.junit.runners.MethodSorters;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The steps depend on each other and run in name order.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class OarInKarafIT {

    /** Boot stages after Karaf's own: ONOS's boot features, as the test repository defines them. */
    private static final List<List<String>> BOOT = List.of(List.of("system", "wrap"),
            List.of("scr", "pax-war", "onos-api", "onos-core-stand-in", "onos-cli"));
    private static final List<String> PLATFORM = BOOT.stream().flatMap(List::stream)
            .collect(java.util.stream.Collectors.toList());
    private static final String CONTEXT = "/onos/flowsocket";
    private static final String WEB_BUNDLE = "org.flowsocket.web";
    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern PROVIDER = Pattern.compile("from (\\S+) \\[(\\d+)]");
    private static final Pattern REFERENCE = Pattern.compile("<reference [^>]*interface=\"([^\"]+)\"");
    private static final Pattern PROVIDE = Pattern.compile("<provide interface=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KarafContainer karaf;
    private static KarafShell shell;
    private static Path oar;
    private static String featuresRepo;
    private static List<String> features;
    private static final Map<String, Bundle> OAR_BUNDLES = new LinkedHashMap<>();
    private static Set<String> platformBundles;
    private static WebSocketClient wsClient;
    private static Client socket;

    /** A bundle of the .oar: its real manifest and component descriptions, as built. */
    private static final class Bundle {
        final String symbolicName;
        final Attributes manifest;
        final Set<String> references = new TreeSet<>();
        final Set<String> services = new TreeSet<>();
        long id = -1;

        Bundle(JarFile jar) throws IOException {
            this.manifest = jar.getManifest().getMainAttributes();
            this.symbolicName = manifest.getValue("Bundle-SymbolicName").split(";")[0].trim();
            String components = manifest.getValue("Service-Component");
            for (String xml : components == null ? new String[0] : components.split(",")) {
                String text = new String(jar.getInputStream(jar.getEntry(xml.trim())).readAllBytes(),
                                         StandardCharsets.UTF_8);
                Matcher reference = REFERENCE.matcher(text);
                while (reference.find()) {
                    references.add(reference.group(1));
                }
                Matcher provide = PROVIDE.matcher(text);
                while (provide.find()) {
                    services.add(provide.group(1));
                }
            }
        }
    }

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
        oar = Paths.get(property("karaf.it.oar"));
        readAppXml(oar.resolve("app.xml"));
        assertOarHoldsThisBuild(property("karaf.it.built"));
        karaf = new KarafContainer(Paths.get(property("karaf.it.dist")), Paths.get(property("karaf.it.home")));
        karaf.prepare(Paths.get(property("karaf.it.m2")),
                      List.of(Paths.get(property("karaf.it.features")).toUri().toString()),
                      BOOT, Paths.get(property("karaf.it.etc"), "jetty.xml"));
        karaf.start(System.getProperty("karaf.it.javaopts", ""), Boolean.getBoolean("karaf.it.keep"));
        shell = new KarafShell("127.0.0.1", karaf.sshPort(), KarafContainer.USER, KarafContainer.PASSWORD);
        awaitPlatform(Duration.ofSeconds(150));
    }

    @AfterClass
    public static void stopPlatform() throws Exception {
        if (wsClient != null) {
            wsClient.stop();
        }
        if (karaf != null) {
            if (!Boolean.getBoolean("karaf.it.keep")) {
                karaf.stop(shell);
            }
        }
        if (shell != null) {
            shell.close();
        }
    }

    /** The ONOS platform is up: every bundle active (fragments resolved), onos-api among them. */
    @Test
    public void step1PlatformIsUp() throws Exception {
        assertEquals("bundles not started", List.of(), notStarted());
        Map<String, String[]> bundles = bundles();
        for (String name : List.of("org.onosproject.onos-api", "org.onosproject.onlab-osgi",
                                   "org.onosproject.onlab-misc", "org.onosproject.onos-cli",
                                   "org.onosproject.onos-core-common", "org.ops4j.pax.web.pax-web-extender-war",
                                   "org.eclipse.jetty.websocket.server")) {
            assertTrue(name + " missing: " + bundles.keySet(), bundles.containsKey(name));
        }
        assertTrue("a FlowSocket bundle is there before the .oar is installed",
                   OAR_BUNDLES.keySet().stream().noneMatch(bundles::containsKey));
        platformBundles = bundleStates();
    }

    /** The .oar installs as ONOS installs it. */
    @Test
    public void step2OarInstallsAsOnosInstallsIt() throws Exception {
        // ONOS's ApplicationArchive copies the .oar's m2/ into Karaf's system/ ...
        KarafContainer.copyTree(oar.resolve("m2"), karaf.home().resolve("system"));
        // ... and its ApplicationManager adds the feature repository and installs the features.
        shell.ok("feature:repo-add " + featuresRepo);
        for (String feature : features) {
            shell.ok("feature:install " + feature);
        }
        String installed = shell.ok("feature:list -i --no-format");
        for (String feature : features) {
            assertTrue("feature " + feature + " not started:\n" + installed, started(installed, feature));
        }
    }

    /** Every bundle of the .oar is ACTIVE, the one built, with each of its imports wired. */
    @Test
    public void step3BundlesAreActiveAndWired() throws Exception {
        // Components activate on their own threads: give them a moment to leave Waiting.
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, String[]> bundles = bundles();
        while (System.nanoTime() < end && OAR_BUNDLES.keySet().stream()
                .anyMatch(b -> bundles.containsKey(b) && !"Active".equals(bundles.get(b)[1]))) {
            Thread.sleep(500);
            bundles.putAll(bundles());
        }
        for (Bundle bundle : OAR_BUNDLES.values()) {
            String[] row = bundles.get(bundle.symbolicName);
            assertNotNull(bundle.symbolicName + " not installed: " + bundles.keySet(), row);
            bundle.id = Long.parseLong(row[0]);
            assertEquals(bundle.symbolicName + " state", "Active", row[1]);

            String headers = shell.ok("bundle:headers " + bundle.id);
            assertTrue(bundle.symbolicName + " is not the bundle in the .oar:\n" + headers,
                       headers.contains("Bnd-LastModified = " + bundle.manifest.getValue("Bnd-LastModified")));

            String requirements = shell.ok("bundle:requirements --namespace osgi.wiring.package " + bundle.id);
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
            System.out.println(bundle.symbolicName + " [" + bundle.id + "] imports wired: " + wires);
        }
    }

    /**
     * FlowSocket's components are active: each uses every ONOS service it
     * references (bound and obtained at activation), and registers its own.
     */
    @Test
    public void step4ComponentsAreActive() throws Exception {
        for (Bundle bundle : OAR_BUNDLES.values()) {
            assertTrue(bundle.symbolicName + " was not found installed (step 3)", bundle.id >= 0);
            if (bundle.references.isEmpty()) {
                continue;
            }
            String used = awaitOutput("bundle:requirements --namespace service " + bundle.id,
                                      out -> bundle.references.stream().allMatch(r -> usesService(out, r)),
                                      Duration.ofSeconds(30));
            for (String service : bundle.references) {
                assertTrue(bundle.symbolicName + " does not use " + service + " (component not active?):\n"
                                   + used + shell.ok("bundle:diag " + bundle.id), usesService(used, service));
            }
            assertEquals(bundle.symbolicName + " state (Karaf shows Waiting while a component is not active)",
                         "Active", bundles().get(bundle.symbolicName)[1]);
            System.out.println(bundle.symbolicName + " uses:\n" + used);
        }
        Bundle app = bundleProviding("org.flowsocket.api.FlowSocketService");
        String services = shell.ok("bundle:services -p " + app.id);
        assertTrue("FlowSocketService not registered:\n" + services,
                   services.contains("objectClass = [org.flowsocket.api.FlowSocketService]"));
    }

    /** The WAB is deployed at /onos/flowsocket, behind BASIC authentication in realm karaf. */
    @Test
    public void step5WebApplicationIsDeployed() throws Exception {
        Bundle wab = OAR_BUNDLES.get(WEB_BUNDLE);
        assertNotNull(WEB_BUNDLE + " is not in the .oar", wab);
        // pax-web registers the WAB's ServletContext on the WAB's behalf once deployed.
        String services = awaitOutput("bundle:services -p " + wab.id,
                                      out -> out.contains("osgi.web.contextpath = " + CONTEXT),
                                      Duration.ofSeconds(30));
        assertTrue("no servlet context at " + CONTEXT + ":\n" + services,
                   services.contains("osgi.web.contextpath = " + CONTEXT)
                           && services.contains("osgi.web.symbolicname = " + wab.symbolicName));

        HttpURLConnection anonymous = get(CONTEXT + "/ws", null);
        assertEquals("without credentials", 401, anonymous.getResponseCode());
        // Jetty writes the scheme in lower case; schemes are case-insensitive (RFC 7235).
        assertTrue("WWW-Authenticate: " + anonymous.getHeaderField("WWW-Authenticate"),
                   "Basic realm=\"karaf\"".equalsIgnoreCase(anonymous.getHeaderField("WWW-Authenticate")));
        assertEquals("wrong password", 401, get(CONTEXT + "/ws", KarafContainer.USER + ":wrong").getResponseCode());
        assertEquals("credentials, no upgrade", 426,
                     get(CONTEXT + "/ws", KarafContainer.USER + ":" + KarafContainer.PASSWORD).getResponseCode());
    }

    /** A WebSocket client completes an authenticated handshake and gets ok replies. */
    @Test
    public void step6WebSocketServes() throws Exception {
        wsClient = new WebSocketClient();
        wsClient.start();
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols("flowsocket.v1");
        request.setHeader("Authorization", basic(KarafContainer.USER + ":" + KarafContainer.PASSWORD));
        Client client = new Client();
        URI uri = URI.create("ws://127.0.0.1:" + karaf.httpPort() + CONTEXT + "/ws");
        Session session = wsClient.connect(client, uri, request).get(15, TimeUnit.SECONDS);
        socket = client;
        assertEquals(101, session.getUpgradeResponse().getStatusCode());
        assertEquals("flowsocket.v1", session.getUpgradeResponse().getAcceptedSubProtocol());

        JsonNode greeting = socket.next();
        assertEquals("hello", greeting.path("kind").asText());
        assertEquals(KarafContainer.USER, greeting.path("user").asText());
        assertEquals("admin", greeting.path("role").asText());

        session.getRemote().sendString("{\"type\":\"Hello\",\"id\":\"h1\"}");
        JsonNode hello = socket.next();
        assertEquals(hello.toString(), "reply", hello.path("kind").asText());
        assertEquals(hello.toString(), "h1", hello.path("id").asText());
        assertEquals(hello.toString(), "ok", hello.path("status").asText());
        assertEquals(hello.toString(), "FlowSocket", hello.path("result").path("server").asText());

        session.getRemote().sendString("{\"type\":\"ListNodes\",\"id\":\"n1\"}");
        JsonNode nodes = socket.next();
        assertEquals(nodes.toString(), "n1", nodes.path("id").asText());
        assertEquals(nodes.toString(), "ok", nodes.path("status").asText());
        assertTrue(nodes.toString(), nodes.path("result").path("devices").toString()
                .contains("of:0000000000000001"));
        assertTrue(nodes.toString(), nodes.path("result").path("hosts").toString()
                .contains("00:00:00:00:00:01"));

        String sessions = shell.ok("onos:flowsocket-sessions");
        assertTrue("the session is not listed by FlowSocket's console command:\n" + sessions,
                   sessions.contains("user=" + KarafContainer.USER));
    }

    /** Uninstalling the feature closes the socket with 1001 and leaves nothing of FlowSocket behind. */
    @Test
    public void step7UninstallLeavesNothingBehind() throws Exception {
        assertNotNull("no open socket from the previous step", socket);
        for (String feature : features) {
            shell.ok("feature:uninstall " + feature);
        }
        assertTrue("socket still open after the feature was uninstalled",
                   socket.closed.await(15, TimeUnit.SECONDS));
        assertEquals("close code (reason: " + socket.closeReason + ")", 1001, socket.closeCode);
        shell.ok("feature:repo-remove " + featuresRepo);

        Map<String, String[]> bundles = bundles();
        for (Bundle bundle : OAR_BUNDLES.values()) {
            assertFalse(bundle.symbolicName + " still installed", bundles.containsKey(bundle.symbolicName));
        }
        String services = shell.ok("bundle:services -p -a");
        for (String left : List.of("org.flowsocket.api", "org.flowsocket.impl", "org.flowsocket.web",
                                   "org.flowsocket.cli", "osgi.web.contextpath = " + CONTEXT)) {
            assertFalse("a service of FlowSocket is still registered (" + left + ")", services.contains(left));
        }
        assertFalse("FlowSocket's console commands are still there",
                    shell.run("onos:flowsocket-sessions", Duration.ofSeconds(30)).ok());
        assertEquals("HTTP status at " + CONTEXT + "/ws", 404, get(CONTEXT + "/ws", null).getResponseCode());
        assertEquals("the platform's bundles changed", platformBundles, bundleStates());
    }

    // ---- helpers

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull("system property " + name + " (set by the karaf module's pom)", value);
        return value;
    }

    private static void readAppXml(Path appXml) throws Exception {
        Element app = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(appXml.toFile())
                .getDocumentElement();
        featuresRepo = app.getAttribute("featuresRepo");
        features = List.of(app.getAttribute("features").split(","));
        NodeList artifacts = app.getElementsByTagName("artifact");
        for (int i = 0; i < artifacts.getLength(); i++) {
            Path jar = artifactPath(artifacts.item(i).getTextContent().trim());
            try (JarFile file = new JarFile(jar.toFile())) {
                Bundle bundle = new Bundle(file);
                OAR_BUNDLES.put(bundle.symbolicName, bundle);
            }
        }
        assertFalse("no artifacts in app.xml", OAR_BUNDLES.isEmpty());
    }

    // The features module copies the bundles into the .oar from the local Maven
    // repository: without an install first, the .oar would hold older ones.
    private static void assertOarHoldsThisBuild(String builtJars) throws IOException {
        for (String path : builtJars.split(",")) {
            try (JarFile built = new JarFile(path.trim())) {
                Attributes manifest = built.getManifest().getMainAttributes();
                String name = manifest.getValue("Bundle-SymbolicName");
                Bundle inOar = OAR_BUNDLES.get(name);
                assertNotNull(name + " (" + path + ") is not in the .oar", inOar);
                assertEquals(name + ": the .oar holds another build of it than " + path
                                     + " (run mvn install, which installs the bundles before the .oar is packed)",
                             manifest.getValue("Bnd-LastModified"), inOar.manifest.getValue("Bnd-LastModified"));
            }
        }
    }

    // mvn:group/artifact/version in the .oar's m2/ directory.
    private static Path artifactPath(String mvnUrl) {
        String[] gav = mvnUrl.substring("mvn:".length()).split("/");
        return oar.resolve("m2").resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
    }

    // Whether bundle:requirements --namespace service lists the service class as in use.
    private static boolean usesService(String requirements, String service) {
        return Pattern.compile("^service; \\[([^]]*, )?" + Pattern.quote(service) + "(, [^]]*)?] provided by:",
                               Pattern.MULTILINE).matcher(requirements).find();
    }

    private static Bundle bundleProviding(String service) {
        return OAR_BUNDLES.values().stream().filter(b -> b.services.contains(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no component of the .oar provides " + service));
    }

    private static void awaitPlatform(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "(no answer from the console)";
        while (System.nanoTime() < end) {
            if (!karaf.alive()) {
                fail("Karaf exited:\n" + Files.readString(karaf.home().resolve("console.log")));
            }
            try {
                KarafShell.Result list = shell.run("feature:list -i --no-format", Duration.ofSeconds(30));
                last = list.toString();
                if (list.ok() && PLATFORM.stream().allMatch(f -> started(list.out, f)) && notStarted().isEmpty()) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        fail("the platform features did not start in " + timeout + ":\n" + last + "\n" + karaf.logTail(80));
    }

    private static String awaitOutput(String command, java.util.function.Predicate<String> done, Duration timeout)
            throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String out = shell.ok(command);
        while (!done.test(out) && System.nanoTime() < end) {
            Thread.sleep(500);
            out = shell.ok(command);
        }
        return out;
    }

    // Whether feature:list --no-format shows the feature as started.
    private static boolean started(String featureList, String feature) {
        return table(featureList).stream().anyMatch(row -> row.length > 3 && row[0].equals(feature)
                && List.of(row).contains("Started"));
    }

    // Rows of a console table printed with --no-format, cells trimmed.
    private static List<String[]> table(String out) {
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] cells = line.split("\t");
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].trim();
            }
            rows.add(cells);
        }
        return rows;
    }

    // Bundles neither active nor a resolved fragment (bundle:list names a fragment's hosts).
    private static List<String> notStarted() throws IOException {
        List<String> waiting = new ArrayList<>();
        for (String[] cells : table(shell.ok("bundle:list -t 0 --no-format"))) {
            if (cells.length >= 5 && cells[0].matches("\\d+") && !"Active".equals(cells[1])
                    && !("Resolved".equals(cells[1]) && cells[4].contains(", Hosts: "))) {
                waiting.add(String.join(" ", cells));
            }
        }
        return waiting;
    }

    // Symbolic name -> {id, state, level, version, symbolic name}, from bundle:list.
    private static Map<String, String[]> bundles() throws IOException {
        Map<String, String[]> bundles = new LinkedHashMap<>();
        for (String[] cells : table(shell.ok("bundle:list -s -t 0 --no-format"))) {
            if (cells.length >= 5 && cells[0].matches("\\d+")) {
                bundles.put(cells[4], cells);
            }
        }
        return bundles;
    }

    private static Set<String> bundleStates() throws IOException {
        Set<String> states = new TreeSet<>();
        for (String[] b : bundles().values()) {
            states.add(b[4] + "/" + b[3] + " " + b[1]);
        }
        return states;
    }

    // Imported package -> provider bundle, from bundle:requirements.
    private static Map<String, String> wires(String requirements) {
        Map<String, String> wires = new LinkedHashMap<>();
        String pending = null;
        for (String line : requirements.split("\n")) {
            Matcher pkg = PACKAGE.matcher(line);
            if (line.startsWith("osgi.wiring.package") && pkg.find()) {
                pending = line.contains("resolved by:") ? pkg.group(1) : null;
            } else if (pending != null) {
                Matcher provider = PROVIDER.matcher(line);
                if (provider.find()) {
                    wires.put(pending, provider.group(1));
                    pending = null;
                }
            }
        }
        return wires;
    }

    // Package names of an Import-Package header (attributes and directives dropped).
    private static Set<String> packageNames(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String text = clause.toString();
                if (!text.contains("resolution:=optional")) {
                    for (String part : text.split(";")) {
                        if (!part.contains("=") && !part.isBlank()) {
                            names.add(part.trim());
                        }
                    }
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }

    private static HttpURLConnection get(String path, String credentials) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + karaf.httpPort() + path)
                .openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(10000);
        if (credentials != null) {
            connection.setRequestProperty("Authorization", basic(credentials));
        }
        return connection;
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** Records what the server sends. */
    public static final class Client implements WebSocketListener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile int closeCode = -1;
        volatile String closeReason;

        @Override
        public void onWebSocketConnect(Session session) {
        }

        @Override
        public void onWebSocketText(String message) {
            messages.add(message);
        }

        @Override
        public void onWebSocketBinary(byte[] payload, int offset, int len) {
            messages.add("{\"binary\":" + len + "}");
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            closed.countDown();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
        }

        JsonNode next() throws Exception {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull("no message from the server in 10 s", message);
            return JSON.readTree(message);
        }
    }
}
