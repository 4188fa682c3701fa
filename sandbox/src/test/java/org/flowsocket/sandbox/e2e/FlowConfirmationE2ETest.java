/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.sandbox.network.FlowModFailure;
import org.flowsocket.sandbox.network.Refusal;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.flowsocket.testkit.Requests;
import org.junit.After;
import org.junit.Test;
import org.onosproject.net.DeviceId;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.flowsocket.sandbox.e2e.E2eSandbox.eventually;
import static org.flowsocket.sandbox.e2e.FlowsE2ETest.VOICE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * InstallFlow's reply is the switches' answer: a refusal comes back as
 * FLOW_REFUSED with everything withdrawn, and a slow switch makes the reply
 * slow without holding up other requests of the connection.
 */
public class FlowConfirmationE2ETest extends E2eTestBase {

    private static final long LATENCY_MS = 1500;

    @After
    public void restoreNetwork() throws Exception {
        env.network().faults().clearRefusals();
        env.network().faults().setAckLatency(Duration.ofMillis(SimulatedNetwork.DEFAULT_ACK_LATENCY_MS));
        FlowsE2ETest.removeAllFlows(admin);
        for (DeviceId d : List.of(S1, S2, S3)) {
            eventually("no FlowSocket rule left on " + d, () -> env.switchRules(d).isEmpty());
        }
        assertEquals(List.of(), admin.problems());
    }

    @Test
    public void refusalOnSwitch2RepliesFlowRefusedAndWithdrawsTheRulesOnSwitches1And3() throws Exception {
        admin.ok("{'type':'Subscribe','topics':['flows']}");
        Refusal refusal = env.network().faults().refuseAll(S2, FlowModFailure.TABLE_FULL);

        JsonNode error = admin.error(VOICE);
        assertEquals(error.toString(), "FLOW_REFUSED", error.path("code").asText());
        assertTrue(error.path("message").asText(), error.path("message").asText().contains(S2.toString()));
        JsonNode refused = error.path("details").path("refused");
        assertEquals("both directions' rules on switch 2: " + refused, 2, refused.size());
        refused.forEach(r -> assertEquals(S2.toString(), r.path("deviceId").asText()));
        assertEquals(2, refusal.refusedCount());
        assertEquals("switch 2 holds nothing", List.of(), env.switchRules(S2));

        // Switches 1 and 3 accepted their rules; the rollback takes them out again.
        for (DeviceId d : List.of(S1, S3)) {
            eventually("rollback emptied " + d, () -> env.switchRules(d).isEmpty());
            eventually("ONOS REST lists no FlowSocket rule on " + d, () -> env.restFlows(d).isEmpty());
            admin.awaitEvent("flows", "RULE_REMOVED", data -> d.toString().equals(
                    data.path("rule").path("deviceId").asText())
                    && "org.flowsocket.app".equals(data.path("rule").path("appId").asText()));
        }
        // The refused rules on switch 2 leave ONOS at its next statistics round.
        env.network().pollStatistics();
        eventually("ONOS REST lists no FlowSocket rule at all", () -> env.restFlows(S1, S2, S3).isEmpty());
        admin.awaitEvent("flows", "FLOW_FAILED", data -> true);
        JsonNode left = admin.ok("{'type':'ListFlows'}").path("flows");
        assertEquals("only the FAILED handle is left, to be seen: " + left, 1, left.size());
        assertEquals("FAILED", left.path(0).path("state").asText());
        admin.ok("{'type':'Unsubscribe','topics':['flows']}");
    }

    @Test
    public void retryRightAfterARefusalIsConfirmedByTheSwitchThatRefused() throws Exception {
        Refusal refusal = env.network().faults().refuseAll(S2, FlowModFailure.TABLE_FULL);
        assertEquals("FLOW_REFUSED", admin.error(VOICE).path("code").asText());
        refusal.close();
        // At once: ONOS still holds the withdrawn rules until the switches' next statistics.
        JsonNode flow = admin.ok(VOICE);
        assertEquals("INSTALLED", flow.path("state").asText());
        assertEquals("confirmed means switch 2 holds its rules now", 2, env.switchRules(S2).size());
        for (DeviceId d : List.of(S1, S3)) {
            eventually(d + " holds both directions", () -> env.switchRules(d).size() == 2);
        }
        eventually("every rule ADDED in ONOS", () -> FlowsE2ETest.ruleStates(admin.ok("{'type':'GetFlow',"
                + "'flowId':'" + flow.path("flowId").asText() + "'}")).stream().allMatch("ADDED"::equals));
    }

    @Test
    public void slowSwitchesDelayTheReplyButNotAHelloSentAfterIt() throws Exception {
        env.network().faults().setAckLatency(Duration.ofMillis(LATENCY_MS));
        long sent = System.nanoTime();
        CompletableFuture<JsonNode> install = admin.request(VOICE);
        CompletableFuture<JsonNode> hello = admin.request("{'type':'Hello'}");

        JsonNode helloReply = Requests.await(hello, "Hello reply");
        assertEquals("ok", helloReply.path("status").asText());
        long helloMs = millisSince(sent, admin.replyArrivalNanos(helloReply.path("id").asText()));
        assertTrue("Hello answered after " + helloMs + " ms", helloMs < LATENCY_MS / 3);
        assertFalse("InstallFlow answered before the switches acknowledged", install.isDone());
        assertTrue("nothing on the switches yet", env.switchRules(S1).isEmpty());

        JsonNode installReply = install.get(LATENCY_MS + 10_000, TimeUnit.MILLISECONDS);
        long installMs = millisSince(sent, admin.replyArrivalNanos(installReply.path("id").asText()));
        assertEquals(installReply.toString(), "INSTALLED", installReply.path("result").path("state").asText());
        assertTrue("InstallFlow answered after " + installMs + " ms", installMs >= LATENCY_MS);
        assertEquals(2, env.switchRules(S1).size());
    }

    @Test
    public void switchesSlowerThanTimeoutMsGiveConfirmTimeoutAndTheRulesAreWithdrawn() throws Exception {
        env.network().faults().setAckLatency(Duration.ofMillis(LATENCY_MS));
        long sent = System.nanoTime();
        JsonNode error = admin.error("{'type':'InstallFlow','timeoutMs':300,'network':{'src':'10.0.0.1',"
                + "'dst':'10.0.0.3','class':'video'}}");
        long ms = millisSince(sent, System.nanoTime());
        assertEquals(error.toString(), "CONFIRM_TIMEOUT", error.path("code").asText());
        assertTrue("timed out after " + ms + " ms", ms >= 300 && ms < LATENCY_MS);
        JsonNode left = admin.ok("{'type':'ListFlows'}").path("flows");
        assertEquals("only the FAILED handle is left: " + left, 1, left.size());
        assertEquals(error.path("flowId").asText(), left.path(0).path("flowId").asText());
        assertEquals("FAILED", left.path(0).path("state").asText());
        // The late rules reach the switches, then the withdrawal removes them.
        for (DeviceId d : List.of(S1, S2, S3)) {
            eventually("withdrawn from " + d, () -> env.switchRules(d).isEmpty() && env.onosRules(d).isEmpty());
        }
    }

    private static long millisSince(long startNanos, Long endNanos) {
        assertTrue("arrival recorded", endNanos != null);
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }
}
