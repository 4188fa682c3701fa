/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BandwidthCapacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Bandwidth admission control on a ring of four switches
 * ({@link RingE2eTestBase}) whose ports ONOS's {@code bandwidthCapacity}
 * port configuration sets to 10 Mb/s (the switches report 10 Gb/s):
 * 6000 kb/s fit once on each link.
 */
public class AdmissionE2ETest extends RingE2eTestBase {

    private static final long CAPACITY_KBPS = 10_000;
    private static final String LINK_1_2 = S1_TO_S2 + "-" + S2_TO_S1;

    @BeforeClass
    public static void setUp() throws Exception {
        startRing(4);
        NetworkConfigService netcfg = env.sandbox.core().get(NetworkConfigService.class);
        ObjectMapper mapper = new ObjectMapper();
        for (DeviceId d : List.of(S1, S2, S3, S4)) {
            for (int port = 2; port <= 3; port++) {
                netcfg.applyConfig(ConnectPoint.deviceConnectPoint(d + "/" + port), BandwidthCapacity.class,
                                   mapper.createObjectNode().put("capacityMbps", CAPACITY_KBPS / 1000));
            }
        }
    }

    @After
    public void clear() throws Exception {
        removeAllFlows();
        mendLinks();
        Thread.sleep(PAST_HOLD_DOWN_MS);
        for (JsonNode l : admin.ok("{'type':'ListLinks'}").path("links")) {
            assertEquals(l.toString(), 0, l.path("reservedKbps").asLong());
        }
    }

    private static String flow(int dstPort, long kbps, boolean bidirectional) {
        return "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.2','protocol':'udp','dstPort':"
                + dstPort + ",'qos':{'bandwidthKbps':" + kbps + "},'bidirectional':" + bidirectional + "}}";
    }

    @Test
    public void admittedOnTheShortestPathWithRoomRefusedWhenNoneHasItReleasedOnRemoval() throws Exception {
        JsonNode first = admin.ok(flow(5001, 6000, true));
        assertEquals(List.of(S1 + " 1>2", S2 + " 2>1"), hops(first.path("path")));
        assertEquals(6000, first.path("spec").path("qos").path("bandwidthKbps").asLong());
        JsonNode link = link(S1_TO_S2, S2_TO_S1);
        assertEquals(CAPACITY_KBPS, link.path("capacityKbps").asLong());
        assertEquals(6000, link.path("reservedKbps").asLong());
        assertEquals(4000, link.path("availableKbps").asLong());
        assertEquals("the way back is reserved too", 6000, link(S2_TO_S1, S1_TO_S2).path("reservedKbps").asLong());

        // The direct link has 4000 kb/s left: the second flow goes the long way round.
        JsonNode second = admin.ok(flow(5002, 6000, false));
        assertEquals(List.of(S1 + " 1>3", S4 + " 3>2", S3 + " 3>2", S2 + " 3>1"), hops(second.path("path")));

        int rulesBefore = rules();
        JsonNode refused = admin.error(flow(5003, 6000, false));
        assertEquals(refused.toString(), "NO_CAPACITY", refused.path("code").asText());
        assertEquals("network.qos.bandwidthKbps", refused.path("field").asText());
        JsonNode details = refused.path("details");
        assertEquals(LINK_1_2, details.path("link").asText());
        assertEquals(CAPACITY_KBPS, details.path("capacityKbps").asLong());
        assertEquals(6000, details.path("reservedKbps").asLong());
        assertEquals(4000, details.path("availableKbps").asLong());
        assertEquals(6000, details.path("requestedKbps").asLong());
        assertTrue(refused.path("message").asText(), refused.path("message").asText().contains(LINK_1_2));
        assertEquals("nothing installed", rulesBefore, rules());
        assertEquals(2, admin.ok("{'type':'ListFlows'}").path("flows").size());

        admin.ok("{'type':'RemoveFlow','flowId':'" + first.path("flowId").asText() + "'}");
        assertEquals(0, link(S1_TO_S2, S2_TO_S1).path("reservedKbps").asLong());
        assertEquals(CAPACITY_KBPS, link(S1_TO_S2, S2_TO_S1).path("availableKbps").asLong());
        assertEquals(List.of(S1 + " 1>2", S2 + " 2>1"), hops(admin.ok(flow(5003, 6000, false)).path("path")));
    }

