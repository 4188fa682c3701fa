/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.Role;
import org.flowsocket.api.TrafficClass;
import org.junit.Before;
import org.junit.Test;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.packet.IpAddress;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.model.topo.UiTopoLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.flowsocket.impl.gui.GuiFixtures.MAPPER;
import static org.flowsocket.impl.gui.GuiFixtures.rulesFlow;
import static org.flowsocket.impl.gui.GuiFixtures.voiceFlow;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * GUI requests become calls of the QoS flow service; their results and the
 * service's events become GUI events and highlights.
 */
public class FlowSocketTopoMessageHandlerTest {

    private GuiFixtures.FakeQosFlows flows;
    private FakeConnection gui;
    private FlowSocketTopoMessageHandler handler;

    @Before
    public void setUp() {
        flows = new GuiFixtures.FakeQosFlows();
        gui = new FakeConnection();
        handler = handler(Role.ADMIN);
        handler.init(gui, new NoServices());
    }

    private FlowSocketTopoMessageHandler handler(Role role) {
        return new FlowSocketTopoMessageHandler(flows, new GuiFixtures.Hosts(), GuiFixtures::json,
                new FlowPathHighlighter(new GuiFixtures.Links(), new GuiFixtures.Hosts()), role);
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
    public void handlesTheOverlaysRequestsAndFollowsTheFlows() {
        assertTrue(handler.messageTypes().containsAll(Set.of("fsInstallFlow", "fsShowFlow", "fsRemoveFlow",
                "fsListFlows", "fsShowNodeFlows", "fsClear")));
        assertEquals(1, flows.listeners.size());
    }

    @Test
    public void showFlowBecomesHighlights() {
        flows.put(voiceFlow("fs-7", QosFlow.State.INSTALLED));
        fromGui("fsShowFlow", payload().put("flowId", "fs-7"));

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
    public void errorsReachTheGuiInTheProtocolsWords() {
        fromGui("fsShowFlow", payload().put("flowId", "fs-99"));

        JsonNode error = gui.only("fsError");
        assertEquals("fsShowFlow", error.path("request").asText());
        assertEquals("UNKNOWN_FLOW", error.path("code").asText());
        assertEquals("no flow has id fs-99", error.path("message").asText());
        assertEquals("flowId", error.path("field").asText());
        assertTrue(gui.of("showHighlights").isEmpty());
    }

    @Test
    public void installFlowResolvesTheHostsThenInstallsANetworkFlowAndShowsIt() {
        ObjectNode p = payload().put("src", "00:00:00:00:00:01/None").put("dst", "00:00:00:00:00:03/None")
                .put("class", "voice").put("priority", 51000).put("bidirectional", true).put("protocol", "udp")
                .put("unknownToTheProtocol", "dropped");
        p.putObject("qos").put("queue", 2);
        fromGui("fsInstallFlow", p);

        assertEquals(1, flows.installs.size());
        QosFlowRequest request = flows.installs.get(0);
        assertEquals("karaf", request.owner());
        assertEquals(NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"), IpAddress.valueOf("10.0.0.3"))
                             .trafficClass(TrafficClass.VOICE).priority(51000).bidirectional(true)
                             .protocol(IpProto.UDP).queue(2L).build(),
                     request.network().orElseThrow());
        assertTrue("nothing is sent before the switches confirmed", gui.sent.isEmpty());

        QosFlow installed = voiceFlow("fs-8", QosFlow.State.INSTALLED);
        flows.put(installed);
        flows.answer.complete(installed);
        assertEquals("fs-8", gui.only("fsFlowInstalled").path("flowId").asText());
        // then the new flow is shown
        assertEquals(3, gui.only("showHighlights").path("devices").size());
        assertEquals("fs-8", gui.only("fsFlowShown").path("flowId").asText());
    }

    @Test
    public void installFlowReportsWhichHostIsUnknown() {
        fromGui("fsInstallFlow", payload().put("src", "00:00:00:00:00:01/None").put("dst", "00:00:00:00:00:09/None"));

        JsonNode error = gui.only("fsError");
        assertEquals("UNKNOWN_HOST", error.path("code").asText());
        assertEquals("dst.hostId", error.path("field").asText());
        assertTrue("nothing is installed", flows.installs.isEmpty());

        fromGui("fsInstallFlow", payload().put("src", "not a host id").put("dst", "00:00:00:00:00:03/None"));
        assertEquals("src.hostId", gui.of("fsError").get(1).path("field").asText());
    }

    @Test
    public void invalidNetworkFieldIsShownWithItsPath() {
        fromGui("fsInstallFlow", payload().put("src", "00:00:00:00:00:01/None").put("dst", "00:00:00:00:00:03/None")
                .put("priority", 70000));

        JsonNode error = gui.only("fsError");
        assertEquals("fsInstallFlow", error.path("request").asText());
        assertEquals("INVALID_FIELD", error.path("code").asText());
        assertEquals("network.priority", error.path("field").asText());
        assertTrue(flows.installs.isEmpty());
    }

    @Test
    public void refusalByTheSwitchesIsShown() {
        fromGui("fsInstallFlow", payload().put("src", "00:00:00:00:00:01/None").put("dst", "00:00:00:00:00:03/None"));
        flows.answer.completeExceptionally(new FlowSocketException(
                org.flowsocket.api.ErrorCode.FLOW_REFUSED, "the switches refused 1 rule(s)", null, null, "fs-3"));

        JsonNode error = gui.only("fsError");
        assertEquals("FLOW_REFUSED", error.path("code").asText());
        assertEquals("the switches refused 1 rule(s)", error.path("message").asText());
        assertTrue(gui.of("fsFlowInstalled").isEmpty());
    }

    @Test
    public void viewersMayNotInstallOrRemove() {
        gui.sent.clear();
        FlowSocketTopoMessageHandler viewer = handler(Role.VIEWER);
        viewer.init(gui, new NoServices());
        flows.put(voiceFlow("fs-7", QosFlow.State.INSTALLED));
        ObjectNode install = MAPPER.createObjectNode().put("event", "fsInstallFlow");
        install.putObject("payload").put("src", "00:00:00:00:00:01/None").put("dst", "00:00:00:00:00:03/None");
        viewer.process(install);
        ObjectNode remove = MAPPER.createObjectNode().put("event", "fsRemoveFlow");
        remove.putObject("payload").put("flowId", "fs-7");
        viewer.process(remove);

        List<JsonNode> errors = gui.of("fsError");
        assertEquals(2, errors.size());
        assertEquals("FORBIDDEN", errors.get(0).path("code").asText());
        assertEquals("user 'karaf' has a viewer role and may not run InstallFlow",
                     errors.get(0).path("message").asText());
        assertEquals("user 'karaf' has a viewer role and may not run RemoveFlow",
                     errors.get(1).path("message").asText());
        assertTrue(flows.installs.isEmpty());
        assertTrue(flows.removals.isEmpty());
    }

    @Test
    public void removeFlowRemovesAndClearsTheShownPath() {
        flows.put(voiceFlow("fs-7", QosFlow.State.INSTALLED));
        fromGui("fsShowFlow", payload().put("flowId", "fs-7"));
        gui.sent.clear();

        fromGui("fsRemoveFlow", payload().put("flowId", "fs-7"));
        assertEquals(List.of("fs-7"), flows.removals);
        assertEquals("REMOVED", gui.only("fsFlowRemoved").path("state").asText());
        JsonNode cleared = gui.only("showHighlights");
        assertEquals(0, cleared.path("links").size());
        assertEquals(0, cleared.path("devices").size());
    }

    @Test
    public void listFlowsByDevice() {
        flows.put(voiceFlow("fs-7", QosFlow.State.INSTALLED));
        flows.put(rulesFlow("fs-2"));
        fromGui("fsListFlows", payload().put("deviceId", "of:0000000000000001"));
        JsonNode listed = gui.only("fsFlows").path("flows");
        assertEquals(1, listed.size());
        assertEquals("fs-7", listed.get(0).path("flowId").asText());

        fromGui("fsListFlows", payload().put("deviceId", "nonsense"));
        assertEquals("deviceId", gui.only("fsError").path("field").asText());
    }

    @Test
    public void nodeFlowsOfAHostAreFoundByItsAddressesAndHighlightedTogether() {
        flows.put(voiceFlow("fs-7", QosFlow.State.INSTALLED));
        flows.put(rulesFlow("fs-2"));
        fromGui("fsShowNodeFlows", payload().put("id", "00:00:00:00:00:03/None"));

        assertEquals(4, gui.only("showHighlights").path("links").size());
        assertEquals("[\"fs-7\"]", gui.only("fsNodeFlowsShown").path("flows").toString());
    }

    @Test
    public void nodeFlowsOfADeviceAreListedByDevice() {
        flows.put(rulesFlow("fs-2"));
        fromGui("fsShowNodeFlows", payload().put("id", "of:0000000000000003"));
        assertEquals(0, gui.only("showHighlights").path("links").size());
        assertEquals(0, gui.only("fsNodeFlowsShown").path("flows").size());

        gui.sent.clear();
        fromGui("fsShowNodeFlows", payload().put("id", "of:0000000000000002"));
        assertEquals("[\"fs-2\"]", gui.only("fsNodeFlowsShown").path("flows").toString());
        assertEquals(1, gui.only("showHighlights").path("links").size());
    }

    @Test
    public void flowEventsBecomeGuiEventsAndRefreshTheShownPath() {
        QosFlow installed = voiceFlow("fs-7", QosFlow.State.INSTALLED);
        flows.put(installed);
        fromGui("fsShowFlow", payload().put("flowId", "fs-7"));
        gui.sent.clear();

        QosFlow degraded = installed.withState(QosFlow.State.DEGRADED, "rule removed on of:0000000000000002");
        flows.put(degraded);
        flows.post(new QosFlowEvent(QosFlowEvent.Type.FLOW_UPDATED, degraded, installed));
        JsonNode event = gui.only("fsFlowEvent");
        assertEquals("FLOW_DEGRADED", event.path("event").asText());
        assertEquals("DEGRADED", event.path("state").asText());
        assertEquals("rule removed on of:0000000000000002", event.path("reason").asText());
        assertEquals("the shown flow is drawn again", "DEGRADED", gui.only("fsFlowShown").path("state").asText());

        gui.sent.clear();
        flows.post(new QosFlowEvent(QosFlowEvent.Type.FLOW_UPDATED, degraded, degraded));
        assertTrue("a change that keeps the state is not passed on", gui.sent.isEmpty());

        flows.flows.remove("fs-7");
        flows.post(new QosFlowEvent(QosFlowEvent.Type.FLOW_REMOVED, degraded, null));
        assertEquals("FLOW_REMOVED", gui.only("fsFlowEvent").path("event").asText());
        assertFalse(gui.only("fsFlowEvent").has("state"));
        assertEquals(0, gui.only("showHighlights").path("links").size());
    }

    @Test
    public void clearSendsEmptyHighlights() {
        fromGui("fsClear", payload());
        JsonNode h = gui.only("showHighlights");
        assertEquals(0, h.path("devices").size() + h.path("hosts").size() + h.path("links").size());
    }

    @Test
    public void destroyStopsFollowingTheFlows() {
        handler.destroy();
        assertTrue(flows.listeners.isEmpty());
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
