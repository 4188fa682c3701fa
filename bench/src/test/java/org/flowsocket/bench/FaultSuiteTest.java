/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.sandbox.FlowSocketMount;
import org.flowsocket.sandbox.network.FlowModFailure;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.flowsocket.testkit.CloseStatus;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Faults: a client vanishing with requests in flight, a switch going down
 * under installed flows, a switch refusing half a batch, and FlowSocket
 * deactivated and reactivated under load. After each: no FlowSocket thread,
 * listener or session left over, and no rule of FlowSocket's in ONOS that
 * no flow handle owns.
 */
public class FaultSuiteTest {

    private static final Duration ACK = Duration.ofMillis(5);

    private static SuiteSandbox box;
    private static FlowRules rules;
    private static final AtomicInteger FLOW_NUMBERS = new AtomicInteger();

    private final List<FlowSocketClient> opened = Collections.synchronizedList(new ArrayList<>());
    private List<String> threadsBefore;
    private Map<String, Integer> listenersBefore;

    @BeforeClass
    public static void start() throws Exception {
        box = SuiteSandbox.start(ACK);
        rules = new FlowRules(box.sandbox().network().deviceIds());
        // A first flow and event start the threads FlowSocket starts lazily.
        FlowSocketClient warm = box.admin();
        SuiteSandbox.call(warm, 0, "{\"type\":\"Subscribe\",\"id\":0,\"topics\":[\"flows\"]}");
        JsonNode r = SuiteSandbox.call(warm, 1, installRequest(1, 1));
        SuiteSandbox.call(warm, 2, "{\"type\":\"RemoveFlow\",\"id\":2,\"flowId\":\""
                + r.path("result").path("flowId").asText() + "\"}");
        warm.close();
    }

    @AfterClass
    public static void stop() {
        box.close();
    }

    @Before
    public void baseline() throws Exception {
        assertTrue(SuiteSandbox.await(() -> box.flowSocketAdmin().sessions().isEmpty(), Duration.ofSeconds(10)));
        threadsBefore = SuiteSandbox.flowSocketThreads();
        listenersBefore = box.listenerCounts();
    }

    @After
    public void nothingLeftBehind() throws Exception {
        opened.forEach(FlowSocketClient::close);
        try {
            box.sandbox().network().faults().clearRefusals();
            box.sandbox().network().faults().setAckLatency(ACK);
            assertTrue("sessions end: " + box.flowSocketAdmin().sessions(),
                    SuiteSandbox.await(() -> box.flowSocketAdmin().sessions().isEmpty(), Duration.ofSeconds(10)));
            assertNoOrphanRules();
        } finally {
            // Leave the network clean for the next test.
            FlowSocketClient c = box.admin();
            try {
                for (String id : SuiteSandbox.handleIds(c)) {
                    SuiteSandbox.call(c, id, "{\"type\":\"RemoveFlow\",\"id\":\"" + id + "\",\"flowId\":\"" + id
                            + "\",\"force\":true}");
                }
            } finally {
                c.close();
            }
        }
        assertTrue("FlowSocket's rules removed: " + box.flowSocketRulesWithState(),
                SuiteSandbox.await(() -> box.flowSocketRules().isEmpty(), Duration.ofSeconds(20)));
        // Threads start lazily: afterwards, at most those there were, each once.
        List<String> threads = SuiteSandbox.flowSocketThreads();
        assertEquals("no FlowSocket thread twice: " + threads, new TreeSet<>(threads).size(), threads.size());
        assertTrue("FlowSocket threads " + threads + " within " + threadsBefore, threadsBefore.containsAll(threads));
        assertEquals("listeners", listenersBefore, box.listenerCounts());
        assertTrue(SuiteSandbox.await(() -> box.flowSocketAdmin().sessions().isEmpty(), Duration.ofSeconds(10)));
    }

