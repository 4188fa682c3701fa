/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.Role;
import org.flowsocket.api.SessionInfo;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The hello greeting, event subscriptions and what flow handles report
 * when the network changes under them; roles, in-flight limits and the
 * end of sessions.
 */
public class EventsAndSessionsTest extends CoreTestBase {

    private static final DeviceId S2 = FakeDevices.id(2);
    private static final String NETWORK = "{\"type\":\"InstallFlow\",\"network\":{\"src\":\"10.0.0.1\","
            + "\"dst\":\"10.0.0.3\",\"class\":\"video\"}}";


    private String installedNetworkFlow() {
        NetworkFlowTest.addHost(client, "00:00:00:00:00:01", "10.0.0.1", 1);
        NetworkFlowTest.addHost(client, "00:00:00:00:00:03", "10.0.0.3", 3);
        client.ok("{\"type\":\"Subscribe\",\"topics\":[\"flows\"]}");
        String flowId = client.ok(NETWORK).path("flowId").asText();
        client.nextEvent("flows", "FLOW_INSTALLED");
        return flowId;
    }

    private static String silentInstall(String id, int priority, int timeoutMs) {
        return "{\"id\":\"" + id + "\",\"type\":\"InstallFlow\",\"timeoutMs\":" + timeoutMs + ",\"flow\":{"
                + "\"deviceId\":\"of:0000000000000001\",\"priority\":" + priority + ",\"treatment\":"
                + "{\"instructions\":[{\"type\":\"OUTPUT\",\"port\":\"2\"}]}}}";
    }

    @Test
    public void everySessionIsGreetedWithHello() {
        assertEquals(1, client.greetings().size());
        JsonNode hello = client.greetings().get(0);
        assertEquals("hello", hello.path("kind").asText());
        assertFalse("a greeting is not a reply", hello.has("id"));
        assertEquals("flowsocket.v1", hello.path("protocol").asText());
        assertEquals(client.session.id(), hello.path("session").asText());
        assertEquals("admin", hello.path("role").asText());
        List<String> commands = new ArrayList<>();
        hello.path("commands").forEach(c -> commands.add(c.asText()));
        assertEquals(List.of("AddNode", "Batch", "GetFlow", "GetNode", "Hello", "InstallFlow", "ListFlows",
                             "ListLinks", "ListNodes", "RemoveFlow", "RemoveNode", "Subscribe", "Unsubscribe"), commands);
        JsonNode limits = hello.path("limits");
        assertEquals(256, limits.path("maxInFlight").asInt());
        assertEquals(256, limits.path("maxBatch").asInt());
        assertEquals(1024 * 1024, limits.path("maxFrameBytes").asInt());
        assertEquals(1000, limits.path("maxRulesPerRequest").asInt());
        assertEquals(46, hello.path("trafficClasses").path("voice").path("dscp").asInt());
        JsonNode asked = client.ok("{\"type\":\"Hello\"}");
        assertEquals(hello.path("commands"), asked.path("commands"));
        assertEquals(hello.path("limits"), asked.path("limits"));
    }

    @Test
    public void subscribersGetNumberedDeviceEventsAndOthersNone() throws InterruptedException {
        TestClient other = core.admin();
        assertEquals("[\"devices\"]", client.ok("{\"type\":\"Subscribe\",\"topics\":[\"devices\"]}")
                .path("topics").toString());
        core.devices.setAvailable(S2, false);
        JsonNode down = client.nextEvent("devices", "DEVICE_AVAILABILITY_CHANGED");
        assertEquals(1, down.path("seq").asLong());
        assertEquals(S2.toString(), down.path("data").path("device").path("id").asText());
        assertFalse(down.path("data").path("device").path("available").asBoolean());
        core.devices.setAvailable(S2, true);
        JsonNode up = client.nextEvent("devices", "DEVICE_AVAILABILITY_CHANGED");
        assertEquals(2, up.path("seq").asLong());
        assertTrue(up.path("data").path("device").path("available").asBoolean());
        assertTrue("not subscribed, so no events", other.noEventWithin(200));
    }

    @Test
    public void unsubscribeStopsEvents() throws InterruptedException {
        TestClient witness = core.admin();
        witness.ok("{\"type\":\"Subscribe\",\"topics\":[\"devices\"]}");
        client.ok("{\"type\":\"Subscribe\",\"topics\":[\"devices\",\"hosts\"]}");
        assertEquals("[\"hosts\"]", client.ok("{\"type\":\"Unsubscribe\",\"topics\":[\"devices\"]}")
                .path("topics").toString());
        core.devices.setAvailable(S2, false);
        witness.nextEvent("devices", "DEVICE_AVAILABILITY_CHANGED");
        assertTrue(client.noEventWithin(200));
    }

