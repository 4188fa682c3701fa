/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.Role;
import org.onlab.osgi.ServiceDirectory;
import org.onosproject.ui.RequestHandler;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.topo.Highlights;
import org.onosproject.ui.topo.TopoJson;

import java.util.Collection;
import java.util.Set;

import static org.flowsocket.impl.gui.GuiProtocolClient.request;

/**
 * The topology overlay's server side. Each GUI connection gets a FlowSocket
 * session (transport {@value #TRANSPORT}) and every GUI request becomes
 * protocol requests to the command core; replies and {@code flows} events
 * become GUI events and topology highlights.
 *
 * <table>
 * <caption>GUI requests</caption>
 * <tr><th>event</th><th>payload</th><th>protocol</th><th>answer</th></tr>
 * <tr><td>fsInstallFlow</td><td>src, dst (host ids), class, priority, protocol, srcPort, dstPort,
 *     bidirectional, timeout, qos</td><td>Batch of two GetNode, then InstallFlow network</td>
 *     <td>fsFlowInstalled, then highlights</td></tr>
 * <tr><td>fsShowFlow</td><td>flowId</td><td>GetFlow</td><td>showHighlights, fsFlowShown</td></tr>
 * <tr><td>fsRemoveFlow</td><td>flowId</td><td>RemoveFlow</td><td>fsFlowRemoved</td></tr>
 * <tr><td>fsListFlows</td><td>deviceId (optional)</td><td>ListFlows</td><td>fsFlows</td></tr>
 * <tr><td>fsShowNodeFlows</td><td>id (device or host id)</td><td>ListFlows (GetNode for a host),
 *     Batch of GetFlow</td><td>showHighlights, fsNodeFlowsShown</td></tr>
 * <tr><td>fsClear</td><td></td><td></td><td>empty highlights</td></tr>
 * </table>
 * Any error reply becomes {@code fsError} with the protocol's code, message
 * and field; a {@code flows} event becomes {@code fsFlowEvent}.
 * <p>
 * The session itself is a {@link GuiProtocolClient}; what the view shows of
 * flows is kept by a {@link GuiFlowDisplay}.
 */
public class FlowSocketTopoMessageHandler extends UiMessageHandler {

    /** Transport name of GUI sessions. */
    public static final String TRANSPORT = "gui";

    static final String INSTALL_FLOW = "fsInstallFlow";
    static final String SHOW_FLOW = "fsShowFlow";
    static final String REMOVE_FLOW = "fsRemoveFlow";
    static final String LIST_FLOWS = "fsListFlows";
    static final String SHOW_NODE_FLOWS = "fsShowNodeFlows";
    static final String CLEAR = "fsClear";

    static final String FLOW_INSTALLED = "fsFlowInstalled";
    static final String FLOW_SHOWN = "fsFlowShown";
    static final String FLOW_REMOVED = "fsFlowRemoved";
    static final String FLOWS = "fsFlows";
    static final String NODE_FLOWS_SHOWN = "fsNodeFlowsShown";
    static final String FLOW_EVENT = "fsFlowEvent";
    static final String ERROR = "fsError";

    /** Network flow fields the GUI may pass through to InstallFlow as given. */
    private static final Set<String> NETWORK_FIELDS = ImmutableSet.of(
            "class", "priority", "protocol", "srcPort", "dstPort", "bidirectional", "timeout", "qos");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FlowSocketService flowSocket;
    private final Role role;
    private final GuiProtocolClient client;
    private final GuiFlowDisplay display;

    /**
     * Creates the handler of one GUI connection.
     *
     * @param flowSocket  the command core
     * @param highlighter turns flow handles into highlights
     * @param role        the FlowSocket role of GUI users
     */
    public FlowSocketTopoMessageHandler(FlowSocketService flowSocket, FlowPathHighlighter highlighter, Role role) {
        this.flowSocket = flowSocket;
        this.role = role;
        this.client = new GuiProtocolClient(this::sendToGui);
        this.display = new GuiFlowDisplay(client, highlighter, this::sendToGui, this::sendHighlights);
    }

    @Override
    public void init(UiConnection connection, ServiceDirectory directory) {
        super.init(connection, directory);
        ClientIdentity identity = ClientIdentity.builder().user(connection.userName()).role(role)
                .transport(TRANSPORT).build();
        client.open(flowSocket, identity, display::onEvent);
        ObjectNode subscribe = request("Subscribe");
        subscribe.putArray("topics").add("flows");
        client.call("Subscribe", subscribe, r -> { });
    }

