/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.ui.topo.Highlights;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.flowsocket.impl.gui.FlowSocketTopoMessageHandler.FLOW_EVENT;
import static org.flowsocket.impl.gui.FlowSocketTopoMessageHandler.FLOW_SHOWN;
import static org.flowsocket.impl.gui.FlowSocketTopoMessageHandler.NODE_FLOWS_SHOWN;
import static org.flowsocket.impl.gui.FlowSocketTopoMessageHandler.SHOW_FLOW;
import static org.flowsocket.impl.gui.FlowSocketTopoMessageHandler.SHOW_NODE_FLOWS;
import static org.flowsocket.impl.gui.GuiProtocolClient.request;

/**
 * What one GUI connection's topology view shows of flows: a flow, or the
 * flows through a node, as highlights. A shown flow is kept current by the
 * session's {@code flows} events, which also reach the GUI as
 * {@value FlowSocketTopoMessageHandler#FLOW_EVENT}.
 */
final class GuiFlowDisplay {

    private static final int MAX_BATCH = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final GuiProtocolClient client;
    private final FlowPathHighlighter highlighter;
    private final BiConsumer<String, ObjectNode> toGui;
    private final Consumer<Highlights> highlights;

    private volatile String shownFlow;

    /**
     * Creates the display of one GUI connection.
     *
     * @param client      the connection's protocol session
     * @param highlighter turns flow handles into highlights
     * @param toGui       sends an event of a type with a payload to the GUI
     * @param highlights  sends highlights to the GUI
     */
    GuiFlowDisplay(GuiProtocolClient client, FlowPathHighlighter highlighter,
                   BiConsumer<String, ObjectNode> toGui, Consumer<Highlights> highlights) {
        this.client = client;
        this.highlighter = highlighter;
        this.toGui = toGui;
        this.highlights = highlights;
    }

    /**
     * Highlights a flow's path and describes it to the GUI.
     *
     * @param flowId flow id
     */
    void showFlow(String flowId) {
        client.call(SHOW_FLOW, request("GetFlow").put("flowId", flowId), handle -> {
            shownFlow = flowId;
            highlights.accept(highlighter.forFlow(handle));
            ObjectNode shown = MAPPER.createObjectNode();
            shown.put("flowId", flowId);
            shown.put("state", handle.path("state").asText());
            shown.put("summary", GuiFlowIndex.describe(handle));
            ArrayNode devices = shown.putArray("devices");
            Set<String> seen = new HashSet<>();
            handle.path("rules").forEach(r -> {
                if (seen.add(r.path("deviceId").asText())) {
                    devices.add(r.path("deviceId").asText());
                }
            });
            toGui.accept(FLOW_SHOWN, shown);
        });
    }

    /**
     * Highlights the flows through a device, or from and to a host.
     *
     * @param id device or host id
     */
    void showNodeFlows(String id) {
        if (id.contains(":") && !id.contains("/")) {
            // a device id, such as of:0000000000000001
            client.call(SHOW_NODE_FLOWS, request("ListFlows").put("deviceId", id),
                        result -> showFlows(id, flowIds(result.path("flows"), null)));
        } else {
            client.call(SHOW_NODE_FLOWS, request("GetNode").put("hostId", id), host -> {
                Set<String> ips = new HashSet<>();
                host.path("ipAddresses").forEach(ip -> ips.add(ip.asText()));
                client.call(SHOW_NODE_FLOWS, request("ListFlows"),
                            result -> showFlows(id, flowIds(result.path("flows"), ips)));
            });
        }
    }

    /**
     * Clears the highlights if they show the given flow.
     *
     * @param flowId flow id
     */
    void clearIfShown(String flowId) {
        if (flowId.equals(shownFlow)) {
            clear();
        }
    }

    /** Clears the highlights. */
    void clear() {
        shownFlow = null;
        highlights.accept(new Highlights());
    }

    /**
     * Passes a {@code flows} event on to the GUI and updates the shown flow
     * if it is the event's; other events are ignored.
     *
     * @param event protocol event
     */
    void onEvent(JsonNode event) {
        if (!"flows".equals(event.path("topic").asText()) || !event.path("event").asText().startsWith("FLOW_")) {
            return;
        }
        JsonNode data = event.path("data");
        String flowId = data.path("flowId").asText();
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("event", event.path("event").asText());
        payload.put("flowId", flowId);
        if (data.has("state")) {
            payload.put("state", data.path("state").asText());
        }
        if (data.has("reason")) {
            payload.put("reason", data.path("reason").asText());
        }
        toGui.accept(FLOW_EVENT, payload);
        if (flowId.equals(shownFlow)) {
            if ("FLOW_REMOVED".equals(event.path("event").asText())) {
                clear();
            } else {
                showFlow(flowId);
            }
        }
    }

    private void showFlows(String nodeId, List<String> flowIds) {
        ObjectNode shown = MAPPER.createObjectNode().put("id", nodeId);
        ArrayNode listed = shown.putArray("flows");
        flowIds.forEach(listed::add);
        shownFlow = null;
        if (flowIds.isEmpty()) {
            highlights.accept(new Highlights());
            toGui.accept(NODE_FLOWS_SHOWN, shown);
            return;
        }
        ObjectNode batch = request("Batch");
        ArrayNode items = batch.putArray("requests");
        flowIds.stream().limit(MAX_BATCH).forEach(id -> items.addObject().put("type", "GetFlow").put("flowId", id));
        client.call(SHOW_NODE_FLOWS, batch, result -> {
            List<JsonNode> handles = new ArrayList<>();
            result.path("results").forEach(item -> {
                if ("ok".equals(item.path("status").asText())) {
                    handles.add(item.path("result"));
                }
            });
            highlights.accept(highlighter.forFlows(handles));
            toGui.accept(NODE_FLOWS_SHOWN, shown);
        });
    }

    private static List<String> flowIds(JsonNode flows, Set<String> ips) {
        List<String> ids = new ArrayList<>();
        for (JsonNode f : flows) {
            JsonNode spec = f.path("spec");
            if (ips == null || ips.contains(spec.path("src").asText()) || ips.contains(spec.path("dst").asText())) {
                ids.add(f.path("flowId").asText());
            }
        }
        return ids;
    }
}