    // Every rule of FlowSocket's application that ONOS holds belongs to a handle.
    private void assertNoOrphanRules() throws Exception {
        FlowSocketClient c = box.admin();
        try {
            assertTrue("every FlowSocket rule has a handle", SuiteSandbox.await(() -> {
                try {
                    Set<String> owned = SuiteSandbox.handles(c).values().stream().flatMap(Set::stream)
                            .collect(Collectors.toSet());
                    return owned.containsAll(box.flowSocketRules());
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(20)));
        } finally {
            c.close();
        }
    }

    private FlowSocketClient admin() throws Exception {
        FlowSocketClient c = box.admin();
        opened.add(c);
        return c;
    }

    private static String installRequest(Object id, int ruleCount) {
        int first = FLOW_NUMBERS.getAndAdd(ruleCount);
        return "{\"type\":\"InstallFlow\",\"id\":" + SuiteSandbox.MAPPER.valueToTree(id) + ",\"flows\":"
                + rules.jsonArray(first, ruleCount) + "}";
    }

    @Test
    public void clientVanishesWithRequestsInFlight() throws Exception {
        box.sandbox().network().faults().setAckLatency(Duration.ofMillis(300));
        for (int round = 0; round < 3; round++) {
            FlowSocketClient c = admin();
            for (int i = 0; i < 30; i++) {
                c.sendText(installRequest(i, 1 + i % 4));
            }
            c.sendText("{\"type\":\"AddNode\",\"id\":\"h\",\"kind\":\"host\",\"mac\":\"0a:00:00:00:0f:0" + round
                    + "\",\"location\":{\"deviceId\":\"of:0000000000000001\",\"port\":1}}");
            c.sendText("{\"type\":\"Subscribe\",\"id\":\"s\",\"topics\":[\"flows\",\"hosts\"]}");
            Thread.sleep(20 * round);
            c.drop();
        }
        assertTrue(box.sandbox().network().awaitQuiet(Duration.ofSeconds(10)));
        FlowSocketClient check = admin();
        assertTrue("handles settle as INSTALLED", SuiteSandbox.await(() -> {
            try {
                JsonNode r = SuiteSandbox.call(check, "l", "{\"type\":\"ListFlows\",\"id\":\"l\"}");
                for (JsonNode f : r.path("result").path("flows")) {
                    if (!"INSTALLED".equals(f.path("state").asText())) {
                        return false;
                    }
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(15)));
        for (int round = 0; round < 3; round++) {
            SuiteSandbox.call(check, "rm", "{\"type\":\"RemoveNode\",\"id\":\"rm\",\"hostId\":\"0A:00:00:00:0F:0"
                    + round + "/None\"}");
        }
        check.close();
    }

    @Test
    public void deviceGoesDownUnderInstalledFlows() throws Exception {
        SimulatedNetwork net = box.sandbox().network();
        DeviceId s2 = NetworkSpec.switchId(2);
        FlowSocketClient c = admin();
        List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
        c.onEvent(events::add);
        SuiteSandbox.call(c, 0, "{\"type\":\"Subscribe\",\"id\":0,\"topics\":[\"flows\"]}");
        JsonNode r = SuiteSandbox.call(c, 1, "{\"type\":\"InstallFlow\",\"id\":1,\"network\":{\"src\":\"10.0.0.1\","
                + "\"dst\":\"10.0.0.3\",\"class\":\"voice\",\"bidirectional\":true}}");
        assertEquals(r.toString(), "INSTALLED", r.path("result").path("state").asText());
        String kept = r.path("result").path("flowId").asText();
        r = SuiteSandbox.call(c, 2, "{\"type\":\"InstallFlow\",\"id\":2,\"network\":{\"src\":\"10.0.0.1\","
                + "\"dst\":\"10.0.0.3\",\"protocol\":\"udp\",\"dstPort\":5060}}");
        String forced = r.path("result").path("flowId").asText();
        r = SuiteSandbox.call(c, 3, installRequest(3, 6));
        String device = r.path("result").path("flowId").asText();

        net.deviceDown(s2);
        assertTrue("every handle on the switch degrades", SuiteSandbox.await(() -> {
            try {
                for (String id : List.of(kept, forced, device)) {
                    JsonNode g = SuiteSandbox.call(c, "g", "{\"type\":\"GetFlow\",\"id\":\"g\",\"flowId\":\"" + id + "\"}");
                    if (!"DEGRADED".equals(g.path("result").path("state").asText())) {
                        return false;
                    }
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10)));
        assertTrue(SuiteSandbox.await(() -> events.stream().anyMatch(e -> "FLOW_DEGRADED".equals(
                e.path("event").asText()) && kept.equals(e.path("data").path("flowId").asText())),
                Duration.ofSeconds(5)));
        // Removal cannot be confirmed by a switch that is down: the handle stays, DEGRADED.
        r = SuiteSandbox.call(c, 4, "{\"type\":\"RemoveFlow\",\"id\":4,\"flowId\":\"" + kept + "\",\"timeoutMs\":1000}");
        assertEquals(r.toString(), "error", r.path("status").asText());
        JsonNode g = SuiteSandbox.call(c, 5, "{\"type\":\"GetFlow\",\"id\":5,\"flowId\":\"" + kept + "\"}");
        assertEquals(g.toString(), "DEGRADED", g.path("result").path("state").asText());
        // Forgetting a handle while its switch is down leaves ONOS to finish the removal.
        r = SuiteSandbox.call(c, 6, "{\"type\":\"RemoveFlow\",\"id\":6,\"flowId\":\"" + forced + "\",\"force\":true,"
                + "\"timeoutMs\":500}");
        assertEquals(r.toString(), "ok", r.path("status").asText());

        net.deviceUp(s2);
        net.pollStatistics();
        r = SuiteSandbox.call(c, 7, "{\"type\":\"RemoveFlow\",\"id\":7,\"flowId\":\"" + kept + "\"}");
        assertEquals(r.toString(), "ok", r.path("status").asText());
        r = SuiteSandbox.call(c, 8, "{\"type\":\"RemoveFlow\",\"id\":8,\"flowId\":\"" + device + "\"}");
        assertEquals(r.toString(), "ok", r.path("status").asText());
        assertTrue("no FlowSocket rule left in ONOS or on the switches: " + box.flowSocketRulesWithState(),
                SuiteSandbox.await(() -> {
                    net.pollStatistics();
                    return box.flowSocketRules().isEmpty() && net.deviceIds().stream()
                            .allMatch(d -> net.flowTable(d).stream().noneMatch(FaultSuiteTest::isFlowSocketRule));
                }, Duration.ofSeconds(20)));
        assertEquals("seq gaps", 0, c.seqGaps());
        c.close();
    }

    private static boolean isFlowSocketRule(FlowEntry e) {
        return e.appId() == box.get(org.onosproject.core.CoreService.class)
                .getAppId(Target.FLOWSOCKET_APP).id();
    }

    @Test
    public void switchRefusesHalfABatch() throws Exception {
        SimulatedNetwork net = box.sandbox().network();
        net.faults().refuse(null, r -> FlowRules.flowNumber(r) % 2 == 1, FlowModFailure.TABLE_FULL);
        FlowSocketClient c = admin();
        int first = FLOW_NUMBERS.getAndAdd(12);
        first += first % 2; // start on an even flow number: half of the rules are refused
        FLOW_NUMBERS.addAndGet(2);
        JsonNode r = SuiteSandbox.call(c, 1, "{\"type\":\"InstallFlow\",\"id\":1,\"flows\":"
                + rules.jsonArray(first, 12) + "}");
        assertEquals(r.toString(), "FLOW_REFUSED", r.path("error").path("code").asText());
        JsonNode refused = r.path("error").path("details").path("refused");
        assertTrue(r.toString(), refused.size() >= 1 && refused.size() <= 6);
        for (JsonNode rule : refused) {
            assertEquals(rule.toString(), "TABLE_FULL", rule.path("switchError").asText().replaceAll(".*/", ""));
        }
        assertTrue("every rule of the request withdrawn: " + box.flowSocketRulesWithState(), SuiteSandbox.await(() ->
                box.flowSocketRules().isEmpty() && net.deviceIds().stream()
                        .allMatch(d -> net.flowTable(d).stream().noneMatch(FaultSuiteTest::isFlowSocketRule)),
                Duration.ofSeconds(10)));
        assertTrue("no handle but the FAILED one", SuiteSandbox.handles(c).isEmpty());
        // Within a network flow: the middle switch refuses one direction's rule.
        net.faults().clearRefusals();
        net.faults().refuse(NetworkSpec.switchId(2), rule -> rule.priority() == 50000, FlowModFailure.EPERM);
        r = SuiteSandbox.call(c, 2, "{\"type\":\"InstallFlow\",\"id\":2,\"network\":{\"src\":\"10.0.0.1\","
                + "\"dst\":\"10.0.0.3\",\"class\":\"voice\",\"bidirectional\":true}}");
        assertEquals(r.toString(), "FLOW_REFUSED", r.path("error").path("code").asText());
        assertTrue(SuiteSandbox.await(() -> box.flowSocketRules().isEmpty(), Duration.ofSeconds(10)));
        c.close();
    }

    @Test
    public void deactivatedAndReactivatedUnderLoad() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger internalErrors = new AtomicInteger();
        AtomicInteger closedWith1001 = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int client = t;
            loops.add(pool.submit(() -> {
                int i = 0;
                while (running.get()) {
                    FlowSocketClient c;
                    try {
                        c = admin();
                    } catch (Exception e) {
                        sleep(50); // refused while FlowSocket is down (503)
                        continue;
                    }
                    try {
                        List<CompletableFuture<JsonNode>> pending = new ArrayList<>();
                        while (running.get() && c.isOpen()) {
                            String id = "\"" + client + "-" + (i++) + "\"";
                            pending.add(c.request(id, i % 5 == 0
                                    ? "{\"type\":\"ListFlows\",\"id\":" + id + ",\"limit\":10}"
                                    : installRequest(client + "-" + (i - 1), 1 + i % 3).replace("\"id\":\""
                                    + client + "-" + (i - 1) + "\"", "\"id\":" + id)));
                            if (pending.size() >= 8) {
                                JsonNode reply = waitQuietly(pending.remove(0));
                                if (reply != null && "INTERNAL_ERROR".equals(reply.path("error").path("code").asText())) {
                                    internalErrors.incrementAndGet();
                                    unexpected.add(reply.toString());
                                }
                            }
                        }
                        for (CompletableFuture<JsonNode> f : pending) {
                            waitQuietly(f);
                        }
                        CloseStatus close = c.closed().getNow(null);
                        if (close != null && close.code() == 1001) {
                            closedWith1001.incrementAndGet();
                        }
                    } finally {
                        c.close();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(1500);
        String manager = FlowSocketMount.MANAGER_CLASS;
        for (int cycle = 0; cycle < 2; cycle++) {
            box.sandbox().core().runtime().deactivate(manager);
            assertFalse("no onos-flowsocket thread while deactivated: " + SuiteSandbox.flowSocketThreads(),
                    SuiteSandbox.await(() -> SuiteSandbox.flowSocketThreads().stream()
                            .anyMatch(n -> n.startsWith("onos-flowsocket")), Duration.ofMillis(1))
                            && !SuiteSandbox.await(() -> SuiteSandbox.flowSocketThreads().stream()
                            .noneMatch(n -> n.startsWith("onos-flowsocket")), Duration.ofSeconds(5)));
            Thread.sleep(300);
            box.sandbox().core().runtime().activate(manager);
            Thread.sleep(1200);
        }
        running.set(false);
        for (Future<?> f : loops) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue("clients were told 1001 going away", closedWith1001.get() >= 1);
        assertEquals("INTERNAL_ERROR replies: " + unexpected, 0, internalErrors.get());
        assertTrue(box.sandbox().network().awaitQuiet(Duration.ofSeconds(10)));
        // Every handle settles; none stays PENDING.
        FlowSocketClient c = admin();
        assertTrue("no PENDING handle left", SuiteSandbox.await(() -> {
            try {
                JsonNode r = SuiteSandbox.call(c, "l", "{\"type\":\"ListFlows\",\"id\":\"l\",\"state\":\"PENDING\"}");
                return r.path("result").path("flows").size() == 0;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(15)));
        c.close();
    }

    private static JsonNode waitQuietly(CompletableFuture<JsonNode> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
