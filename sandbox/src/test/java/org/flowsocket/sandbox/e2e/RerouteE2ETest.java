/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.sandbox.network.FlowModFailure;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.PortCriterion;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.topology.TopologyService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    private static final String MANAGER = "org.flowsocket.impl.FlowSocketManager";

    @After
    public void mendEverything() throws Exception {
        env.network().faults().clearRefusals();
        env.network().faults().setAckLatency(S4, null);
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
        // While s4 has not confirmed the new path's rules, the old path's own rules stay on their switches.
        E2eSandbox.eventually("the new path's rules sent to s4", () -> !env.onosRules(S4).isEmpty());
        assertEquals("s4 has not acknowledged yet", List.of(), env.switchRules(S4));
        assertTrue("the old path's rule towards h2 still on s2: " + env.switchRules(S2),
                   ruleFrom(env.switchRules(S2), "2").isPresent());
        assertTrue("the old path's rule towards h1 still on s1: " + env.switchRules(S1),
                   ruleFrom(env.switchRules(S1), "2").isPresent());
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
        JsonNode installed = admin.ok(H1_H2);
        String flowId = installed.path("flowId").asText();
        // h2 shows up on port 1 of s3 (beside h3).
        env.network().moveHost(HostId.hostId("00:00:00:00:00:02/None"), ConnectPoint.deviceConnectPoint(S3 + "/1"));
        JsonNode rerouted = admin.awaitEvent("flows", "FLOW_REROUTED", d -> flowId.equals(d.path("flowId").asText()));
        assertEquals(hops(installed.path("path")), hops(rerouted.path("data").path("previousPath")));
        List<String> path = hops(rerouted.path("data").path("path"));
        assertEquals(rerouted.toString(), 3, path.size());
        assertTrue(path.toString(), path.get(2).equals(S3 + " 2>1") || path.get(2).equals(S3 + " 3>1"));
        assertEquals(6, rerouted.path("data").path("rules").size());
        // The old path's rules are gone: each switch of the new path holds one rule each way, the others none.
        Set<String> onPath = path.stream().map(h -> h.split(" ")[0]).collect(Collectors.toSet());
        for (DeviceId d : List.of(S1, S2, S3, S4)) {
            int expected = onPath.contains(d.toString()) ? 2 : 0;
            E2eSandbox.eventually(d + " holds " + expected + " rules of the new path",
                                  () -> env.switchRules(d).size() == expected && env.onosRules(d).size() == expected);
        }
        assertTrue("towards h2 out of port 1 of s3: " + env.switchRules(S3),
                   env.switchRules(S3).stream().anyMatch(r -> outputs(r).equals(List.of("1"))));
        assertEquals(List.of(), admin.problems());
    }

    @Test
    public void aNewPathTheSwitchesRefuseLeavesTheOldRulesAsTheyWere() throws Exception {
        JsonNode installed = admin.ok(H1_H2);
        // s4, on the only other path, refuses every rule: the reroute fails half-way. The rule
        // from h1 on s1 (and the one from h2 on s2) keeps its match on the new path but not its
        // output, so it was modified in place before s4 answered.
        env.network().faults().refuseAll(S4, FlowModFailure.TABLE_FULL);
        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        assertRolledBack(installed);
    }

    @Test
    public void aChangeInPlaceTheSwitchRefusesIsPutBackInOnos() throws Exception {
        JsonNode installed = admin.ok(H1_H2);
        // s1 refuses only the new output of its rule from h1: it keeps the old one, while ONOS's
        // flow store holds the refused version (ONOS 2.5.6 FlowRuleManager leaves a failed entry
        // in the store) until FlowSocket sends the old one again.
        env.network().faults().refuse(S1, r -> outputs(r).equals(List.of("3")), FlowModFailure.TABLE_FULL);
        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        assertRolledBack(installed);
    }

    // All or nothing: after REROUTE_FAILED, the handle, ONOS and the switches hold the old path's rules as installed.
    private static void assertRolledBack(JsonNode installed) throws Exception {
        String flowId = installed.path("flowId").asText();
        JsonNode degraded = admin.awaitEvent("flows", "FLOW_DEGRADED", d -> flowId.equals(d.path("flowId").asText())
                && d.path("reason").asText().startsWith("REROUTE_FAILED: "));
        String reason = degraded.path("data").path("reason").asText();
        assertTrue(reason, reason.contains("the switches did not confirm the new path"));
        assertEquals("the handle keeps its path", hops(installed.path("path")),
                     hops(degraded.path("data").path("path")));
        assertEquals("and its rules", ruleIds(installed.path("rules")), ruleIds(degraded.path("data").path("rules")));

        // The rules changed in place have their old output again, on the switch and in ONOS;
        // the rules only the new path had are withdrawn.
        E2eSandbox.eventually("s1's rule from h1 outputs to s2 again, on the switch and in ONOS",
                              () -> outputFrom(env.switchRules(S1), "1").equals(List.of("2"))
                                      && outputFrom(env.onosRules(S1), "1").equals(List.of("2")));
        E2eSandbox.eventually("s2's rule from h2 outputs to s1 again, on the switch and in ONOS",
                              () -> outputFrom(env.switchRules(S2), "1").equals(List.of("2"))
                                      && outputFrom(env.onosRules(S2), "1").equals(List.of("2")));
        for (DeviceId d : List.of(S1, S2)) {
            E2eSandbox.eventually("only the old path's two rules on " + d + ", on the switch and in ONOS",
                                  () -> env.switchRules(d).size() == 2 && env.onosRules(d).size() == 2);
        }
        for (DeviceId d : List.of(S3, S4)) {
            E2eSandbox.eventually("the new path's rules withdrawn from " + d,
                                  () -> env.switchRules(d).isEmpty() && env.onosRules(d).isEmpty());
        }
        JsonNode got = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals("DEGRADED", got.path("state").asText());
        assertEquals(ruleIds(installed.path("rules")), ruleIds(got.path("rules")));
    }

    @Test
    public void aFlowThatChangesPathTooOftenWaitsRerouteLimited() throws Exception {
        ComponentConfigService cfg = env.sandbox.core().get(ComponentConfigService.class);
        TopologyService topology = env.sandbox.core().get(TopologyService.class);
        // Two path changes a minute, and no hold-down, so that each cut moves the flow at once.
        cfg.setProperty(MANAGER, "rerouteMaxPerMinute", "2");
        cfg.setProperty(MANAGER, "rerouteHoldDownMs", "0");
        try {
            Thread.sleep(1000);
            JsonNode installed = admin.ok(H1_H2);
            String flowId = installed.path("flowId").asText();
            List<String> shortPath = hops(installed.path("path"));
            long seq = 0;
            // The flow goes round the ring (s1-s2 cut), then back (s3-s4 cut): two changes.
            ConnectPoint[][] cuts = {{S1_TO_S2, S2_TO_S1}, {S3_TO_S4, S4_TO_S3}};
            for (ConnectPoint[] cut : cuts) {
                env.network().linkDown(cut[0], cut[1]);
                seq = admin.awaitEventAfter(seq, "flows", "FLOW_REROUTED",
                                            d -> flowId.equals(d.path("flowId").asText())).path("seq").asLong();
                env.network().linkUp(cut[0], cut[1]);
                // In the topology ONOS's PathService answers from, not only in its LinkService.
                E2eSandbox.eventually("the ring's eight link directions in the topology",
                                      () -> topology.currentTopology().linkCount() == 8);
            }
            // The third cut within the minute: the flow stays on its broken path, DEGRADED.
            env.network().linkDown(S1_TO_S2, S2_TO_S1);
            JsonNode limited = admin.awaitEventAfter(seq, "flows", "FLOW_DEGRADED",
                                                     d -> flowId.equals(d.path("flowId").asText()));
            String reason = limited.path("data").path("reason").asText();
            assertTrue(reason, reason.startsWith("REROUTE_LIMITED: "));
            assertTrue(reason, reason.contains("changed path 2 times within a minute"));
            assertEquals(shortPath, hops(limited.path("data").path("path")));
            Thread.sleep(500);
            assertEquals("no reroute beyond the limit: " + admin.eventSummary(), 2, admin.events("flows").stream()
                    .filter(e -> "FLOW_REROUTED".equals(e.path("event").asText())
                            && flowId.equals(e.path("data").path("flowId").asText())).count());
            assertTrue("s1 keeps the rule towards the cut link", outputFrom(env.switchRules(S1), "1")
                    .equals(List.of("2")));
        } finally {
            cfg.setProperty(MANAGER, "rerouteMaxPerMinute", "6");
            cfg.setProperty(MANAGER, "rerouteHoldDownMs", "2000");
        }
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

    // The rule of a flow that matches packets coming in on a port (one per direction per switch here).
    private static Optional<FlowRule> ruleFrom(Collection<? extends FlowRule> rules, String inPort) {
        return rules.stream().filter(r -> {
            PortCriterion in = (PortCriterion) r.selector().getCriterion(Criterion.Type.IN_PORT);
            return in != null && in.port().toString().equals(inPort);
        }).map(r -> (FlowRule) r).findFirst();
    }

    // A handle's rules as device/rule id (GetFlow adds each rule's ONOS entry).
    private static List<String> ruleIds(JsonNode rules) {
        List<String> out = new ArrayList<>();
        rules.forEach(r -> out.add(r.path("deviceId").asText() + "/" + r.path("flowId").asText()));
        return out;
    }

    private static List<String> outputFrom(Collection<? extends FlowRule> rules, String inPort) {
        return ruleFrom(rules, inPort).map(RerouteE2ETest::outputs).orElse(List.of());
    }

    private static List<String> outputs(FlowRule rule) {
        return rule.treatment().allInstructions().stream().filter(i -> i instanceof Instructions.OutputInstruction)
                .map(i -> ((Instructions.OutputInstruction) i).port().toString()).collect(Collectors.toList());
    }
}
