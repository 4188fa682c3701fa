/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Network flows healing themselves on a ring of four switches
 * ({@link RingE2eTestBase}), as a client subscribed to {@code flows} sees it.
 */
public class RerouteE2ETest extends RingE2eTestBase {

    /** h1 to h2, both ways: the shortest path is s1-s2, the other way round the ring s1-s4-s3-s2. */
    static final String H1_H2 = "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.2',"
            + "'protocol':'udp','dstPort':5004,'class':'video','bidirectional':true}}";

    @BeforeClass
    public static void setUp() throws Exception {
        startRing(4);
    }

    @After
    public void mendEverything() throws Exception {
        removeAllFlows();
        mendLinks();
        env.network().moveHost(HostId.hostId("00:00:00:00:00:02/None"), ConnectPoint.deviceConnectPoint(S2 + "/1"));
        // Past the hold-down of the links that came back.
        Thread.sleep(PAST_HOLD_DOWN_MS);
        for (DeviceId d : List.of(S1, S2, S3, S4)) {
            E2eSandbox.eventually("no rule left on " + d, () -> env.switchRules(d).isEmpty());
        }
    }

    @Test
    public void linkDownMovesTheFlowOnceTheNewPathIsConfirmed() throws Exception {
        JsonNode installed = admin.ok(H1_H2);
        String flowId = installed.path("flowId").asText();
        assertEquals(List.of(S1 + " 1>2", S2 + " 2>1"), hops(installed.path("path")));
        assertTrue(installed.path("spec").path("reroute").asBoolean(false));
        // The switches answer slowly: the old path is kept until they confirmed the new one.
        env.network().faults().setAckLatency(S4, Duration.ofMillis(300));

        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        JsonNode rerouted = admin.awaitEvent("flows", "FLOW_REROUTED", d -> flowId.equals(d.path("flowId").asText()));
        JsonNode data = rerouted.path("data");
        assertEquals(List.of(S1 + " 1>2", S2 + " 2>1"), hops(data.path("previousPath")));
        assertEquals(List.of(S1 + " 1>3", S4 + " 3>2", S3 + " 3>2", S2 + " 3>1"), hops(data.path("path")));
        assertEquals("INSTALLED", data.path("state").asText());
        assertEquals("both directions on every switch of the new path, confirmed before the event",
                     2, env.switchRules(S4).size());
        assertEquals(2, env.switchRules(S3).size());
        assertEquals(8, data.path("rules").size());

        // Break: the old path's rules go; the first and last switch keep one rule each way.
        E2eSandbox.eventually("old rules removed", () -> env.switchRules(S1).size() == 2
                && env.switchRules(S2).size() == 2);
        JsonNode got = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals("INSTALLED", got.path("state").asText());
        assertEquals(hops(data.path("path")), hops(got.path("path")));
        assertNull("no FLOW_DEGRADED on the way: " + admin.eventSummary(), degradedEvent(flowId));

        // The link's return moves nothing back.
        env.network().faults().setAckLatency(S4, null);
        env.network().linkUp(S1_TO_S2, S2_TO_S1);
        Thread.sleep(2500);
        assertEquals(1, admin.events("flows").stream().filter(e -> "FLOW_REROUTED".equals(e.path("event").asText())
                && flowId.equals(e.path("data").path("flowId").asText())).count());
        assertEquals(List.of(), admin.problems());
    }

    @Test
    public void withoutAPathTheFlowIsDegradedUntilTheLinkReturns() throws Exception {
        env.network().linkDown(S3_TO_S4, S4_TO_S3);
        JsonNode installed = admin.ok(H1_H2);
        String flowId = installed.path("flowId").asText();

        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        JsonNode degraded = admin.awaitEvent("flows", "FLOW_DEGRADED", d -> flowId.equals(d.path("flowId").asText()));
        String reason = degraded.path("data").path("reason").asText();
        assertTrue(reason, reason.startsWith("NO_PATH: link " + S1_TO_S2 + "-" + S2_TO_S1 + " went down; "));
        assertEquals("the flow keeps its path and rules meanwhile", hops(installed.path("path")),
                     hops(degraded.path("data").path("path")));

        env.network().linkUp(S1_TO_S2, S2_TO_S1);
        long upAt = System.nanoTime();
        JsonNode restored = admin.awaitEventAfter(degraded.path("seq").asLong(), "flows", "FLOW_INSTALLED",
                                                  d -> flowId.equals(d.path("flowId").asText()));
        long tookMs = (System.nanoTime() - upAt) / 1_000_000;
        assertTrue("restored only after the hold-down (2000 ms): " + tookMs, tookMs >= 1900);
        assertEquals(hops(installed.path("path")), hops(restored.path("data").path("path")));
        assertTrue(restored.path("data").path("reason").isMissingNode());
        assertEquals(List.of(), admin.problems());
    }

