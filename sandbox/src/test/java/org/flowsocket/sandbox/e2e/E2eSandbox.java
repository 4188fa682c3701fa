/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.flowsocket.sandbox.web.SandboxUsers;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRuleService;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The real sandbox for end-to-end tests: ONOS's core managers, the simulated
 * network, FlowSocket's component and servlet on Jetty at a free loopback
 * port; plus a Jetty WebSocket client, ONOS REST calls over HTTP with BASIC,
 * and views of what ONOS and the switches hold for FlowSocket's application.
 */
final class E2eSandbox implements AutoCloseable {

    static final String APP = "org.flowsocket.app";
    static final DeviceId S1 = NetworkSpec.switchId(1);
    static final DeviceId S2 = NetworkSpec.switchId(2);
    static final DeviceId S3 = NetworkSpec.switchId(3);

    /** onos/rocks and alice/secret are administrators, viewer/viewer reads only. */
    static final SandboxUsers USERS = SandboxUsers.parse(List.of(
            "onos: rocks, admin", "alice: secret, admin", "viewer: viewer, viewer"), "e2e users");

    /**
     * The store behind ONOS's StorageService: ONOS's Raft store, unless the
     * system property {@code flowsocket.e2e.store} says {@code memory} (the
     * release matrix runs most classes so and a few on each release's Raft).
     */
    static final SandboxCore.Store STORE = SandboxCore.Store.valueOf(
            System.getProperty("flowsocket.e2e.store", "raft").toUpperCase(Locale.ROOT));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Sandbox sandbox;
    private final WebSocketClient jetty;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<FlowSocketClient> clients = new CopyOnWriteArrayList<>();

    private E2eSandbox(Sandbox sandbox, WebSocketClient jetty) {
        this.sandbox = sandbox;
        this.jetty = jetty;
    }

    /** Starts the sandbox on linear,3 (Mininet numbering). */
    static E2eSandbox start() throws Exception {
        return start(NetworkSpec.linear(3));
    }

    static E2eSandbox start(NetworkSpec topology) throws Exception {
        Sandbox sandbox = Sandbox.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .topology(topology)
                .users(USERS)
                .store(STORE)
                .start();
        WebSocketClient jetty = new WebSocketClient();
        jetty.setDaemon(true);
        // Replies listing flows with their ONOS JSON outgrow the client's 64 KiB default.
        jetty.getPolicy().setMaxTextMessageSize(4 * 1024 * 1024);
        try {
            jetty.start();
        } catch (Exception e) {
            sandbox.close();
            throw e;
        }
        return new E2eSandbox(sandbox, jetty);
    }

    SimulatedNetwork network() {
        return sandbox.network();
    }

    URI webSocketUri() {
        return sandbox.web().webSocketUri();
    }

    WebSocketClient jetty() {
        return jetty;
    }

    /** Opens a FlowSocket connection; it is closed with this sandbox. */
    FlowSocketClient connect(String user, String password) throws Exception {
        FlowSocketClient c = FlowSocketClients.connect(jetty, webSocketUri(), ClientConfig.basic(user, password));
        clients.add(c);
        return c;
    }

    FlowSocketClient admin() throws Exception {
        return connect("onos", "rocks");
    }

    // ------------------------------------------------------------------ REST

    HttpResponse<String> restGet(String path, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.web().restUri() + path))
                                 .header("Authorization", ClientConfig.basicAuthorization(user, password))
                                 .timeout(Duration.ofSeconds(10)).GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    /** POST of a JSON body on ONOS's REST API as onos/rocks. */
    HttpResponse<String> restPost(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.web().restUri() + path))
                                 .header("Authorization", ClientConfig.basicAuthorization("onos", "rocks"))
                                 .header("Content-Type", "application/json")
                                 .timeout(Duration.ofSeconds(10))
                                 .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    /** GET on ONOS's REST API as onos/rocks; fails unless 200. */
    JsonNode rest(String path) throws Exception {
        HttpResponse<String> response = restGet(path, "onos", "rocks");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return MAPPER.readTree(response.body());
    }

    /** ONOS REST {@code GET /flows}: the rules of FlowSocket's application on the given devices. */
    List<JsonNode> restFlows(DeviceId... devices) throws Exception {
        List<String> wanted = List.of(devices).stream().map(DeviceId::toString).collect(Collectors.toList());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : rest("/flows").path("flows")) {
            if (APP.equals(f.path("appId").asText()) && wanted.contains(f.path("deviceId").asText())) {
                out.add(f);
            }
        }
        return out;
    }

    /** What the simulated switch holds for FlowSocket's application. */
    List<FlowEntry> switchRules(DeviceId device) {
        short app = appId().id();
        return network().flowTable(device).stream().filter(e -> e.appId() == app).collect(Collectors.toList());
    }

    /** What ONOS's FlowRuleService (in this JVM) holds for FlowSocket's application on a device. */
    List<FlowEntry> onosRules(DeviceId device) {
        short app = appId().id();
        return StreamSupport.stream(sandbox.core().get(FlowRuleService.class).getFlowEntries(device)
                                            .spliterator(), false)
                .filter(e -> e.appId() == app).collect(Collectors.toList());
    }

    ApplicationId appId() {
        return sandbox.core().get(CoreService.class).getAppId(APP);
    }

    /**
     * Returns the link from one port to another as ListLinks lists it.
     *
     * @param client a client that said hello
     * @param src    the link's source port
     * @param dst    the link's destination port
     * @return the link's JSON, or null if ListLinks does not list it
     * @throws Exception on a failed request
     */
    static JsonNode listedLink(FlowSocketClient client, ConnectPoint src, ConnectPoint dst) throws Exception {
        for (JsonNode l : client.ok("{'type':'ListLinks'}").path("links")) {
            if (src.toString().equals(end(l.path("src"))) && dst.toString().equals(end(l.path("dst")))) {
                return l;
            }
        }
        return null;
    }

    private static String end(JsonNode linkEnd) {
        return linkEnd.path("device").asText() + "/" + linkEnd.path("port").asText();
    }

    /**
     * Polls until the probe gives a non-null value; fails after {@code timeout}.
     */
    static <T> T eventually(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within " + timeout + ": " + what, last);
    }

    /** Polls a condition that may throw checked exceptions. */
    interface Check {
        boolean holds() throws Exception;
    }

    static void eventually(String what, Check check) throws InterruptedException {
        eventually(what, Duration.ofSeconds(10), () -> {
            try {
                return check.holds() ? Boolean.TRUE : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() {
        // A client that saw the contract broken fails on close; the sandbox
        // (one Raft store per JVM) stops anyway, or every later class fails too.
        AssertionError broken = null;
        for (FlowSocketClient client : clients) {
            try {
                client.close();
            } catch (AssertionError e) {
                broken = broken == null ? e : broken;
            }
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            // test teardown: nothing to do
        }
        sandbox.close();
        if (broken != null) {
            throw broken;
        }
    }
}
