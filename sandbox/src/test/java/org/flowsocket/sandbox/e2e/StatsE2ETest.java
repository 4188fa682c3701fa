/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.flow.FlowId;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.flowsocket.sandbox.e2e.E2eSandbox.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * The stats topic end to end: the simulated hosts send traffic at known
 * rates, the switches count it in their rules' and ports' counters, ONOS
 * gets them through its flow and port statistics (every second here), and
 * FLOW_STATS / LINK_STATS, GetFlow and ListFlows give the rates back.
 */
public class StatsE2ETest extends E2eTestBase {

    /** ONOS's flow and port statistics period in this test. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private static final String VOICE = "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.3',"
            + "'protocol':'udp','dstPort':5060,'class':'voice','bidirectional':true}}";
    private static final String VIDEO = "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.2',"
            + "'protocol':'udp','dstPort':5004,'class':'video'}}";

    @BeforeClass
    public static void pollEverySecond() {
        env.network().setStatsInterval(POLL);
        env.network().setPortStatsInterval(POLL);
    }

    @After
    public void nothingLeftBehind() throws Exception {
        FlowsE2ETest.removeAllFlows(admin);
        assertEquals(List.of(), admin.problems());
    }

    @Test
    public void flowStatsGiveTheRateTheHostsSendPerHopAndEndToEnd() throws Exception {
        String flowId = admin.ok(VOICE).path("flowId").asText();
        env.sandbox.setFlowTraffic(flowId, 8_000_000);
        Watcher watcher = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1000,"
                + "'flowIds':['" + flowId + "']}}");

        // The first event of a rule measures from its installation; later ones over one period.
        watcher.next("FLOW_STATS", Duration.ofSeconds(5));
        watcher.next("FLOW_STATS", Duration.ofSeconds(5));
        JsonNode stats = watcher.next("FLOW_STATS", Duration.ofSeconds(5)).path("data");
        assertEquals(flowId, stats.path("flowId").asText());
        assertEquals(6, stats.path("hops").size());
        List<String> devices = new ArrayList<>();
        for (JsonNode hop : stats.path("hops")) {
            devices.add(hop.path("deviceId").asText());
            assertWithin(hop.toString(), 8_000_000, hop.path("bitRate").asLong(), 0.05);
            assertTrue(hop.toString(), hop.path("to").asLong() - hop.path("from").asLong() >= 900);
            assertTrue(hop.toString(), hop.path("bytes").asLong() > 0);
        }
        assertEquals(List.of(S1, S2, S3, S3, S2, S1).stream().map(Object::toString).collect(Collectors.toList()),
                     devices);
        // Both directions enter and leave the network: twice the rate end to end.
        assertWithin(stats.toString(), 16_000_000, stats.path("ingress").path("bitRate").asLong(), 0.05);
        assertWithin(stats.toString(), 16_000_000, stats.path("egress").path("bitRate").asLong(), 0.05);
        // A G.711 call's 218-byte frames: packets follow bytes.
        JsonNode first = stats.path("hops").path(0);
        assertWithin(first.toString(), first.path("bitRate").asLong() / 8.0 / 218,
                     first.path("packetRate").asDouble(), 0.05);
        assertTrue(stats.toString(), stats.path("to").asLong() > stats.path("from").asLong());
    }

    @Test
    public void aTrafficClassHasItsDefaultRate() throws Exception {
        String flowId = admin.ok(VIDEO).path("flowId").asText();
        Watcher watcher = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1000}}");
        JsonNode stats = watcher.nth("FLOW_STATS", 3, e -> flowId.equals(e.path("data").path("flowId").asText()));
        // The sandbox's default video call: 2 Mbit/s.
        assertWithin(stats.toString(), 2_000_000, stats.path("data").path("ingress").path("bitRate").asLong(), 0.05);
    }

    @Test
    public void eventsComeAtTheIntervalAndNeverFasterThanOnosRefreshes() throws Exception {
        String flowId = admin.ok(VIDEO).path("flowId").asText();
        Watcher watcher = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':2000}}");
        List<Long> times = arrivals(watcher, 4, flowId);
        for (int i = 1; i < times.size(); i++) {
            long gap = times.get(i) - times.get(i - 1);
            assertTrue("events " + gap + " ms apart at a 2 s interval: " + times, gap >= 1700 && gap <= 2600);
        }

        // ONOS refreshing every 3 s: a 1 s interval still gets an event only per refresh.
        env.network().setStatsInterval(Duration.ofSeconds(3));
        try {
            Watcher fast = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1000}}");
            fast.next("FLOW_STATS", Duration.ofSeconds(5));
            List<Long> slow = arrivals(fast, 3, flowId);
            for (int i = 1; i < slow.size(); i++) {
                long gap = slow.get(i) - slow.get(i - 1);
                assertTrue("events " + gap + " ms apart with ONOS refreshing every 3 s: " + slow, gap >= 2500);
            }
        } finally {
            env.network().setStatsInterval(POLL);
        }
    }

    @Test
    public void flowIdsSelectTheFlowsAndLinksAreOnlyForThoseWhoAsk() throws Exception {
        String voice = admin.ok(VOICE).path("flowId").asText();
        String video = admin.ok(VIDEO).path("flowId").asText();
        Watcher onlyVideo = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1000,"
                + "'flowIds':['" + video + "']}}");
        Watcher links = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1000,'links':true,"
                + "'flowIds':['fs-none']}}");
        List<JsonNode> seen = onlyVideo.during(Duration.ofSeconds(4));
        assertFalse("no events", seen.isEmpty());
        for (JsonNode e : seen) {
            assertEquals(e.toString(), "FLOW_STATS", e.path("event").asText());
            assertEquals(e.toString(), video, e.path("data").path("flowId").asText());
        }
        // The voice call was counted meanwhile: the filter, not a lack of counters, kept its events away.
        JsonNode voiceTraffic = admin.ok("{'type':'GetFlow','flowId':'" + voice + "'}").path("traffic");
        assertTrue(voiceTraffic.toString(), voiceTraffic.path("ingress").path("bitRate").asLong() > 0);

        // s1 -> s2 carries the video call (2 Mbit/s) and the voice call (87.2 kbit/s) one way.
        JsonNode link = links.nth("LINK_STATS", 3, e -> S1.toString().equals(
                e.path("data").path("link").path("src").path("device").asText())
                && S2.toString().equals(e.path("data").path("link").path("dst").path("device").asText()));
        JsonNode data = link.path("data");
        assertWithin(data.toString(), 2_087_200, data.path("bitRate").asLong(), 0.05);
        assertEquals(data.toString(), 10_000_000_000L, data.path("capacity").asLong());
        assertEquals(data.toString(), data.path("bitRate").asLong() / 1e10, data.path("utilization").asDouble(), 1e-6);
        assertTrue(data.toString(), data.path("windowMs").asLong() >= 900);
        assertTrue("links only: " + links.during(Duration.ofSeconds(2)), links.during(Duration.ofSeconds(2))
                .stream().allMatch(e -> "LINK_STATS".equals(e.path("event").asText())));
    }

    @Test
    public void aSwitchRestartingItsCountersGivesNoNegativeRate() throws Exception {
        String flowId = admin.ok(VIDEO).path("flowId").asText();
        Watcher watcher = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1000}}");
        watcher.nth("FLOW_STATS", 3, e -> true);
        Thread.sleep(2500);   // the rules' life is counted in whole seconds: let them age
        env.network().traffic().resetCounters(S1);
        JsonNode restarted = watcher.nth("FLOW_STATS", 1,
                e -> e.path("data").path("hops").path(0).path("restarted").asBoolean());
        JsonNode hop = restarted.path("data").path("hops").path(0);
        assertEquals(S1.toString(), hop.path("deviceId").asText());
        assertTrue(hop.toString(), hop.path("bitRate").asLong() >= 0 && hop.path("bitRate").asLong() < 4_000_000);
        assertTrue(hop.toString(), hop.path("bytes").asLong() < 2_000_000 / 8 * 3);
        // Then the rate is measured over one period again.
        JsonNode later = watcher.nth("FLOW_STATS", 2, e -> flowId.equals(e.path("data").path("flowId").asText()));
        JsonNode again = later.path("data").path("hops").path(0);
        assertFalse(again.toString(), again.path("restarted").asBoolean());
        assertWithin(again.toString(), 2_000_000, again.path("bitRate").asLong(), 0.05);
    }

    @Test
    public void aRuleOnosReinstallsIsToldRestartedThenMeasuredAsBefore() throws Exception {
        String flowId = admin.ok(VIDEO).path("flowId").asText();
        Watcher watcher = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1000,"
                + "'flowIds':['" + flowId + "']}}");
        JsonNode before = watcher.nth("FLOW_STATS", 3, e -> true).path("data").path("hops").path(1);
        assertEquals(before.toString(), S2.toString(), before.path("deviceId").asText());
        Thread.sleep(1500);   // the rule's life is counted in whole seconds: let it age past its restart's

        // The switch loses the rule without a word; ONOS finds it missing from the
        // next flow statistics and installs it again, and the switch counts it from zero.
        long lostAt = System.currentTimeMillis();
        assertTrue(env.network().deleteRuleSilently(S2, FlowId.valueOf(before.path("ruleId").asLong())));
        JsonNode restarted = watcher.nth("FLOW_STATS", 1,
                e -> e.path("data").path("hops").path(1).path("restarted").asBoolean());
        JsonNode hop = restarted.path("data").path("hops").path(1);
        assertEquals(hop.toString(), before.path("ruleId").asText(), hop.path("ruleId").asText());
        assertTrue(hop.toString(), hop.path("bitRate").asLong() >= 0 && hop.path("packetRate").asDouble() >= 0);
        assertTrue(hop.toString(), hop.path("bytes").asLong() < before.path("bytes").asLong());
        assertTrue("the rate covers the time since the reinstallation, not before " + lostAt + ": " + hop,
                   hop.path("from").asLong() >= lostAt);
        // The untouched hop goes on as before.
        JsonNode first = restarted.path("data").path("hops").path(0);
        assertFalse(first.toString(), first.path("restarted").asBoolean());
        assertWithin(first.toString(), 2_000_000, first.path("bitRate").asLong(), 0.05);

        // Then it is measured over one period again, at the flow's rate.
        JsonNode again = watcher.nth("FLOW_STATS", 2, e -> true).path("data").path("hops").path(1);
        assertFalse(again.toString(), again.path("restarted").asBoolean());
        assertWithin(again.toString(), 2_000_000, again.path("bitRate").asLong(), 0.05);
        assertEquals("INSTALLED", admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}").path("state").asText());
    }

    @Test
    public void unsubscribingStopsTheEvents() throws Exception {
        admin.ok(VIDEO);
        Watcher watcher = watch("{'type':'Subscribe','topics':['stats','flows'],'stats':{'intervalMs':1000}}");
        watcher.next("FLOW_STATS", Duration.ofSeconds(5));
        JsonNode reply = watcher.client.ok("{'type':'Unsubscribe','topics':['stats']}");
        assertEquals("[\"flows\"]", reply.path("topics").toString());
        assertTrue(reply.toString(), reply.path("stats").isMissingNode());
        Thread.sleep(200);  // an event already on its way
        watcher.events.clear();
        List<JsonNode> after = watcher.during(Duration.ofMillis(3500));
        assertTrue("events after Unsubscribe: " + after, after.isEmpty());
    }

    @Test
    public void subscribeEchoesTheOptionsAndRefusesBadOnes() throws Exception {
        FlowSocketClient c = env.admin();
        JsonNode reply = c.ok("{'type':'Subscribe','topics':['stats']}");
        assertEquals("{\"intervalMs\":5000,\"flowIds\":[],\"links\":false}", reply.path("stats").toString());
        reply = c.ok("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':3000,'links':true,"
                + "'flowIds':['fs-2','fs-1']}}");
        assertEquals("{\"intervalMs\":3000,\"flowIds\":[\"fs-1\",\"fs-2\"],\"links\":true}",
                     reply.path("stats").toString());
        assertError(c, "{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':500}}",
                    "INVALID_FIELD", "stats.intervalMs");
        assertError(c, "{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1500}}",
                    "INVALID_FIELD", "stats.intervalMs");
        assertError(c, "{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':61000}}",
                    "INVALID_FIELD", "stats.intervalMs");
        assertError(c, "{'type':'Subscribe','topics':['stats'],'stats':{'every':1000}}", "INVALID_FIELD", "stats.every");
        assertError(c, "{'type':'Subscribe','topics':['stats'],'stats':{'flowIds':[7]}}",
                    "INVALID_FIELD", "stats.flowIds[0]");
        assertError(c, "{'type':'Subscribe','topics':['flows'],'stats':{'intervalMs':1000}}", "INVALID_FIELD", "stats");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            many.append(i == 0 ? "" : ",").append("'fs-").append(i).append("'");
        }
        assertError(c, "{'type':'Subscribe','topics':['stats'],'stats':{'flowIds':[" + many + "]}}",
                    "TOO_LARGE", "stats.flowIds");
    }

    @Test
    public void getFlowAndListFlowsGiveTheRates() throws Exception {
        String voice = admin.ok(VOICE).path("flowId").asText();
        String video = admin.ok(VIDEO).path("flowId").asText();
        env.sandbox.setFlowTraffic(voice, 500_000);
        // Two refreshes after the new rate: ONOS's latest period is all at that rate.
        JsonNode traffic = eventually("GetFlow gives the voice call's rate", Duration.ofSeconds(10), () -> {
            try {
                JsonNode t = admin.ok("{'type':'GetFlow','flowId':'" + voice + "'}").path("traffic");
                long rate = t.path("ingress").path("bitRate").asLong();
                return Math.abs(rate - 1_000_000) < 50_000 ? t : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(6, traffic.path("hops").size());
        assertTrue(traffic.toString(), traffic.path("ingress").path("bytes").asLong() > 0);

        JsonNode list = admin.ok("{'type':'ListFlows','sort':'bitRate'}").path("flows");
        assertEquals(2, list.size());
        assertEquals(video, list.path(0).path("flowId").asText());   // 2 Mbit/s before 1 Mbit/s
        assertTrue(list.toString(), list.path(0).path("bitRate").asLong() > list.path(1).path("bitRate").asLong());
        assertError(admin, "{'type':'ListFlows','sort':'name'}", "INVALID_FIELD", "sort");
    }

    @Test
    public void theSandboxControlApiSetsAFlowsRateForAdministratorsOnly() throws Exception {
        String flowId = admin.ok(VIDEO).path("flowId").asText();
        assertEquals(403, control("PUT", flowId, "{\"bitsPerSecond\":3000000}", "viewer", "viewer"));
        assertEquals(401, control("PUT", flowId, "{\"bitsPerSecond\":3000000}", "onos", "wrong"));
        assertEquals(404, control("PUT", "fs-none", "{\"bitsPerSecond\":3000000}", "onos", "rocks"));
        assertEquals(400, control("PUT", flowId, "{\"bitsPerSecond\":-1}", "onos", "rocks"));
        assertEquals(400, control("PUT", flowId, "{\"rate\":1}", "onos", "rocks"));
        assertEquals(405, control("POST", flowId, "{\"bitsPerSecond\":1}", "onos", "rocks"));
        assertEquals(204, control("PUT", flowId, "{\"bitsPerSecond\":3000000}", "onos", "rocks"));
        Watcher watcher = watch("{'type':'Subscribe','topics':['stats'],'stats':{'intervalMs':1000}}");
        JsonNode set = watcher.nth("FLOW_STATS", 3, e -> true);
        assertWithin(set.toString(), 3_000_000, set.path("data").path("ingress").path("bitRate").asLong(), 0.05);

        assertEquals(204, control("DELETE", flowId, "", "onos", "rocks"));
        watcher.nth("FLOW_STATS", 1, e -> true);
        JsonNode back = watcher.nth("FLOW_STATS", 2, e -> true);
        assertWithin(back.toString(), 2_000_000, back.path("data").path("ingress").path("bitRate").asLong(), 0.05);
    }

    // ------------------------------------------------------------------ helpers

    private static int control(String method, String flowId, String body, String user, String password)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(env.sandbox.web().controlUri() + "/traffic/" + flowId))
                .header("Authorization", ClientConfig.basicAuthorization(user, password))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void assertWithin(String what, double expected, double actual, double tolerance) {
        assertTrue(what + ": " + actual + " is not within " + (tolerance * 100) + " % of " + expected,
                   Math.abs(actual - expected) <= expected * tolerance);
    }

    private static void assertError(FlowSocketClient c, String request, String code, String field) throws Exception {
        JsonNode error = c.error(request);
        assertEquals(error.toString(), code, error.path("code").asText());
        assertEquals(error.toString(), field, error.path("field").asText());
    }

    private List<Long> arrivals(Watcher watcher, int count, String flowId) throws InterruptedException {
        List<Long> times = new ArrayList<>();
        while (times.size() < count) {
            JsonNode e = watcher.next("FLOW_STATS", Duration.ofSeconds(6));
            if (flowId.equals(e.path("data").path("flowId").asText())) {
                times.add(System.nanoTime() / 1_000_000);
            }
        }
        return times;
    }

    private Watcher watch(String subscribe) throws Exception {
        FlowSocketClient client = env.admin();
        Watcher watcher = new Watcher(client);
        client.onEvent(watcher.events::add);
        JsonNode reply = client.ok(subscribe);
        assertTrue(reply.toString(), reply.path("stats").isObject());
        return watcher;
    }

    /** One connection's stats events as they arrive. */
    private static final class Watcher {
        final FlowSocketClient client;
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

