/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.websocket.api.UpgradeException;
import org.eclipse.jetty.websocket.api.WebSocketAdapter;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.flowsocket.sandbox.e2e.FlowsE2ETest.VOICE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Roles, malformed input and subscriptions through the real servlet and the
 * sandbox's BASIC realm.
 */
public class MisuseE2ETest extends E2eTestBase {

    @Test
    public void viewerMayReadButEveryChangeIsForbidden() throws Exception {
        FlowSocketClient admin = env.admin();
        String flowId = admin.ok(VOICE).path("flowId").asText();
        FlowSocketClient viewer = env.connect("viewer", "viewer");
        assertEquals("viewer", viewer.hello().getNow(null).path("role").asText());

        assertEquals("viewer", viewer.ok("{'type':'Hello'}").path("user").asText());
        JsonNode nodes = viewer.ok("{'type':'ListNodes'}");
        assertEquals(3, nodes.path("hosts").size());
        assertEquals(3, nodes.path("devices").size());
        assertEquals(1, viewer.ok("{'type':'ListFlows'}").path("flows").size());
        viewer.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
        assertEquals("flows", viewer.ok("{'type':'Subscribe','topics':['flows']}").path("topics").path(0).asText());

        for (String change : List.of(
                "{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:0e','ips':['10.0.0.14'],"
                        + "'location':{'deviceId':'" + S1 + "','port':1}}",
                "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.2'}}",
                "{'type':'RemoveFlow','flowId':'" + flowId + "'}",
                "{'type':'RemoveNode','hostId':'00:00:00:00:00:01/None'}")) {
            JsonNode error = viewer.error(change);
            assertEquals(change + " -> " + error, "FORBIDDEN", error.path("code").asText());
        }
        // Nothing changed: the admin's flow is still on the switches, no host or flow was added.
        assertEquals("INSTALLED", admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}").path("state").asText());
        assertEquals(2, env.switchRules(S1).size());
        assertEquals(3, admin.ok("{'type':'ListNodes','kind':'host'}").path("hosts").size());
        assertEquals(1, admin.ok("{'type':'ListFlows'}").path("flows").size());
        admin.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        viewer.awaitEvent("flows", "FLOW_REMOVED", d -> flowId.equals(d.path("flowId").asText()));
    }

    // protocol.md: "Unknown fields are rejected with INVALID_FIELD naming them, so a misspelt
    // option never goes unnoticed"; a field the request's form would ignore is refused alike.
    @Test
    public void fieldsTheRequestWouldIgnoreAreRefused() throws Exception {
        FlowSocketClient admin = env.admin();
        JsonNode error = admin.error("{'type':'InstallFlow','deviceId':'" + S1 + "',"
                                             + "'network':{'src':'10.0.0.1','dst':'10.0.0.2'}}");
        assertEquals(error.toString(), "INVALID_FIELD", error.path("code").asText());
        assertEquals("deviceId", error.path("field").asText());
        assertEquals(0, admin.ok("{'type':'ListFlows'}").path("flows").size());
        error = admin.error("{'type':'GetNode','ip':'10.0.0.1','hostId':'00:00:00:00:00:02/None'}");
        assertEquals(error.toString(), "INVALID_FIELD", error.path("code").asText());
        assertEquals("hostId", error.path("field").asText());
        // A Batch item's id follows the rule of every request id: it is echoed in the reply.
        String longId = "i".repeat(129);
        error = admin.error("{'type':'Batch','requests':[{'type':'Hello','id':'" + longId + "'}]}");
        assertEquals(error.toString(), "INVALID_FIELD", error.path("code").asText());
        assertEquals("requests[0].id", error.path("field").asText());
        // ONOS's HostId.hostId would read this as 0A:00:00:00:00:01/100.
        error = admin.error("{'type':'GetNode','hostId':'00:00:00:00:00:01u100'}");
        assertEquals(error.toString(), "INVALID_FIELD", error.path("code").asText());
    }

    @Test
    public void wrongPasswordIsRefusedBeforeTheUpgrade() throws Exception {
        ClientUpgradeRequest request = ClientConfig.basic("viewer", "wrong").upgradeRequest();
        try {
            env.jetty().connect(new WebSocketAdapter(), env.webSocketUri(), request).get(10, TimeUnit.SECONDS);
            fail("handshake with a wrong password succeeded");
        } catch (ExecutionException e) {
            assertTrue(e.getCause().toString(), e.getCause() instanceof UpgradeException);
            assertEquals(401, ((UpgradeException) e.getCause()).getResponseStatusCode());
        }
    }