    @Override
    public void destroy() {
        client.close();
        super.destroy();
    }

    @Override
    protected Collection<RequestHandler> createRequestHandlers() {
        return ImmutableSet.of(new InstallFlow(), new ShowFlow(), new RemoveFlow(), new ListFlows(),
                               new ShowNodeFlows(), new Clear());
    }

    // ------------------------------------------------------------------ requests

    private final class InstallFlow extends RequestHandler {
        InstallFlow() {
            super(INSTALL_FLOW);
        }

        @Override
        public void process(ObjectNode payload) {
            ObjectNode batch = request("Batch");
            ArrayNode items = batch.putArray("requests");
            items.addObject().put("type", "GetNode").put("id", "src").put("hostId", payload.path("src").asText(""));
            items.addObject().put("type", "GetNode").put("id", "dst").put("hostId", payload.path("dst").asText(""));
            client.call(INSTALL_FLOW, batch, result -> {
                ObjectNode network = MAPPER.createObjectNode();
                for (JsonNode item : result.path("results")) {
                    String end = item.path("id").asText();
                    if (!"ok".equals(item.path("status").asText())) {
                        client.error(INSTALL_FLOW, item.path("error"), end);
                        return;
                    }
                    JsonNode ips = item.path("result").path("ipAddresses");
                    if (ips.size() == 0) {
                        client.error(INSTALL_FLOW, "INVALID_FIELD", "host " + item.path("result").path("id").asText()
                                + " has no IP address; a network flow is between hosts' addresses", end);
                        return;
                    }
                    network.put(end, ips.get(0).asText());
                }
                payload.fields().forEachRemaining(e -> {
                    if (NETWORK_FIELDS.contains(e.getKey()) && !e.getValue().isNull()) {
                        network.set(e.getKey(), e.getValue());
                    }
                });
                ObjectNode install = request("InstallFlow");
                install.set("network", network);
                client.call(INSTALL_FLOW, install, handle -> {
                    sendToGui(FLOW_INSTALLED, (ObjectNode) handle);
                    display.showFlow(handle.path("flowId").asText());
                });
            });
        }
    }

    private final class ShowFlow extends RequestHandler {
        ShowFlow() {
            super(SHOW_FLOW);
        }

        @Override
        public void process(ObjectNode payload) {
            display.showFlow(payload.path("flowId").asText(""));
        }
    }

    private final class RemoveFlow extends RequestHandler {
        RemoveFlow() {
            super(REMOVE_FLOW);
        }

        @Override
        public void process(ObjectNode payload) {
            String flowId = payload.path("flowId").asText("");
            ObjectNode remove = request("RemoveFlow").put("flowId", flowId);
            client.call(REMOVE_FLOW, remove, handle -> {
                display.clearIfShown(flowId);
                sendToGui(FLOW_REMOVED, (ObjectNode) handle);
            });
        }
    }

    private final class ListFlows extends RequestHandler {
        ListFlows() {
            super(LIST_FLOWS);
        }

        @Override
        public void process(ObjectNode payload) {
            ObjectNode list = request("ListFlows");
            if (payload.hasNonNull("deviceId")) {
                list.put("deviceId", payload.path("deviceId").asText());
            }
            client.call(LIST_FLOWS, list, result -> sendToGui(FLOWS, (ObjectNode) result));
        }
    }

    private final class ShowNodeFlows extends RequestHandler {
        ShowNodeFlows() {
            super(SHOW_NODE_FLOWS);
        }

        @Override
        public void process(ObjectNode payload) {
            display.showNodeFlows(payload.path("id").asText(""));
        }
    }

    private final class Clear extends RequestHandler {
        Clear() {
            super(CLEAR);
        }

        @Override
        public void process(ObjectNode payload) {
            display.clear();
        }
    }

    // ------------------------------------------------------------------ to the GUI

    private void sendHighlights(Highlights highlights) {
        UiConnection c = connection();
        if (c != null) {
            c.sendMessage(TopoJson.highlightsMessage(highlights));
        }
    }

    private void sendToGui(String type, ObjectNode payload) {
        UiConnection c = connection();
        if (c != null) {
            c.sendMessage(type, payload);
        }
    }
}
