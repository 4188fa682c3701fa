/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.Test;
import org.onosproject.net.DeviceId;

import java.util.List;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.flowsocket.sandbox.e2e.FlowsE2ETest.VOICE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;

/**
 * Two connections of two administrators: flow handles are shared through
 * ONOS's store, so one sees, lists and removes what the other made, and
 * both are told.
 */
public class TwoClientsE2ETest extends E2eTestBase {

    @Test
    public void clientBSeesListsAndRemovesClientAsFlowAndASeesItGo() throws Exception {
        FlowSocketClient a = env.connect("onos", "rocks");
        FlowSocketClient b = env.connect("alice", "secret");
        assertEquals("alice", b.hello().getNow(null).path("user").asText());
        assertEquals("admin", b.hello().getNow(null).path("role").asText());
        assertNotEquals(a.hello().getNow(null).path("session").asText(), b.hello().getNow(null).path("session").asText());
        a.ok("{'type':'Subscribe','topics':['flows']}");
        b.ok("{'type':'Subscribe','topics':['flows']}");

        String flowId = a.ok(VOICE).path("flowId").asText();

        JsonNode installed = b.awaitEvent("flows", "FLOW_INSTALLED", d -> flowId.equals(d.path("flowId").asText()));
        assertEquals("onos", installed.path("data").path("owner").asText());
        assertEquals(6, installed.path("data").path("rules").size());
        JsonNode listed = null;
        for (JsonNode f : b.ok("{'type':'ListFlows'}").path("flows")) {
            if (flowId.equals(f.path("flowId").asText())) {
                listed = f;
            }
        }
        assertNotNull("B lists A's flow", listed);
        assertEquals("INSTALLED", listed.path("state").asText());
        assertEquals("onos", listed.path("owner").asText());
        assertEquals(1, b.ok("{'type':'ListFlows','owner':'onos'}").path("flows").size());
        assertEquals(0, b.ok("{'type':'ListFlows','owner':'alice'}").path("flows").size());

        JsonNode removed = b.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        assertEquals("REMOVED", removed.path("state").asText());
        a.awaitEvent("flows", "FLOW_REMOVING", d -> flowId.equals(d.path("flowId").asText()));
        a.awaitEvent("flows", "FLOW_REMOVED", d -> flowId.equals(d.path("flowId").asText()));
        b.awaitEvent("flows", "FLOW_REMOVED", d -> flowId.equals(d.path("flowId").asText()));
        for (DeviceId d : List.of(S1, S2, S3)) {
            assertEquals(d.toString(), List.of(), env.switchRules(d));
        }
        assertEquals("UNKNOWN_FLOW", a.error("{'type':'GetFlow','flowId':'" + flowId + "'}").path("code").asText());
        assertEquals(List.of(), a.problems());
        assertEquals(List.of(), b.problems());
    }

    @Test
    public void aClientOnlyGetsEventsOfTopicsItSubscribedTo() throws Exception {
        FlowSocketClient a = env.connect("onos", "rocks");
        FlowSocketClient watcher = env.connect("alice", "secret");
        watcher.ok("{'type':'Subscribe','topics':['hosts']}");
        a.ok("{'type':'Subscribe','topics':['flows']}");
        String flowId = a.ok("{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.2'}}")
                .path("flowId").asText();
        a.awaitEvent("flows", "FLOW_INSTALLED", d -> flowId.equals(d.path("flowId").asText()));
        JsonNode host = a.ok("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:0d','ips':['10.0.0.13'],"
                + "'location':{'deviceId':'" + S2 + "','port':1}}");
        watcher.awaitEvent("hosts", "HOST_ADDED", d -> "10.0.0.13".equals(d.path("host").path("ipAddresses")
                .path(0).asText()));
        a.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        a.ok("{'type':'RemoveNode','hostId':'" + host.path("id").asText() + "'}");
        watcher.awaitEvent("hosts", "HOST_REMOVED", d -> "10.0.0.13".equals(d.path("host").path("ipAddresses")
                .path(0).asText()));
        assertEquals("the watcher got no flow events", List.of(), watcher.events("flows"));
        assertEquals("A got no host events", List.of(), a.events("hosts"));
    }
}
