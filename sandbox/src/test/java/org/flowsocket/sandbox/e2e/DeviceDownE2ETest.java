/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.onosproject.net.DeviceId;

import java.util.List;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.flowsocket.sandbox.e2e.FlowsE2ETest.VOICE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A switch on a flow's path disconnecting and coming back, as a client
 * subscribed to {@code devices} and {@code flows} sees it.
 * <p>
 * When the switch returns, ONOS (FlowRuleManager with
 * {@code purgeOnDisconnection} off) still has the rules and the switch, which
 * kept its table, reports them again; ONOS raises RULE_UPDATED for them, and
 * FlowSocket installs the handle again once every rule is ADDED on an online
 * switch.
 */
public class DeviceDownE2ETest extends E2eTestBase {

    @Test
    public void switchDownDegradesTheFlowAndItsReturnRestoresIt() throws Exception {
        admin.ok("{'type':'Subscribe','topics':['devices','flows']}");
        String flowId = admin.ok(VOICE).path("flowId").asText();
        admin.awaitEvent("flows", "FLOW_INSTALLED", d -> flowId.equals(d.path("flowId").asText()));

        env.network().deviceDown(S2);
        JsonNode down = admin.awaitEvent("devices", "DEVICE_AVAILABILITY_CHANGED", d -> isDevice(d, S2));
        assertEquals(down.toString(), false, down.path("data").path("device").path("available").asBoolean(true));
        JsonNode degraded = admin.awaitEvent("flows", "FLOW_DEGRADED",
                                             d -> flowId.equals(d.path("flowId").asText()));
        String reason = degraded.path("data").path("reason").asText();
        assertTrue("reason names the device: " + reason, reason.contains(S2.toString()));
        JsonNode got = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals("DEGRADED", got.path("state").asText());
        assertEquals(reason, got.path("reason").asText());
        assertEquals("the disconnected switch keeps its table", 2, env.switchRules(S2).size());

        env.network().deviceUp(S2);
        JsonNode up = admin.awaitEvent("devices", "DEVICE_AVAILABILITY_CHANGED",
                d -> isDevice(d, S2) && d.path("device").path("available").asBoolean(false));
        assertTrue(up.path("seq").asLong() > down.path("seq").asLong());
        env.network().pollStatistics();
        // The switch reports its table again: ONOS raises RULE_UPDATED for the rules and the
        // handle, whole again on online switches, is installed again.
        admin.awaitEventAfter(degraded.path("seq").asLong(), "flows", "FLOW_INSTALLED",
                              d -> flowId.equals(d.path("flowId").asText()));
        got = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals("every rule is back in ONOS: " + got, List.of("ADDED", "ADDED", "ADDED", "ADDED", "ADDED",
                                                                  "ADDED"), FlowsE2ETest.ruleStates(got));
        assertEquals("INSTALLED", got.path("state").asText());
        assertTrue("no reason once whole again: " + got, got.path("reason").isMissingNode());

        // A degraded flow is still removed cleanly.
        assertEquals("REMOVED", admin.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}").path("state").asText());
        for (DeviceId d : List.of(S1, S2, S3)) {
            assertEquals(d.toString(), List.of(), env.switchRules(d));
        }
        admin.awaitEvent("flows", "FLOW_REMOVED", d -> flowId.equals(d.path("flowId").asText()));
        assertEquals(List.of(), admin.problems());
    }

    private static boolean isDevice(JsonNode data, DeviceId id) {
        return id.toString().equals(data.path("device").path("id").asText());
    }
}
