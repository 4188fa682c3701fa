/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.Role;
import org.junit.Before;
import org.junit.Test;
import org.onlab.osgi.ServiceDirectory;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.model.topo.UiTopoLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.flowsocket.impl.gui.GuiFixtures.MAPPER;
import static org.flowsocket.impl.gui.GuiFixtures.voiceFlow;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * GUI requests become FlowSocket protocol requests in a session of
 * transport "gui"; replies and flow events become GUI events and highlights.
 */
public class FlowSocketTopoMessageHandlerTest {

    private GuiFixtures.FakeFlowSocket core;
    private FakeConnection gui;
    private FlowSocketTopoMessageHandler handler;
    private GuiFixtures.FakeSession session;

    @Before
    public void setUp() {
        core = new GuiFixtures.FakeFlowSocket();
        gui = new FakeConnection();
        handler = new FlowSocketTopoMessageHandler(core,
                new FlowPathHighlighter(new GuiFixtures.Links(), new GuiFixtures.Hosts()), Role.ADMIN);
        handler.init(gui, new NoServices());
        session = core.sessions.get(0);
        // the first request subscribes to flow events
        assertEquals("Subscribe", session.last().path("type").asText());
        assertEquals("[\"flows\"]", session.last().path("topics").toString());
        session.ok(MAPPER.createObjectNode().set("topics", MAPPER.createArrayNode().add("flows")));
        gui.sent.clear();
    }

    private void fromGui(String event, ObjectNode payload) {
        ObjectNode message = MAPPER.createObjectNode().put("event", event);
        message.set("payload", payload);
        handler.process(message);
    }

    private static ObjectNode payload() {
        return MAPPER.createObjectNode();
    }

    @Test
    public void opensAGuiSessionForTheGuiUser() {
        assertEquals("karaf", session.client.user());
        assertEquals("gui", session.client.transport());
        assertEquals(Role.ADMIN, session.client.role());
        assertTrue(handler.messageTypes().containsAll(Set.of("fsInstallFlow", "fsShowFlow", "fsRemoveFlow",
                "fsListFlows", "fsShowNodeFlows", "fsClear")));
    }

    @Test
    public void showFlowIsGetFlowAndItsReplyBecomesHighlights() {
        fromGui("fsShowFlow", payload().put("flowId", "fs-7"));

        JsonNode request = session.last();
        assertEquals("GetFlow", request.path("type").asText());
        assertEquals("fs-7", request.path("flowId").asText());
        assertTrue(request.path("id").asText().startsWith("gui-"));

        session.ok(voiceFlow("fs-7", "INSTALLED"));

        JsonNode highlights = gui.only("showHighlights");
        Set<String> links = new TreeSet<>();
        highlights.path("links").forEach(l -> links.add(l.path("id").asText()));
        assertEquals(Set.of("of:0000000000000001/2-of:0000000000000002/2",
                            "of:0000000000000002/3-of:0000000000000003/2",
                            "00:00:00:00:00:01/None/0-of:0000000000000001/1",
                            "00:00:00:00:00:03/None/0-of:0000000000000003/1"), links);
        assertEquals(3, highlights.path("devices").size());
        assertEquals(2, highlights.path("hosts").size());
        assertEquals("fs-7", highlights.path("links").get(0).path("label").asText());

        JsonNode shown = gui.only("fsFlowShown");
        assertEquals("fs-7", shown.path("flowId").asText());
        assertEquals("INSTALLED", shown.path("state").asText());
        assertEquals("[\"of:0000000000000001\",\"of:0000000000000002\",\"of:0000000000000003\"]",
                     shown.path("devices").toString());
        assertEquals("10.0.0.1 ⇄ 10.0.0.3 voice, INSTALLED", shown.path("summary").asText());
    }