        Watcher(FlowSocketClient client) {
            this.client = client;
        }

        JsonNode next(String type, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no " + type + " within " + timeout);
                }
                if (type.equals(e.path("event").asText())) {
                    return e;
                }
            }
        }

        /**
         * The n-th event of a type that matches, waiting up to 5 s for each
         * (and 5 s more): events that do not match do not extend the wait.
         */
        JsonNode nth(String type, int n, java.util.function.Predicate<JsonNode> which) throws InterruptedException {
            Duration wait = Duration.ofSeconds(5L * (n + 1));
            long deadline = System.nanoTime() + wait.toNanos();
            JsonNode found = null;
            for (int seen = 0; seen < n;) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(seen + " of " + n + " matching " + type + " within " + wait);
                }
                JsonNode e = next(type, Duration.ofNanos(left));
                if (which.test(e)) {
                    found = e;
                    seen++;
                }
            }
            return found;
        }

        List<JsonNode> during(Duration time) throws InterruptedException {
            Thread.sleep(time.toMillis());
            List<JsonNode> out = new ArrayList<>();
            events.drainTo(out);
            return out;
        }
    }

    @Test
    public void noStatsWithoutTheTopic() throws Exception {
        admin.ok(VIDEO);
        FlowSocketClient c = env.admin();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        c.onEvent(events::add);
        c.ok("{'type':'Subscribe','topics':['devices']}");
        assertNull("stats without subscribing", events.poll(3, TimeUnit.SECONDS));
    }
}
