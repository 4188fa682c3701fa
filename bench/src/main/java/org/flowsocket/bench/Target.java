/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.FlowRuleStore;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.core.SandboxFlowRuleStore;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * What the benchmark talks to: a sandbox started in this JVM (the default),
 * or a running sandbox or ONOS reached by URL. Holds the WebSocket client,
 * ONOS's REST API ({@link OnosRest}) and the ways to see confirmations and
 * count rules, which in this JVM go through ONOS's services and otherwise
 * through ONOS's REST API.
 */
public final class Target implements AutoCloseable {

    /** Application id of the REST rows' rules ({@code appId} of POST /onos/v1/flows). */
    public static final String REST_APP = "org.flowsocket.bench.rest";
    /** Application id of the in-process row's rules. */
    public static final String IN_PROCESS_APP = "org.flowsocket.bench";
    /** FlowSocket's application id. */
    public static final String FLOWSOCKET_APP = "org.flowsocket.app";

    /** Every application whose rules a benchmark run leaves in ONOS until its cleanup. */
    public static final List<String> BENCH_APPS = List.of(REST_APP, IN_PROCESS_APP, FLOWSOCKET_APP);

    private final Sandbox sandbox;
    private final URI http;
    private final URI ws;
    private final String user;
    private final String password;
    private final OnosRest rest;
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
        this.rest = new OnosRest(http, user, password);
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
     * @param store      the store behind ONOS's StorageService
     * @return the target
     * @throws Exception if the sandbox cannot start
     */
    public static Target start(int port, String topology, Duration ackLatency, SandboxCore.Store store)
            throws Exception {
        Sandbox s = BenchSandbox.start(port, topology, ackLatency, store);
        try {
            return new Target(s, s.web().baseUri(), "onos", "rocks");
        } catch (Exception | Error e) {
            s.close();
            throw e;
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

    /**
     * Counts FlowSocket's calls to ONOS's store so far (each a Raft round
     * trip on a Raft store).
     *
     * @return calls since FlowSocket started, or -1 when attached by URL
     */
    public long storeOperations() {
        return sandbox == null ? -1 : sandbox.flowSocketService()
                .map(s -> ((FlowSocketAdminService) s).storeOperations()).orElse(-1L);
    }

    /**
     * Counts the times FlowSocket waited for ONOS's store so far (calls made
     * together count once: about a Raft round trip of latency each).
     *
     * @return waits since FlowSocket started, or -1 when attached by URL
     */
    public long storeWaits() {
        return sandbox == null ? -1 : sandbox.flowSocketService()
                .map(s -> ((FlowSocketAdminService) s).storeWaits()).orElse(-1L);
    }

    /** @return FlowSocket's WebSocket URI */
    public URI webSocketUri() {
        return ws;
    }

    /** @return ONOS's REST API as the admin user */
    public OnosRest rest() {
        return rest;
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
        return connect(ws);
    }

    /**
     * Opens a connection to another WebSocket endpoint as the admin user.
     *
     * @param uri the endpoint
     * @return connected client (hello received)
     * @throws Exception if it fails
     */
    public FlowSocketClient connect(URI uri) throws Exception {
        // Checking every frame against the schemas would cost CPU time the
        // benchmark counts; the suites check them.
        return FlowSocketClients.connect(jetty, uri,
                ClientConfig.basic(user, password).countingOnly().withoutContractCheck());
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
            for (JsonNode d : rest.getJson("/devices").path("devices")) {
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
        for (JsonNode f : rest.getJson("/flows").path("flows")) {
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
     * Watches for ONOS's confirmation of added rules: the moment ONOS's flow
     * rule store receives a device batch's successful answer, before
     * FlowRuleManager completes the operation (and so before FlowSocket, a
     * FlowRuleOperationsContext or anyone else hears of it). The same moment
     * for every path into ONOS, observed the same way.
     *
     * @param sink receives confirmed flow numbers
     * @return closes the watch
     * @throws IllegalStateException when attached by URL (ONOS's store is elsewhere)
     */
    public AutoCloseable watchConfirmations(ConfirmationSink sink) {
        if (sandbox == null) {
            throw new IllegalStateException("ONOS's store can be watched only in this JVM");
        }
        SandboxFlowRuleStore store = (SandboxFlowRuleStore) service(FlowRuleStore.class);
        Consumer<List<FlowRule>> listener = rules -> {
            long now = System.nanoTime();
            for (FlowRule rule : rules) {
                int n = FlowRules.flowNumber(rule);
                if (n >= 0) {
                    sink.confirmed(n, now);
                }
            }
        };
        store.addBatchSuccessListener(listener);
        return () -> store.removeBatchSuccessListener(listener);
    }

    /**
     * Removes every rule of an application through ONOS's FlowRuleService.
     *
     * @param app application name
     * @throws IllegalStateException when attached by URL
     */
    public void removeRulesOf(String app) {
        if (sandbox == null) {
            throw new IllegalStateException("ONOS's services are in another process");
        }
        ApplicationId id = service(CoreService.class).getAppId(app);
        if (id != null) {
            service(FlowRuleService.class).removeFlowRulesById(id);
        }
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