    @Test
    public void theReservationMovesWithAReroute() throws Exception {
        String flowId = admin.ok(flow(5001, 6000, false)).path("flowId").asText();
        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        admin.awaitEvent("flows", "FLOW_REROUTED", d -> flowId.equals(d.path("flowId").asText()));
        for (String[] hop : new String[][]{{S1 + "/3", S4 + "/3"}, {S4 + "/2", S3 + "/3"}, {S3 + "/2", S2 + "/3"}}) {
            assertEquals(6000, link(ConnectPoint.deviceConnectPoint(hop[0]), ConnectPoint.deviceConnectPoint(hop[1]))
                    .path("reservedKbps").asLong());
        }
        env.network().linkUp(S1_TO_S2, S2_TO_S1);
        E2eSandbox.eventually("link 1-2 listed again", () -> link(S1_TO_S2, S2_TO_S1) != null);
        assertEquals("nothing left on the old path", 0, link(S1_TO_S2, S2_TO_S1).path("reservedKbps").asLong());
    }

    @Test
    public void aPolicedFlowKeepsItsIngressMetersThroughARerouteAndTheMeterFollowsAMovedHost() throws Exception {
        // ONOS learns of new meters from the switches' meter statistics: read them every second here.
        env.network().setMeterStatsInterval(Duration.ofSeconds(1));
        HostId h2 = HostId.hostId("00:00:00:00:00:02/None");
        try {
            JsonNode installed = admin.ok(flow(5001, 2000, true).replace("'bandwidthKbps':2000",
                                                                           "'bandwidthKbps':2000,'police':true"));
            String flowId = installed.path("flowId").asText();
            List<String> before = meters(installed.path("meters"));
            assertEquals(List.of(S1.toString(), S2.toString()), devices(before));

            // Round the ring: both directions still enter at s1 and s2, whose meters stay.
            env.network().linkDown(S1_TO_S2, S2_TO_S1);
            JsonNode rerouted = admin.awaitEvent("flows", "FLOW_REROUTED", d -> flowId.equals(d.path("flowId")
                    .asText())).path("data");
            assertEquals(List.of(S1 + " 1>3", S4 + " 3>2", S3 + " 3>2", S2 + " 3>1"), hops(rerouted.path("path")));
            assertEquals(before, meters(rerouted.path("meters")));
            assertPolicedAt(S1, before.get(0), "10.0.0.1/32");
            assertPolicedAt(S2, before.get(1), "10.0.0.2/32");

            // h2 turns up on s3: the way back enters there now, and its meter follows.
            env.network().moveHost(h2, ConnectPoint.deviceConnectPoint(S3 + "/1"));
            JsonNode moved = admin.awaitEvent("flows", "FLOW_REROUTED", d -> flowId.equals(d.path("flowId")
                    .asText()) && d.path("path").get(d.path("path").size() - 1).path("deviceId").asText()
                    .equals(S3.toString())).path("data");
            List<String> after = meters(moved.path("meters"));
            assertEquals(moved.toString(), List.of(S1.toString(), S3.toString()), devices(after));
            assertEquals("the way there keeps its meter", before.get(0), after.get(0));
            assertPolicedAt(S1, after.get(0), "10.0.0.1/32");
            assertPolicedAt(S3, after.get(1), "10.0.0.2/32");
            E2eSandbox.eventually("s2's meter released", () -> env.network().meterTable(S2).isEmpty());
            assertEquals(List.of(), env.network().meterTable(S4));
            assertEquals(List.of(), admin.problems());
        } finally {
            env.network().moveHost(h2, ConnectPoint.deviceConnectPoint(S2 + "/1"));
            env.network().setMeterStatsInterval(Duration.ofSeconds(10));
        }
    }

