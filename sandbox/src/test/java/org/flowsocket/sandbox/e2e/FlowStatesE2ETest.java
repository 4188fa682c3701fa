/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.sandbox.network.FlowModFailure;
import org.flowsocket.sandbox.network.Refusal;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.net.DeviceId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.flowsocket.sandbox.e2e.E2eSandbox.eventually;
import static org.flowsocket.sandbox.e2e.FlowsE2ETest.VOICE;
import static org.flowsocket.sandbox.e2e.FlowsE2ETest.ruleStates;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * What the states of a flow and its rules say, step by step, against what
 * ONOS itself lists: the switches' statistics are polled by hand here, so
 * every step is deterministic.
 */
public class FlowStatesE2ETest extends E2eTestBase {

    private static final List<String> SIX_PENDING_ADD = List.of("PENDING_ADD", "PENDING_ADD", "PENDING_ADD",
                                                                "PENDING_ADD", "PENDING_ADD", "PENDING_ADD");
    private static final List<String> SIX_ADDED = List.of("ADDED", "ADDED", "ADDED", "ADDED", "ADDED", "ADDED");

    @Before
    public void statisticsOnlyWhenPolled() {
        env.network().setStatsInterval(Duration.ofHours(1));
    }

    @After
    public void restoreNetwork() throws Exception {
        env.network().setFlowRemovedMessages(true);
        env.network().faults().clearRefusals();
        if (!env.network().isUp(S2)) {
            env.network().deviceUp(S2);
        }
        FlowsE2ETest.removeAllFlows(admin);
        env.network().pollStatistics();
        for (DeviceId d : List.of(S1, S2, S3)) {
            eventually("no FlowSocket rule left on " + d, () -> env.switchRules(d).isEmpty()
                    && env.onosRules(d).isEmpty());
        }
        env.network().setStatsInterval(Duration.ofMillis(SimulatedNetwork.DEFAULT_STATS_INTERVAL_MS));
    }

    @Test
    public void installedMeansConfirmedWhileOnosListsTheRulesPendingAddUntilItsNextStatistics() throws Exception {
        JsonNode flow = admin.ok(VOICE);
        assertEquals("INSTALLED", flow.path("state").asText());
        String flowId = flow.path("flowId").asText();

        JsonNode got = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals("ONOS's own state of each confirmed rule: " + got, SIX_PENDING_ADD, ruleStates(got));
        assertEquals("the same as ONOS's REST API says", SIX_PENDING_ADD, restStates(got));

        env.network().pollStatistics();
        got = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals(got.toString(), SIX_ADDED, ruleStates(got));
        assertEquals("INSTALLED", got.path("state").asText());
        assertEquals(SIX_ADDED, restStates(got));
    }

    @Test
    public void ruleIdsAreTheOnesOnosRestTakesAndTheOnesInTheRuleJson() throws Exception {
        JsonNode flow = admin.ok(VOICE);
        for (JsonNode rule : admin.ok("{'type':'GetFlow','flowId':'" + flow.path("flowId").asText() + "'}")
                .path("rules")) {
            String id = rule.path("flowId").asText();
            assertEquals("the rule's ONOS JSON has the same id", id, rule.path("rule").path("id").asText());
            JsonNode rest = env.rest("/flows/" + rule.path("deviceId").asText() + "/" + id);
            assertEquals("GET /onos/v1/flows/{deviceId}/{flowId} finds the rule", id,
                         rest.path("flows").path(0).path("id").asText());
        }
    }

