/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

/**
 * What the benchmark talks to: a sandbox started in this JVM (the default),
 * or a running sandbox or ONOS reached by URL. Holds the HTTP and WebSocket
 * clients and the ways to see confirmations and count rules, which in this
 * JVM go through ONOS's services and otherwise through ONOS's REST API.
 */
public final class Target implements AutoCloseable {

    /** Application id of the REST rows' rules ({@code appId} of POST /onos/v1/flows). */
    public static final String REST_APP = "org.flowsocket.bench.rest";
    /** Application id of the in-process row's rules. */
    public static final String IN_PROCESS_APP = "org.flowsocket.bench";
    /** FlowSocket's application id. */
    public static final String FLOWSOCKET_APP = "org.flowsocket.app";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Sandbox sandbox;
    private final URI http;
    private final URI ws;
    private final String user;
    private final String password;
    private final HttpClient httpClient;
    private final WebSocketClient jetty;

    /** Receives a confirmed flow number and when it was seen. */
    public interface ConfirmationSink {
        /**
         * @param flowNumber flow number (see {@link FlowRules})
         * @param nanos      System.nanoTime() when seen
         */
        void confirmed(int flowNumber, long nanos);
    }

    private Target(Sandbox sandbox, URI http, String user, String password) throws Exception {
        this.sandbox = sandbox;
        this.http = http;
        this.ws = URI.create(http.toString().replaceFirst("^http", "ws") + "/onos/flowsocket/ws");
        this.user = user;
        this.password = password;
        this.httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.jetty = new WebSocketClient();
        jetty.getPolicy().setMaxTextMessageSize(64 * 1024 * 1024);
        jetty.getPolicy().setIdleTimeout(600_000);
        jetty.setMaxTextMessageBufferSize(64 * 1024 * 1024);
        jetty.start();
    }