    @Test
    public void errorRepliesReachTheGuiInTheProtocolsWords() {
        fromGui("fsShowFlow", payload().put("flowId", "fs-99"));
        session.error("UNKNOWN_FLOW", "no flow handle has id fs-99", "flowId");

        JsonNode error = gui.only("fsError");
        assertEquals("fsShowFlow", error.path("request").asText());
        assertEquals("UNKNOWN_FLOW", error.path("code").asText());
        assertEquals("no flow handle has id fs-99", error.path("message").asText());
        assertEquals("flowId", error.path("field").asText());
        assertTrue(gui.of("showHighlights").isEmpty());
    }

    @Test
    public void installFlowResolvesTheHostsThenInstallsANetworkFlowAndShowsIt() {
        ObjectNode p = payload().put("src", "00:00:00:00:00:01/None").put("dst", "00:00:00:00:00:03/None")
                .put("class", "voice").put("priority", 51000).put("bidirectional", true)
                .put("unknownToTheProtocol", "dropped");
        p.putObject("qos").put("queue", 2);
        fromGui("fsInstallFlow", p);

        JsonNode batch = session.last();
        assertEquals("Batch", batch.path("type").asText());
        assertEquals("GetNode", batch.path("requests").get(0).path("type").asText());
        assertEquals("00:00:00:00:00:01/None", batch.path("requests").get(0).path("hostId").asText());
        assertEquals("00:00:00:00:00:03/None", batch.path("requests").get(1).path("hostId").asText());

        ObjectNode results = MAPPER.createObjectNode().put("count", 2).put("failed", 0);
        results.putArray("results")
                .add(item("src", "00:00:00:00:00:01/None", "10.0.0.1"))
                .add(item("dst", "00:00:00:00:00:03/None", "10.0.0.3"));
        session.ok(results);

        JsonNode install = session.last();
        assertEquals("InstallFlow", install.path("type").asText());
        JsonNode network = install.path("network");
        assertEquals("10.0.0.1", network.path("src").asText());
        assertEquals("10.0.0.3", network.path("dst").asText());
        assertEquals("voice", network.path("class").asText());
        assertEquals(51000, network.path("priority").asInt());
        assertTrue(network.path("bidirectional").asBoolean());
        assertEquals(2, network.path("qos").path("queue").asInt());
        assertFalse("only the protocol's fields are passed on", network.has("unknownToTheProtocol"));

        ObjectNode handle = voiceFlow("fs-8", "INSTALLED");
        session.ok(handle);
        assertEquals("fs-8", gui.only("fsFlowInstalled").path("flowId").asText());
        // then the new flow is shown
        assertEquals("GetFlow", session.last().path("type").asText());
        session.ok(handle);
        assertEquals(3, gui.only("showHighlights").path("devices").size());
        assertEquals(List.of("Subscribe", "Batch", "InstallFlow", "GetFlow"), session.types());
    }

    @Test
    public void installFlowReportsWhichHostIsUnknown() {
        fromGui("fsInstallFlow", payload().put("src", "00:00:00:00:00:01/None").put("dst", "00:00:00:00:00:09/None"));
        ObjectNode results = MAPPER.createObjectNode().put("count", 2).put("failed", 1);
        ObjectNode unknown = MAPPER.createObjectNode().put("id", "dst").put("type", "GetNode").put("status", "error");
        unknown.putObject("error").put("code", "UNKNOWN_HOST").put("message", "no host 00:00:00:00:00:09/None")
                .put("field", "hostId");
        results.putArray("results").add(item("src", "00:00:00:00:00:01/None", "10.0.0.1")).add(unknown);
        session.ok(results);

        JsonNode error = gui.only("fsError");
        assertEquals("UNKNOWN_HOST", error.path("code").asText());
        assertEquals("dst.hostId", error.path("field").asText());
        assertEquals("no InstallFlow is sent", "Batch", session.last().path("type").asText());
    }

