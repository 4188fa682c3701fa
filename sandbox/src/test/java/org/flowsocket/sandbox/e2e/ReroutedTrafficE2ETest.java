/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowId;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;

/**
 * The sandbox's simulated traffic follows a flow handle, not its rules: a
 * rate set for a handle moves to the rules of its new path when it is
 * rerouted (on a ring of four switches, {@link RingE2eTestBase}), and is
 * forgotten with the handle.
 */
public class ReroutedTrafficE2ETest extends RingE2eTestBase {

    private static final long RATE = 8_000_000;

    /** h1 to h2, both ways: the shortest path is s1-s2, the other way round the ring s1-s4-s3-s2. */
    private static final String H1_H2 = "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.2',"
            + "'protocol':'udp','dstPort':5004,'class':'video','bidirectional':true}}";

    @BeforeClass
    public static void setUp() throws Exception {
        startRing(4);
        env.network().setStatsInterval(Duration.ofSeconds(1));
    }

    @After
    public void mendEverything() throws Exception {
        removeAllFlows();
        mendLinks();
        Thread.sleep(PAST_HOLD_DOWN_MS);
        for (DeviceId d : List.of(S1, S2, S3, S4)) {
            E2eSandbox.eventually("no rule left on " + d, () -> env.switchRules(d).isEmpty());
        }
    }

    @Test
    public void aReroutedFlowKeepsItsRateAndItsRemovalForgetsIt() throws Exception {
        String flowId = admin.ok(H1_H2).path("flowId").asText();
        env.sandbox.setFlowTraffic(flowId, RATE);
        assertEquals(rated(flowId), env.network().traffic().rates());

        env.network().linkDown(S1_TO_S2, S2_TO_S1);
        admin.awaitEvent("flows", "FLOW_REROUTED", d -> flowId.equals(d.path("flowId").asText()));
        // Only the rules of the new path s1-s4-s3-s2 (both ways) carry the flow's rate.
        E2eSandbox.eventually("the rate moved to the new path's rules",
                              () -> rated(flowId).equals(env.network().traffic().rates()));
        assertEquals(8, rated(flowId).size());
        // And the switches count it on every hop, the new switches' too.
        E2eSandbox.eventually("every hop at " + RATE + " bit/s", Duration.ofSeconds(15), () -> {
            JsonNode hops = get(flowId).path("traffic").path("hops");
            boolean all = hops.size() == 8;
            for (JsonNode hop : hops) {
                all &= Math.abs(hop.path("bitRate").asLong() - RATE) <= RATE * 0.05;
            }
            return all ? hops : null;
        });

        admin.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        E2eSandbox.eventually("the removed flow's rates are forgotten",
                              () -> env.network().traffic().rates().isEmpty());
    }

    // The flow's current rules, each at the rate set.
    private static Map<FlowId, Long> rated(String flowId) {
        Map<FlowId, Long> rates = new HashMap<>();
        get(flowId).path("rules").forEach(r -> rates.put(FlowId.valueOf(r.path("flowId").asLong()), RATE));
        return rates;
    }

    private static JsonNode get(String flowId) {
        try {
            return admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