    @Test
    public void unknownTopicIsInvalidAndSubscribesNothing() {
        JsonNode error = client.error("{\"type\":\"Subscribe\",\"topics\":[\"devices\",\"weather\"]}",
                                      "INVALID_FIELD");
        assertEquals("topics[1]", error.path("field").asText());
        assertTrue(core.manager.sessions().get(0).topics().isEmpty());
    }

    @Test
    public void hostsTopicReportsHostsAddedAndRemoved() {
        client.ok("{\"type\":\"Subscribe\",\"topics\":[\"hosts\"]}");
        NetworkFlowTest.addHost(client, "00:00:00:00:00:01", "10.0.0.1", 1);
        JsonNode added = client.nextEvent("hosts", "HOST_ADDED");
        assertEquals("00:00:00:00:00:01/None", added.path("data").path("host").path("id").asText());
        client.ok("{\"type\":\"RemoveNode\",\"hostId\":\"00:00:00:00:00:01/None\"}");
        client.nextEvent("hosts", "HOST_REMOVED");
    }

    @Test
    public void flowDegradesWhenOneOfItsDevicesGoesOffline() {
        String flowId = installedNetworkFlow();
        NetworkFlowTest.addHost(client, "00:00:00:00:00:02", "10.0.0.2", 1);
        String local = client.ok(NETWORK.replace("10.0.0.3", "10.0.0.2")).path("flowId").asText();

        core.devices.setAvailable(S2, false);
        JsonNode event = client.nextEvent("flows", "FLOW_DEGRADED");
        assertEquals(flowId, event.path("data").path("flowId").asText());
        assertTrue(event.path("data").path("reason").asText().contains(S2.toString()));
        JsonNode flow = client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}");
        assertEquals("DEGRADED", flow.path("state").asText());
        assertTrue(flow.path("reason").asText().contains(S2.toString()));
        assertEquals("a flow on s1 only is unaffected", "INSTALLED",
                     client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + local + "\"}").path("state").asText());
    }

    @Test
    public void ruleDroppedBySwitchDegradesAndItsReturnRestores() {
        String flowId = installedNetworkFlow();
        FlowRule rule = core.switches.rules(S2).get(0);
        core.switches.dropRule(rule);
        JsonNode degraded = client.nextEvent("flows", "FLOW_DEGRADED");
        assertEquals(flowId, degraded.path("data").path("flowId").asText());
        assertTrue(degraded.path("data").path("reason").asText().contains("removed from " + S2));
        assertEquals("DEGRADED", client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}")
                .path("state").asText());

        core.switches.apply(FlowRuleOperations.builder().add(rule).build());
        // Installed again once ONOS's statistics show every rule ADDED.
        core.switches.statistics();
        assertEquals(flowId, client.nextEvent("flows", "FLOW_INSTALLED").path("data").path("flowId").asText());
        assertEquals("INSTALLED", client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}")
                .path("state").asText());
    }

    @Test
    public void viewersMayReadAndSubscribeButNotChangeTheNetwork() {
        String flowId = installedNetworkFlow();
        TestClient guest = core.connect("guest", Role.VIEWER);
        assertEquals("viewer", guest.greetings().get(0).path("role").asText());
        guest.error("{\"type\":\"AddNode\",\"kind\":\"host\",\"mac\":\"00:00:00:00:00:09\","
                            + "\"location\":{\"deviceId\":\"of:0000000000000002\",\"port\":3}}", "FORBIDDEN");
        guest.error("{\"type\":\"RemoveNode\",\"hostId\":\"00:00:00:00:00:01/None\"}", "FORBIDDEN");
        guest.error(NETWORK.replace("video", "voice"), "FORBIDDEN");
        guest.error("{\"type\":\"RemoveFlow\",\"flowId\":\"" + flowId + "\"}", "FORBIDDEN");
        assertEquals(2, core.hosts.getHostCount());
        assertEquals(3, core.switches.ruleCount());

        guest.ok("{\"type\":\"Hello\"}");
        assertEquals(2, guest.ok("{\"type\":\"ListNodes\",\"kind\":\"host\"}").path("hosts").size());
        assertEquals(1, guest.ok("{\"type\":\"ListFlows\"}").path("flows").size());
        guest.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}");
        guest.ok("{\"type\":\"GetNode\",\"ip\":\"10.0.0.1\"}");
        guest.ok("{\"type\":\"Subscribe\",\"topics\":[\"devices\"]}");
        core.devices.setAvailable(S2, false);
        guest.nextEvent("devices", "DEVICE_AVAILABILITY_CHANGED");
    }

    @Test
    public void requestsBeyondMaxInFlightAreBusy() {
        core.configure(Map.of("maxInFlight", "2"));
        assertEquals(2, core.manager.connectionSettings().maxInFlight());
        assertEquals(2, core.admin().greetings().get(0).path("limits").path("maxInFlight").asInt());
        core.switches.mode(FakeSwitches.Mode.SILENT);
        // Long enough that neither times out before the checks below, even on a loaded machine.
        client.session.receive(silentInstall("a", 40001, 3000));
        client.session.receive(silentInstall("b", 40002, 3000));
        assertEquals("both still wait for the switches", 0, client.pendingReplies());
        JsonNode busy = client.raw("{\"id\":\"c\",\"type\":\"Hello\"}");
        assertEquals("c", busy.path("id").asText());
        assertEquals("BUSY", busy.path("error").path("code").asText());
        // The admin session opened above may share the client's opening millisecond: find the client's own.
        assertEquals(2, core.manager.sessions().stream().filter(s -> s.id().equals(client.session.id()))
                .findFirst().orElseThrow().inFlight());

        Set<String> timedOut = Set.of(client.nextReply().path("id").asText(), client.nextReply().path("id").asText());
        assertEquals(Set.of("a", "b"), timedOut);
        client.ok("{\"type\":\"Hello\"}");
    }

    @Test
    public void reusingTheIdOfARequestInFlightIsRefused() {
        core.switches.mode(FakeSwitches.Mode.SILENT);
        client.session.receive(silentInstall("same", 40001, 1000));
        JsonNode duplicate = client.raw("{\"id\":\"same\",\"type\":\"Hello\"}");
        assertEquals("same", duplicate.path("id").asText());
        assertEquals("DUPLICATE_ID", duplicate.path("error").path("code").asText());
        assertEquals("id", duplicate.path("error").path("field").asText());
        JsonNode first = client.nextReply();
        assertEquals("InstallFlow", first.path("type").asText());
        assertEquals("CONFIRM_TIMEOUT", first.path("error").path("code").asText());
        assertEquals("ok", client.raw("{\"id\":\"same\",\"type\":\"Hello\"}").path("status").asText());
    }

    @Test
    public void deactivationClosesSessionsAndReleasesOnos() throws Exception {
        TestClient guest = core.connect("guest", Role.VIEWER);
        assertEquals(1, core.devices.listenerCount());
        assertEquals(1, core.switches.listenerCount());
        assertEquals(1, core.hosts.providerCount());
        core.stop();
        assertEquals(1001, (int) client.closedWith.get(1, TimeUnit.SECONDS));
        assertEquals(1001, (int) guest.closedWith.get(1, TimeUnit.SECONDS));
        assertTrue(core.manager.sessions().isEmpty());
        assertEquals(0, core.devices.listenerCount());
        assertEquals(0, core.switches.listenerCount());
        assertEquals(0, core.hosts.providerCount());
        client.session.receive("{\"id\":\"late\",\"type\":\"Hello\"}");
        assertEquals("a closed session answers nothing", 0, client.pendingReplies());
    }

    @Test
    public void sessionsDescribeTheirClientsOldestFirst() {
        long opened = System.currentTimeMillis();
        while (System.currentTimeMillis() == opened) {
            Thread.onSpinWait();
        }
        TestClient guest = core.connect("guest", Role.VIEWER);
        client.ok("{\"type\":\"Subscribe\",\"topics\":[\"flows\",\"devices\"]}");
        client.error("{\"type\":\"GetFlow\",\"flowId\":\"fs-1\"}", "UNKNOWN_FLOW");

        List<SessionInfo> sessions = core.manager.sessions();
        assertEquals(2, sessions.size());
        SessionInfo admin = sessions.get(0);
        assertEquals(client.session.id(), admin.id());
        assertEquals("onos", admin.client().user());
        assertEquals(Role.ADMIN, admin.client().role());
        assertEquals("test", admin.client().transport());
        assertEquals("127.0.0.1", admin.client().remoteAddress());
        assertEquals(Set.of("devices", "flows"), admin.topics());
        assertEquals(2, admin.requests());
        assertEquals(1, admin.errors());
        assertEquals("guest", sessions.get(1).client().user());
        assertEquals(0, sessions.get(1).requests());

        guest.session.close();
        assertEquals(1, core.manager.sessions().size());
    }
}