    @Test
    public void installFlowErrorFromTheCoreIsShown() {
        fromGui("fsInstallFlow", payload().put("src", "a/None").put("dst", "b/None").put("priority", 70000));
        ObjectNode results = MAPPER.createObjectNode();
        results.putArray("results").add(item("src", "a/None", "10.0.0.1")).add(item("dst", "b/None", "10.0.0.3"));
        session.ok(results);
        session.error("INVALID_FIELD", "'network.priority' must be from 1 to 65535, not 70000", "network.priority");

        JsonNode error = gui.only("fsError");
        assertEquals("fsInstallFlow", error.path("request").asText());
        assertEquals("INVALID_FIELD", error.path("code").asText());
        assertEquals("network.priority", error.path("field").asText());
        assertTrue(gui.of("fsFlowInstalled").isEmpty());
    }

    @Test
    public void removeFlowIsRemoveFlowAndClearsTheShownPath() {
        fromGui("fsShowFlow", payload().put("flowId", "fs-7"));
        session.ok(voiceFlow("fs-7", "INSTALLED"));
        gui.sent.clear();

        fromGui("fsRemoveFlow", payload().put("flowId", "fs-7"));
        assertEquals("RemoveFlow", session.last().path("type").asText());
        assertEquals("fs-7", session.last().path("flowId").asText());
        session.ok(voiceFlow("fs-7", "REMOVED"));

        assertEquals("REMOVED", gui.only("fsFlowRemoved").path("state").asText());
        JsonNode cleared = gui.only("showHighlights");
        assertEquals(0, cleared.path("links").size());
        assertEquals(0, cleared.path("devices").size());
    }

    @Test
    public void listFlowsIsListFlows() {
        fromGui("fsListFlows", payload().put("deviceId", "of:0000000000000002"));
        assertEquals("ListFlows", session.last().path("type").asText());
        assertEquals("of:0000000000000002", session.last().path("deviceId").asText());
        ObjectNode result = MAPPER.createObjectNode();
        result.putArray("flows").add(voiceFlow("fs-7", "INSTALLED"));
        session.ok(result);
        assertEquals("fs-7", gui.only("fsFlows").path("flows").get(0).path("flowId").asText());
    }

    @Test
    public void nodeFlowsOfAHostAreFoundByItsAddressesAndHighlightedTogether() {
        fromGui("fsShowNodeFlows", payload().put("id", "00:00:00:00:00:03/None"));
        assertEquals("GetNode", session.last().path("type").asText());
        ObjectNode host = MAPPER.createObjectNode().put("kind", "host").put("id", "00:00:00:00:00:03/None");
        host.putArray("ipAddresses").add("10.0.0.3");
        session.ok(host);

        assertEquals("ListFlows", session.last().path("type").asText());
        ObjectNode list = MAPPER.createObjectNode();
        list.putArray("flows").add(voiceFlow("fs-7", "INSTALLED")).add(GuiFixtures.jsonFlow("fs-2"));
        session.ok(list);

        JsonNode batch = session.last();
        assertEquals("Batch", batch.path("type").asText());
        assertEquals(1, batch.path("requests").size());
        assertEquals("fs-7", batch.path("requests").get(0).path("flowId").asText());
        ObjectNode results = MAPPER.createObjectNode();
        ObjectNode item = results.putArray("results").addObject().put("id", "0").put("type", "GetFlow")
                .put("status", "ok");
        item.set("result", voiceFlow("fs-7", "INSTALLED"));
        session.ok(results);

        assertEquals(4, gui.only("showHighlights").path("links").size());
        assertEquals("[\"fs-7\"]", gui.only("fsNodeFlowsShown").path("flows").toString());
    }

    @Test
    public void nodeFlowsOfADeviceAreListedByDevice() {
        fromGui("fsShowNodeFlows", payload().put("id", "of:0000000000000002"));
        assertEquals("ListFlows", session.last().path("type").asText());
        assertEquals("of:0000000000000002", session.last().path("deviceId").asText());
        ObjectNode list = MAPPER.createObjectNode();
        list.putArray("flows");
        session.ok(list);
        assertEquals(0, gui.only("showHighlights").path("links").size());
        assertEquals(0, gui.only("fsNodeFlowsShown").path("flows").size());
    }