    @Test
    public void removedOnlyOnceOnosListsNoneOfTheRules() throws Exception {
        // A switch that sends no FLOW_REMOVED: ONOS drops the deleted rules
        // only when its next statistics leave them out.
        env.network().setFlowRemovedMessages(false);
        JsonNode flow = admin.ok(VOICE);
        env.network().pollStatistics();
        String flowId = flow.path("flowId").asText();

        CompletableFuture<JsonNode> removal = admin.request("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        eventually("the switches deleted the rules", () -> env.switchRules(S1).isEmpty()
                && env.switchRules(S2).isEmpty() && env.switchRules(S3).isEmpty());
        Thread.sleep(300);
        List<String> listed = new ArrayList<>();
        env.restFlows(S1, S2, S3).forEach(f -> listed.add(f.path("state").asText()));
        assertFalse("RemoveFlow answered while ONOS lists " + listed + ": " + (removal.isDone()
                ? removal.join() : ""), removal.isDone());
        assertEquals(List.of("PENDING_REMOVE", "PENDING_REMOVE", "PENDING_REMOVE", "PENDING_REMOVE",
                             "PENDING_REMOVE", "PENDING_REMOVE"), listed);

        env.network().pollStatistics();
        JsonNode reply = removal.get(10, TimeUnit.SECONDS);
        assertEquals(reply.toString(), "REMOVED", reply.path("result").path("state").asText());
        assertEquals("ONOS lists none of them", List.of(), env.restFlows(S1, S2, S3));
    }

    @Test
    public void aFailedFlowStaysVisibleAndEveryErrorNamesIt() throws Exception {
        Refusal refusal = env.network().faults().refuseAll(S2, FlowModFailure.TABLE_FULL);
        JsonNode error = admin.error(VOICE);
        refusal.close();
        assertEquals(error.toString(), "FLOW_REFUSED", error.path("code").asText());
        String flowId = error.path("flowId").asText();
        assertTrue("the error names the flow: " + error, flowId.startsWith("fs-"));

        JsonNode failed = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals("FAILED", failed.path("state").asText());
        assertEquals(error.path("message").asText(), failed.path("reason").asText());
        JsonNode listed = admin.ok("{'type':'ListFlows','state':'FAILED'}").path("flows");
        assertEquals(listed.toString(), flowId, listed.path(0).path("flowId").asText());

        // Its rules were withdrawn: the same flow installs again meanwhile.
        JsonNode retry = admin.ok(VOICE);
        assertEquals("INSTALLED", retry.path("state").asText());

        JsonNode unknown = admin.error("{'type':'GetFlow','flowId':'fs-999999'}");
        assertEquals("UNKNOWN_FLOW", unknown.path("code").asText());
        assertEquals("fs-999999", unknown.path("flowId").asText());

        JsonNode removed = admin.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        assertEquals("REMOVED", removed.path("state").asText());
        assertEquals("UNKNOWN_FLOW", admin.error("{'type':'GetFlow','flowId':'" + flowId + "'}")
                .path("code").asText());
    }

    @Test
    public void removeFlowWithASwitchOfflineSaysTheFlowStaysDegraded() throws Exception {
        JsonNode flow = admin.ok(VOICE);
        String flowId = flow.path("flowId").asText();
        env.network().deviceDown(S2);

        JsonNode error = admin.error("{'type':'RemoveFlow','flowId':'" + flowId + "','timeoutMs':2000}");
        String message = error.path("message").asText();
        assertEquals(error.toString(), flowId, error.path("flowId").asText());
        assertFalse("no rule is said withdrawn: " + message, message.contains("withdrawn"));
        assertTrue("says what became of the flow: " + message, message.contains("stays DEGRADED"));
        assertTrue("says why: " + message, message.contains("2 deletion(s), first on " + S2 + " (device offline)"));
        JsonNode got = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals(got.toString(), "DEGRADED", got.path("state").asText());

        env.network().deviceUp(S2);
        env.network().pollStatistics();
        JsonNode removed = admin.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        assertEquals("REMOVED", removed.path("state").asText());
    }

    private static List<String> restStates(JsonNode handle) throws Exception {
        List<String> states = new ArrayList<>();
        for (JsonNode rule : handle.path("rules")) {
            JsonNode rest = env.rest("/flows/" + rule.path("deviceId").asText() + "/" + rule.path("flowId").asText());
            states.add(rest.path("flows").path(0).path("state").asText());
        }
        return states;
    }
}