    @Test
    public void aLinkFlappingWithinTheHoldDownRestoresNothingUntilItStaysUp() throws Exception {
        env.network().linkDown(S3_TO_S4, S4_TO_S3);
        String flowId = admin.ok(H1_H2).path("flowId").asText();
        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        JsonNode degraded = admin.awaitEvent("flows", "FLOW_DEGRADED", d -> flowId.equals(d.path("flowId").asText()));
        long seq = degraded.path("seq").asLong();

        for (int i = 0; i < 5; i++) {
            env.network().linkUp(S1_TO_S2, S2_TO_S1);
            Thread.sleep(100);
            env.network().linkDown(S1_TO_S2, S2_TO_S1);
            Thread.sleep(100);
        }
        Thread.sleep(500);
        assertEquals("no flow event while the link flaps: " + admin.eventSummary(), List.of(),
                     flowEventsAfter(seq, flowId));
        env.network().linkUp(S1_TO_S2, S2_TO_S1);
        admin.awaitEventAfter(seq, "flows", "FLOW_INSTALLED", d -> flowId.equals(d.path("flowId").asText()));
        Thread.sleep(300);
        assertEquals(List.of("FLOW_INSTALLED"), flowEventsAfter(seq, flowId));
    }

    @Test
    public void aHostThatMovesTakesItsFlowsAlong() throws Exception {
        String flowId = admin.ok(H1_H2).path("flowId").asText();
        // h2 shows up on port 1 of s3 (beside h3).
        env.network().moveHost(HostId.hostId("00:00:00:00:00:02/None"), ConnectPoint.deviceConnectPoint(S3 + "/1"));
        JsonNode rerouted = admin.awaitEvent("flows", "FLOW_REROUTED", d -> flowId.equals(d.path("flowId").asText()));
        List<String> path = hops(rerouted.path("data").path("path"));
        assertEquals(rerouted.toString(), 3, path.size());
        assertTrue(path.toString(), path.get(2).equals(S3 + " 2>1") || path.get(2).equals(S3 + " 3>1"));
        E2eSandbox.eventually("s3 has both directions' rules",
                              () -> env.switchRules(S3).size() == 2);
        assertEquals(List.of(), admin.problems());
    }

    @Test
    public void aMeteredFlowGetsMetersOnTheSwitchesItsNewPathAdds() throws Exception {
        // ONOS learns of new meters from the switches' meter statistics: read them every second here.
        env.network().setMeterStatsInterval(Duration.ofSeconds(1));
        try {
            JsonNode installed = admin.ok(H1_H2.replace("'class':'video'", "'class':'video','qos':{'meterKbps':800}"));
            String flowId = installed.path("flowId").asText();
            assertEquals(2, installed.path("meters").size());
            env.network().linkDown(S1_TO_S2, S2_TO_S1);
            JsonNode rerouted = admin.awaitEvent("flows", "FLOW_REROUTED",
                                                 d -> flowId.equals(d.path("flowId").asText()));
            JsonNode meters = rerouted.path("data").path("meters");
            List<String> metered = new ArrayList<>();
            meters.forEach(m -> metered.add(m.path("deviceId").asText()));
            assertEquals(rerouted.toString(), Set.of(S1.toString(), S2.toString(), S3.toString(), S4.toString()),
                         Set.copyOf(metered));
            assertEquals("one meter per switch", 4, metered.size());
            for (JsonNode m : meters) {
                DeviceId device = DeviceId.deviceId(m.path("deviceId").asText());
                assertTrue("the switch holds the meter its rules use: " + m, env.network().meterTable(device)
                        .stream().anyMatch(x -> x.id().id() == m.path("meterId").asLong()));
            }
            admin.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
            for (DeviceId d : List.of(S1, S2, S3, S4)) {
                E2eSandbox.eventually("meters released on " + d, () -> env.network().meterTable(d).isEmpty());
            }
        } finally {
            env.network().setMeterStatsInterval(Duration.ofSeconds(10));
        }
    }

    @Test
    public void aFlowWithoutRerouteStaysOnItsPathDegraded() throws Exception {
        JsonNode installed = admin.ok("{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.2',"
                + "'protocol':'udp','dstPort':5006,'reroute':false}}");
        String flowId = installed.path("flowId").asText();
        assertEquals(false, installed.path("spec").path("reroute").asBoolean(true));
        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        JsonNode degraded = admin.awaitEvent("flows", "FLOW_DEGRADED", d -> flowId.equals(d.path("flowId").asText()));
        // A cut link reports its ports down before ONOS removes it (LldpLinkProvider): either names the failure.
        String reason = degraded.path("data").path("reason").asText();
        assertTrue(degraded.toString(), reason.startsWith("PATH_FAILED: link ") || reason.startsWith("PATH_FAILED: port "));
        assertEquals(hops(installed.path("path")), hops(degraded.path("data").path("path")));
        env.network().linkUp(S1_TO_S2, S2_TO_S1);
        admin.awaitEventAfter(degraded.path("seq").asLong(), "flows", "FLOW_INSTALLED",
                              d -> flowId.equals(d.path("flowId").asText()));
        assertTrue(admin.events("flows").stream().noneMatch(e -> "FLOW_REROUTED".equals(e.path("event").asText())
                && flowId.equals(e.path("data").path("flowId").asText())));
    }

    private static List<String> flowEventsAfter(long seq, String flowId) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : admin.events("flows")) {
            if (e.path("seq").asLong() > seq && flowId.equals(e.path("data").path("flowId").asText())
                    && e.path("event").asText().startsWith("FLOW_")) {
                out.add(e.path("event").asText());
            }
        }
        return out;
    }

    private static JsonNode degradedEvent(String flowId) {
        return admin.events("flows").stream().filter(e -> "FLOW_DEGRADED".equals(e.path("event").asText())
                && flowId.equals(e.path("data").path("flowId").asText())).findFirst().orElse(null);
    }
}