    @Test
    public void flowEventsBecomeGuiEventsAndRefreshTheShownPath() {
        fromGui("fsShowFlow", payload().put("flowId", "fs-7"));
        session.ok(voiceFlow("fs-7", "INSTALLED"));
        gui.sent.clear();
        int before = session.received.size();

        ObjectNode degraded = voiceFlow("fs-7", "DEGRADED").put("reason", "rule removed on of:0000000000000002");
        session.event("flows", "FLOW_DEGRADED", degraded, 1);
        JsonNode event = gui.only("fsFlowEvent");
        assertEquals("FLOW_DEGRADED", event.path("event").asText());
        assertEquals("DEGRADED", event.path("state").asText());
        assertEquals("rule removed on of:0000000000000002", event.path("reason").asText());
        assertEquals("the shown flow is fetched again", before + 1, session.received.size());
        assertEquals("GetFlow", session.last().path("type").asText());

        gui.sent.clear();
        session.event("flows", "RULE_ADDED", MAPPER.createObjectNode(), 2);
        assertTrue("ONOS rule events are not passed on", gui.sent.isEmpty());

        session.event("flows", "FLOW_REMOVED", MAPPER.createObjectNode().put("flowId", "fs-7"), 3);
        assertEquals("FLOW_REMOVED", gui.only("fsFlowEvent").path("event").asText());
        assertEquals(0, gui.only("showHighlights").path("links").size());
    }

    @Test
    public void clearSendsEmptyHighlights() {
        fromGui("fsClear", payload());
        JsonNode h = gui.only("showHighlights");
        assertEquals(0, h.path("devices").size() + h.path("hosts").size() + h.path("links").size());
    }

    @Test
    public void destroyClosesTheSession() {
        handler.destroy();
        assertTrue(session.closed);
        fromGui("fsShowFlow", payload().put("flowId", "fs-7"));
        assertEquals("nothing is sent after destroy", "Subscribe", session.last().path("type").asText());
    }

    @Test
    public void coreEndingTheSessionIsReported() {
        session.sink.close(1001, "FlowSocket deactivated");
        JsonNode error = gui.only("fsError");
        assertEquals("UNAVAILABLE", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("FlowSocket deactivated"));
    }

    private static ObjectNode item(String id, String hostId, String ip) {
        ObjectNode item = MAPPER.createObjectNode().put("id", id).put("type", "GetNode").put("status", "ok");
        ObjectNode host = item.putObject("result").put("kind", "host").put("id", hostId);
        host.putArray("ipAddresses").add(ip);
        return item;
    }

    /** Records what the handler sends to the browser. */
    static final class FakeConnection implements UiConnection {
        final List<ObjectNode> sent = new CopyOnWriteArrayList<>();

        @Override
        public String userName() {
            return "karaf";
        }

        @Override
        public UiTopoLayout currentLayout() {
            return null;
        }

        @Override
        public void setCurrentLayout(UiTopoLayout topoLayout) {
        }

        @Override
        public String currentView() {
            return "topo";
        }

        @Override
        public void setCurrentView(String viewId) {
        }

        @Override
        public void sendMessage(ObjectNode message) {
            sent.add(message);
        }

        @Override
        public void sendMessage(String type, ObjectNode payload) {
            ObjectNode message = MAPPER.createObjectNode().put("event", type);
            message.set("payload", payload);
            sent.add(message);
        }

        List<JsonNode> of(String type) {
            List<JsonNode> payloads = new ArrayList<>();
            sent.stream().filter(m -> type.equals(m.path("event").asText()))
                    .forEach(m -> payloads.add(m.path("payload")));
            return payloads;
        }

        JsonNode only(String type) {
            List<JsonNode> payloads = of(type);
            assertEquals("one " + type + " in " + sent, 1, payloads.size());
            return payloads.get(0);
        }
    }

    /** The handler gets its services in its constructor. */
    static final class NoServices implements ServiceDirectory {
        @Override
        public <T> T get(Class<T> serviceClass) {
            throw new org.onlab.osgi.ServiceNotFoundException(serviceClass.getName());
        }
    }
}