    /**
     * Starts a sandbox in this JVM on loopback.
     *
     * @param port       HTTP port, 0 for any free one
     * @param topology   topology spec, e.g. {@code linear,3}
     * @param ackLatency switches' acknowledgement latency
     * @return the target
     * @throws Exception if the sandbox cannot start
     */
    public static Target start(int port, String topology, Duration ackLatency) throws Exception {
        Sandbox s = Sandbox.builder()
                .bind(new InetSocketAddress("127.0.0.1", port))
                .topology(NetworkSpec.parse(topology))
                .ackLatency(ackLatency)
                .start();
        try {
            // The switches' periodic statistics (every 5 s, the whole table)
            // land in some rows and not others; rows report what they cost.
            s.network().setStatsInterval(Duration.ofMinutes(30));
            // Rows that count ADDED rules see them reported right after the batch.
            s.network().setImmediateStatistics(true);
            allowBenchmarkSessions(s);
            return new Target(s, s.web().baseUri(), "onos", "rocks");
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    /** Session caps the in-process server gets: every benchmark session is one user from one address. */
    static final int BENCH_SESSIONS = 4096;

    /**
     * Raises the session caps for the benchmark's own sessions: the idle
     * session and fan-out rows open up to a thousand sessions as one user from
     * one address, beyond the per-user and per-address defaults that protect a
     * real ONOS. Set as an operator would (ONOS's component configuration),
     * and waited for, since ONOS applies configuration asynchronously.
     */
    static void allowBenchmarkSessions(Sandbox s) throws InterruptedException {
        ComponentConfigService config = s.core().services().get(ComponentConfigService.class);
        String component = "org.flowsocket.impl.FlowSocketManager";
        String sessions = Integer.toString(BENCH_SESSIONS);
        config.setProperty(component, "maxSessions", sessions);
        config.setProperty(component, "maxSessionsPerUser", sessions);
        config.setProperty(component, "maxSessionsPerAddress", sessions);
        FlowSocketService service = (FlowSocketService) s.flowSocketService().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (ConnectionSettings c = service.connectionSettings();
             c.maxSessions() < BENCH_SESSIONS || c.maxSessionsPerUser() < BENCH_SESSIONS
                     || c.maxSessionsPerAddress() < BENCH_SESSIONS;
             c = service.connectionSettings()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("FlowSocket did not take the benchmark's session caps: " + c);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Attaches to a running server.
     *
     * @param base     base URL, e.g. {@code http://127.0.0.1:8181}
     * @param user     admin user
     * @param password password
     * @return the target
     * @throws Exception if the clients cannot start
     */
    public static Target attach(URI base, String user, String password) throws Exception {
        String s = base.toString().replaceAll("/+$", "");
        return new Target(null, URI.create(s), user, password);
    }

    /** @return the in-process sandbox, if the benchmark started one */
    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    /** @return FlowSocket's WebSocket URI */
    public URI webSocketUri() {
        return ws;
    }

    /** @return base of ONOS's REST API, e.g. http://127.0.0.1:8181/onos/v1 */
    public URI restUri() {
        return URI.create(http + "/onos/v1");
    }

    /** @return the admin user */
    public String user() {
        return user;
    }

    /** @return the admin password */
    public String password() {
        return password;
    }

    /** @return the shared Jetty WebSocket client */
    public WebSocketClient jetty() {
        return jetty;
    }

    /** @return the shared HTTP client */
    public HttpClient httpClient() {
        return httpClient;
    }

    /**
     * @param type service type
     * @param <T>  type
     * @return an ONOS service of the in-process sandbox
     * @throws IllegalStateException when attached by URL
     */
    public <T> T service(Class<T> type) {
        if (sandbox == null) {
            throw new IllegalStateException("no in-process sandbox");
        }
        return sandbox.core().get(type);
    }

    /**
     * Opens a FlowSocket connection as the admin user.
     *
     * @return connected client (hello received)
     * @throws Exception if it fails
     */
    public FlowSocketClient connect() throws Exception {
        return FlowSocketClients.connect(jetty, ws, ClientConfig.basic(user, password).countingOnly());
    }

    /**
     * @return available devices, in id order
     * @throws Exception if REST fails
     */
    public List<DeviceId> devices() throws Exception {
        List<DeviceId> ids = new ArrayList<>();
        if (sandbox != null) {
            for (Device d : service(DeviceService.class).getAvailableDevices()) {
                ids.add(d.id());
            }
        } else {
            for (JsonNode d : getJson("/devices").path("devices")) {
                if (d.path("available").asBoolean()) {
                    ids.add(DeviceId.deviceId(d.path("id").asText()));
                }
            }
        }
        ids.sort((a, b) -> a.toString().compareTo(b.toString()));
        return ids;
    }

    /**
     * Counts ONOS's rules of an application.
     *
     * @param app application name
     * @return number of rules ONOS holds for it
     * @throws Exception if REST fails
     */
    public int ruleCount(String app) throws Exception {
        if (sandbox != null) {
            ApplicationId id = service(CoreService.class).getAppId(app);
            if (id == null) {
                return 0;
            }
            Iterable<FlowEntry> entries = service(FlowRuleService.class).getFlowEntriesById(id);
            return (int) StreamSupport.stream(entries.spliterator(), false).count();
        }
        int n = 0;
        for (JsonNode f : getJson("/flows").path("flows")) {
            if (app.equals(f.path("appId").asText())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Waits until ONOS holds no rule of an application.
     *
     * @param app     application name
     * @param timeout longest wait
     * @return true if none left
     * @throws Exception if REST fails
     */
    public boolean awaitNoRules(String app, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ruleCount(app) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        if (sandbox != null) {
            sandbox.network().awaitQuiet(timeout);
        }
        return true;
    }

    /**
     * Watches for rules the switches acknowledge: in this JVM at the moment a
     * simulated switch accepts the rule (the moment its batch's answer goes
     * to ONOS, which is when FlowSocket and a FlowRuleOperationsContext hear
     * it), otherwise by polling {@code GET /onos/v1/flows} for state ADDED.
     *
     * @param sink receives confirmed flow numbers
     * @return closes the watch
     */
    public AutoCloseable watchConfirmations(ConfirmationSink sink) {
        if (sandbox != null) {
            Consumer<FlowRule> listener = rule -> {
                int n = FlowRules.flowNumber(rule);
                if (n >= 0) {
                    sink.confirmed(n, System.nanoTime());
                }
            };
            sandbox.network().addAckListener(listener);
            return () -> sandbox.network().removeAckListener(listener);
        }
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (JsonNode f : getJson("/flows").path("flows")) {
                        if ("ADDED".equals(f.path("state").asText())) {
                            for (JsonNode c : f.path("selector").path("criteria")) {
                                if ("IPV4_DST".equals(c.path("type").asText())) {
                                    int n = FlowRules.flowNumber(c.path("ip").asText());
                                    if (n >= 0) {
                                        sink.confirmed(n, System.nanoTime());
                                    }
                                }
                            }
                        }
                    }
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // keep polling
                }
            }
        }, "bench-confirmation-poller");
        poller.setDaemon(true);
        poller.start();
        return poller::interrupt;
    }

    /**
     * Removes every rule of the REST rows.
     *
     * @param ids rules as ONOS REST names them ({@code deviceId}, {@code flowId}),
     *            needed only when attached by URL
     * @throws Exception if REST fails
     */
    public void removeRestRules(ArrayNode ids) throws Exception {
        if (sandbox != null) {
            ApplicationId id = service(CoreService.class).getAppId(REST_APP);
            if (id != null) {
                service(FlowRuleService.class).removeFlowRulesById(id);
            }
            return;
        }
        for (int i = 0; i < ids.size(); i += 1000) {
            ObjectNode body = MAPPER.createObjectNode();
            ArrayNode part = body.putArray("flows");
            for (int j = i; j < Math.min(ids.size(), i + 1000); j++) {
                part.add(ids.get(j));
            }
            HttpRequest req = request("/flows").header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString(body.toString())).build();
            httpClient.send(req, HttpResponse.BodyHandlers.discarding());
        }
    }

    /**
     * @param path path under /onos/v1, e.g. {@code /flows}
     * @return request builder with BASIC credentials
     */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(restUri() + path))
                .header("Authorization", ClientConfig.basicAuthorization(user, password))
                .timeout(Duration.ofSeconds(60));
    }

    /**
     * POSTs JSON asynchronously.
     *
     * @param path path under /onos/v1
     * @param body JSON text
     * @return future response
     */
    public CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        HttpRequest req = request(path).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return httpClient.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GETs JSON.
     *
     * @param path path under /onos/v1
     * @return parsed body
     * @throws IOException          on failure
     * @throws InterruptedException if interrupted
     */
    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = httpClient.send(request(path).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return MAPPER.readTree(r.body());
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // closing anyway
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