    // "device/meterId" of each meter of a handle, in order.
    private static List<String> meters(JsonNode meters) {
        List<String> out = new ArrayList<>();
        meters.forEach(m -> out.add(m.path("deviceId").asText() + "/" + m.path("meterId").asLong()));
        return out;
    }

    private static List<String> devices(List<String> meters) {
        return meters.stream().map(m -> m.substring(0, m.lastIndexOf('/'))).collect(Collectors.toList());
    }

    // The switch holds the meter at the reserved rate and only the rule of the direction entering there uses it.
    private static void assertPolicedAt(DeviceId device, String meter, String enteringSrc) throws Exception {
        long id = Long.parseLong(meter.substring(meter.lastIndexOf('/') + 1));
        E2eSandbox.eventually("the rules on " + device + " are confirmed", () -> env.switchRules(device).size() == 2
                && env.network().meterTable(device).stream().anyMatch(m -> m.id().id() == id));
        Meter held = env.network().meterTable(device).stream().filter(m -> m.id().id() == id).findFirst().get();
        assertEquals(2000, held.bands().iterator().next().rate());
        List<FlowEntry> metered = env.onosRules(device).stream().filter(r -> r.treatment().metered() != null)
                .collect(Collectors.toList());
        assertEquals(metered.toString(), 1, metered.size());
        assertEquals(id, ((Instructions.MeterInstruction) metered.get(0).treatment().metered()).meterId().id().longValue());
        assertEquals(enteringSrc, ((IPCriterion) metered.get(0).selector().getCriterion(Criterion.Type.IPV4_SRC))
                .ip().toString());
    }

    @Test
    public void aRerouteThatDoesNotFitDegrades() throws Exception {
        String direct = admin.ok(flow(5001, 6000, false)).path("flowId").asText();
        admin.ok(flow(5002, 6000, false));
        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        JsonNode degraded = admin.awaitEvent("flows", "FLOW_DEGRADED", d -> direct.equals(d.path("flowId").asText()));
        String reason = degraded.path("data").path("reason").asText();
        assertTrue(reason, reason.startsWith("NO_CAPACITY: link " + LINK_1_2 + " went down; link "));
        assertTrue(reason, reason.contains("has 4000 kb/s available (capacity 10000 kb/s, 6000 kb/s reserved)"));
    }

    @Test
    public void ofTwoConcurrentReservationsThatFitOnlyOneAtATimeOneSucceeds() throws Exception {
        env.network().linkDown(S3_TO_S4, S4_TO_S3);
        Thread.sleep(300);
        FlowSocketClient other = env.connect("alice", "secret");
        CompletableFuture<JsonNode> a = admin.request(flow(5001, 6000, false));
        CompletableFuture<JsonNode> b = other.request(flow(5002, 6000, false));
        List<String> outcomes = List.of(outcome(a.get()), outcome(b.get()));
        assertTrue(outcomes.toString(), outcomes.contains("ok") && outcomes.contains("NO_CAPACITY"));
        assertEquals(6000, link(S1_TO_S2, S2_TO_S1).path("reservedKbps").asLong());
    }

    private static String outcome(JsonNode reply) {
        return "ok".equals(reply.path("status").asText()) ? "ok" : reply.path("error").path("code").asText();
    }

    private static int rules() {
        return List.of(S1, S2, S3, S4).stream().mapToInt(d -> env.switchRules(d).size()).sum();
    }

    private static JsonNode link(ConnectPoint src, ConnectPoint dst) throws Exception {
        return E2eSandbox.listedLink(admin, src, dst);
    }
}