    @Test
    public void burstOf50MalformedFramesGets50TypedErrorsAndTheConnectionStaysUsable() throws Exception {
        FlowSocketClient client = env.admin();
        String deep = "[".repeat(40) + "]".repeat(40);
        List<String[]> kinds = List.of(
                new String[]{"not json at all", "MALFORMED_JSON"},
                new String[]{"[1, 2]", "MALFORMED_JSON"},
                new String[]{"{\"type\":\"Hello\",\"id\":1,\"x\":" + deep + "}", "MALFORMED_JSON"},
                new String[]{"{\"type\":\"Hello\",\"id\":\"t\"} {\"again\":1}", "MALFORMED_JSON"},
                new String[]{"{\"type\":\"Hello\",", "MALFORMED_JSON"},
                new String[]{"{\"type\":\"Hello\"}", "MISSING_FIELD"},
                new String[]{"{\"id\":\"m\"}", "MISSING_FIELD"},
                new String[]{"{\"type\":\"Hello\",\"id\":{}}", "INVALID_FIELD"},
                new String[]{"{\"type\":\"Explode\",\"id\":\"m\"}", "UNKNOWN_COMMAND"},
                new String[]{"{\"type\":\"AddNode\",\"id\":\"m\",\"kind\":\"host\",\"mac\":\"zz\"}", "INVALID_FIELD"});
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String[] kind = kinds.get(i % kinds.size());
            // Request ids, where there are any, differ so none is a duplicate in flight.
            client.send(kind[0].replace("\"m\"", "\"m-" + i + "\""));
            expected.add(kind[1]);
        }
        JsonNode hello = client.ok("{'type':'Hello'}");
        assertEquals("flowsocket.v1", hello.path("protocol").asText());
        assertTrue(client.isOpen());

        // Errors are answered as the frames are read, so all 50 precede the Hello reply.
        List<JsonNode> errors = client.awaitUnmatched(50, Duration.ZERO);
        assertEquals(50, errors.size());
        List<String> codes = new ArrayList<>();
        for (JsonNode e : errors) {
            assertEquals(e.toString(), "error", e.path("status").asText());
            assertTrue(e.toString(), e.path("error").path("message").asText().length() > 0);
            codes.add(e.path("error").path("code").asText());
        }
        assertEquals(expected, codes);
        assertTrue("unparsable frames are answered with id null", errors.get(0).get("id").isNull());
        assertEquals("m-8", errors.get(8).path("id").asText());
        assertEquals(List.of(), client.problems());
    }

    @Test
    public void unsubscribedViewerGetsNoMoreDeviceEvents() throws Exception {
        FlowSocketClient control = env.admin();
        FlowSocketClient viewer = env.connect("viewer", "viewer");
        control.ok("{'type':'Subscribe','topics':['devices']}");
        viewer.ok("{'type':'Subscribe','topics':['devices']}");
        try {
            env.network().deviceDown(S3);
            viewer.awaitEvent("devices", "DEVICE_AVAILABILITY_CHANGED",
                              d -> S3.toString().equals(d.path("device").path("id").asText()));
            JsonNode left = viewer.ok("{'type':'Unsubscribe','topics':['devices']}");
            assertEquals(0, left.path("topics").size());
            int before = viewer.events("devices").size();

            env.network().deviceUp(S3);
            JsonNode seen = control.awaitEvent("devices", "DEVICE_AVAILABILITY_CHANGED",
                    d -> S3.toString().equals(d.path("device").path("id").asText())
                            && d.path("device").path("available").asBoolean());
            // The subscribed client has it; the other gets nothing in the next 500 ms.
            long quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < quietUntil) {
                assertEquals("events after Unsubscribe: " + viewer.eventSummary(), before,
                             viewer.events("devices").size());
                Thread.sleep(25);
            }
            assertTrue(seen.path("seq").asLong() > 0);
            assertEquals("Hello", viewer.call("{'type':'Hello'}").path("type").asText());
        } finally {
            env.network().deviceUp(S3);
        }
    }
}
