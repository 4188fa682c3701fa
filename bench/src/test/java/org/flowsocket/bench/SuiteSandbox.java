/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.event.ListenerService;
import org.onosproject.net.Device;
import org.onosproject.net.Host;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A sandbox on loopback for the suites, with the helpers they share:
 * connections as the sandbox's users, a snapshot of the network state to
 * compare, FlowSocket's rules as ONOS holds them and as its handles name
 * them, and counts of threads and listeners.
 */
final class SuiteSandbox implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long WAIT_SECONDS = 20;

    private final Sandbox sandbox;
    private final WebSocketClient jetty;

    private SuiteSandbox(Sandbox sandbox, WebSocketClient jetty) {
        this.sandbox = sandbox;
        this.jetty = jetty;
    }

    static SuiteSandbox start(Duration ackLatency) throws Exception {
        BenchMain.quietLogging();
        Sandbox s = Sandbox.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .topology(NetworkSpec.linear(3)).ackLatency(ackLatency).start();
        WebSocketClient jetty = new WebSocketClient();
        jetty.getPolicy().setMaxTextMessageSize(16 * 1024 * 1024);
        jetty.getPolicy().setMaxBinaryMessageSize(16 * 1024 * 1024);
        jetty.setMaxTextMessageBufferSize(16 * 1024 * 1024);
        jetty.getPolicy().setIdleTimeout(300_000);
        try {
            jetty.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        return new SuiteSandbox(s, jetty);
    }

    Sandbox sandbox() {
        return sandbox;
    }

    WebSocketClient jetty() {
        return jetty;
    }

    URI uri() {
        return sandbox.web().webSocketUri();
    }

    <T> T get(Class<T> type) {
        return sandbox.core().get(type);
    }

    FlowSocketService flowSocket() {
        return (FlowSocketService) sandbox.flowSocketService().orElseThrow();
    }

    FlowSocketAdminService flowSocketAdmin() {
        return (FlowSocketAdminService) sandbox.flowSocketService().orElseThrow();
    }

    FlowSocketClient admin() throws Exception {
        return FlowSocketClients.connect(jetty, uri(), ClientConfig.basic("onos", "rocks").countingOnly());
    }

    FlowSocketClient viewer() throws Exception {
        return FlowSocketClients.connect(jetty, uri(), ClientConfig.basic("viewer", "viewer").countingOnly());
    }

    /** Sends a request and waits for its reply. */
    static JsonNode call(FlowSocketClient c, Object id, String json) throws Exception {
        String key = id instanceof String ? MAPPER.writeValueAsString(id) : String.valueOf(id);
        return c.request(key, json).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A Hello round trip: the connection is served. */
    static void assertServed(FlowSocketClient c) throws Exception {
        JsonNode r = call(c, "alive", "{\"type\":\"Hello\",\"id\":\"alive\"}");
        if (!"ok".equals(r.path("status").asText())) {
            throw new AssertionError("Hello failed: " + r);
        }
    }

    /** What must not change when a request is refused. */
    static final class NetworkState {
        final Set<String> hosts;
        final Set<String> devices;
        final Set<String> configuredDevices;
        final Set<String> configuredHosts;
        final int rules;
        final Set<String> flowSocketRules;

        NetworkState(Set<String> hosts, Set<String> devices, Set<String> configuredDevices,
                     Set<String> configuredHosts, int rules, Set<String> flowSocketRules) {
            this.hosts = hosts;
            this.devices = devices;
            this.configuredDevices = configuredDevices;
            this.configuredHosts = configuredHosts;
            this.rules = rules;
            this.flowSocketRules = flowSocketRules;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof NetworkState)) {
                return false;
            }
            NetworkState s = (NetworkState) o;
            return hosts.equals(s.hosts) && devices.equals(s.devices) && configuredDevices.equals(s.configuredDevices)
                    && configuredHosts.equals(s.configuredHosts) && rules == s.rules
                    && flowSocketRules.equals(s.flowSocketRules);
        }

        @Override
        public int hashCode() {
            return Objects.hash(hosts, devices, configuredDevices, rules);
        }

        @Override
        public String toString() {
            return "hosts=" + hosts + " devices=" + devices + " configured=" + configuredDevices + "/"
                    + configuredHosts + " rules=" + rules + " flowSocketRules=" + flowSocketRules.size();
        }
    }

    NetworkState state() {
        Set<String> hosts = new TreeSet<>();
        for (Host h : get(HostService.class).getHosts()) {
            hosts.add(h.id() + "@" + h.locations() + h.ipAddresses());
        }
        Set<String> devices = new TreeSet<>();
        for (Device d : get(DeviceService.class).getDevices()) {
            devices.add(d.id() + (get(DeviceService.class).isAvailable(d.id()) ? "" : "(offline)"));
        }
        NetworkConfigService cfg = get(NetworkConfigService.class);
        Set<String> configured = new TreeSet<>();
        cfg.getSubjectClasses().forEach(c -> cfg.getSubjects(c).forEach(s -> configured.add(s.toString())));
        return new NetworkState(hosts, devices, configured, new TreeSet<>(),
                get(FlowRuleService.class).getFlowRuleCount(), flowSocketRules());
    }

    /** @return FlowSocket's rules in ONOS as deviceId/flowId/state */
    Set<String> flowSocketRulesWithState() {
        ApplicationId app = get(CoreService.class).getAppId(Target.FLOWSOCKET_APP);
        Set<String> rules = new TreeSet<>();
        if (app != null) {
            for (FlowEntry e : get(FlowRuleService.class).getFlowEntriesById(app)) {
                // The rule id as FlowSocket and ONOS's REST API write it.
                rules.add(e.deviceId() + "/" + e.id().value() + "/" + e.state());
            }
        }
        return rules;
    }

    /** @return FlowSocket's rules in ONOS as deviceId/flowId */
    Set<String> flowSocketRules() {
        return flowSocketRulesWithState().stream().map(s -> s.substring(0, s.lastIndexOf('/')))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * @return handle id to its rules (deviceId/flowId), from ListFlows, for
     *         the handles that own their rules: not the FAILED ones, whose
     *         rules were withdrawn and which are only kept to be seen
     */
    static Map<String, Set<String>> handles(FlowSocketClient c) throws Exception {
        Map<String, Set<String>> handles = new TreeMap<>();
        for (JsonNode f : listFlows(c)) {
            if ("FAILED".equals(f.path("state").asText())) {
                continue;
            }
            Set<String> rules = new TreeSet<>();
            f.path("rules").forEach(rule -> rules.add(rule.path("deviceId").asText() + "/"
                    + rule.path("flowId").asText()));
            handles.put(f.path("flowId").asText(), rules);
        }
        return handles;
    }

    /** @return the ids of every handle, FAILED ones too */
    static Set<String> handleIds(FlowSocketClient c) throws Exception {
        Set<String> ids = new TreeSet<>();
        listFlows(c).forEach(f -> ids.add(f.path("flowId").asText()));
        return ids;
    }

    private static JsonNode listFlows(FlowSocketClient c) throws Exception {
        JsonNode r = call(c, "list-flows", "{\"type\":\"ListFlows\",\"id\":\"list-flows\"}");
        if (!"ok".equals(r.path("status").asText())) {
            throw new AssertionError("ListFlows failed: " + r);
        }
        return r.path("result").path("flows");
    }

    /** Threads of FlowSocket (named flowsocket or onos-flowsocket). */
    static List<String> flowSocketThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.toLowerCase().contains("flowsocket")).sorted().collect(Collectors.toList());
    }

    /** Listeners registered with ONOS's device, host, link and flow rule services. */
    Map<String, Integer> listenerCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Class<?> type : List.of(DeviceService.class, HostService.class, LinkService.class,
                FlowRuleService.class)) {
            counts.put(type.getSimpleName(), listeners((ListenerService<?, ?>) get(type)));
        }
        return counts;
    }

    // AbstractListenerManager keeps its listeners in a ListenerRegistry.
    private static int listeners(Object manager) {
        try {
            Class<?> c = manager.getClass();
            Field registry = null;
            while (c != null && registry == null) {
                try {
                    registry = c.getDeclaredField("listenerRegistry");
                } catch (NoSuchFieldException e) {
                    c = c.getSuperclass();
                }
            }
            if (registry == null) {
                return -1;
            }
            registry.setAccessible(true);
            Object r = registry.get(manager);
            Field listeners = r.getClass().getDeclaredField("listeners");
            listeners.setAccessible(true);
            return ((Collection<?>) listeners.get(r)).size();
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    static int count(Iterable<?> items) {
        return (int) StreamSupport.stream(items.spliterator(), false).count();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // closing anyway
        }
        sandbox.close();
    }
}
