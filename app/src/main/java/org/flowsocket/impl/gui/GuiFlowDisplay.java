/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.node.HostNodes;
import org.flowsocket.impl.protocol.Messages;
import org.flowsocket.impl.protocol.NetworkValues;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.host.HostService;
import org.onosproject.ui.topo.Highlights;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.flowsocket.impl.gui.GuiMessages.ERROR;
import static org.flowsocket.impl.gui.GuiMessages.FLOW_EVENT;
import static org.flowsocket.impl.gui.GuiMessages.FLOW_SHOWN;
import static org.flowsocket.impl.gui.GuiMessages.NODE_FLOWS_SHOWN;
import static org.flowsocket.impl.gui.GuiMessages.SHOW_FLOW;
import static org.flowsocket.impl.gui.GuiMessages.SHOW_NODE_FLOWS;

/**
 * What one GUI connection's topology view shows of flows: a flow, or the
 * flows through a node, as highlights. A shown flow is kept current by the
 * flow service's events, which also reach the GUI as
 * {@value GuiMessages#FLOW_EVENT}.
 */
final class GuiFlowDisplay implements QosFlowListener {

    /** Most flows highlighted together. */
    private static final int MAX_SHOWN = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final QosFlowService flowService;
    private final HostService hostService;
    private final FlowPathHighlighter highlighter;
    private final BiConsumer<String, ObjectNode> toGui;
    private final Consumer<Highlights> highlights;

    private volatile String shownFlow;

    /**
     * Creates the display of one GUI connection.
     *
     * @param flowService QoS flow service
     * @param hostService to find a host's addresses
     * @param highlighter turns flows into highlights
     * @param toGui       sends an event of a type with a payload to the GUI
     * @param highlights  sends highlights to the GUI
     */
    GuiFlowDisplay(QosFlowService flowService, HostService hostService, FlowPathHighlighter highlighter,
                   BiConsumer<String, ObjectNode> toGui, Consumer<Highlights> highlights) {
        this.flowService = flowService;
        this.hostService = hostService;
        this.highlighter = highlighter;
        this.toGui = toGui;
        this.highlights = highlights;
    }

    /**
     * Highlights one flow and tells the GUI its state and devices.
     *
     * @param flowId the flow's id
     */
    void showFlow(String flowId) {
        QosFlow flow = flowService.getFlow(flowId).orElse(null);
        if (flow == null) {
            error(SHOW_FLOW, FlowSocketException.unknownFlow(flowId), null);
            return;
        }
        shownFlow = flowId;
        highlights.accept(highlighter.forFlow(flow));
        ObjectNode shown = MAPPER.createObjectNode();
        shown.put("flowId", flowId);
        shown.put("state", flow.state().name());
        shown.put("summary", GuiFlowIndex.describe(flow));
        ArrayNode devices = shown.putArray("devices");
        flow.rules().stream().map(r -> r.deviceId().toString()).distinct().forEach(devices::add);
        toGui.accept(FLOW_SHOWN, shown);
    }

    /**
     * Highlights the flows through a device, or from and to a host's addresses.
     *
     * @param id device id (such as {@code of:0000000000000001}) or host id
     */
    void showNodeFlows(String id) {
        List<QosFlow> flows;
        try {
            if (id.contains(":") && !id.contains("/")) {
                DeviceId deviceId = NetworkValues.deviceId(id, "deviceId");
                flows = flowService.getFlows(QosFlowFilter.builder().deviceId(deviceId).build());
            } else {
                HostId hostId = NetworkValues.hostId(id, "hostId");
                Host host = hostService.getHost(hostId);
                if (host == null) {
                    throw HostNodes.unknown(hostId);
                }
                Set<String> ips = host.ipAddresses().stream().map(Object::toString).collect(Collectors.toSet());
                flows = flowService.getFlows(QosFlowFilter.ALL).stream()
                        .filter(f -> GuiFlowIndex.between(f, ips)).collect(Collectors.toList());
            }
        } catch (FlowSocketException e) {
            error(SHOW_NODE_FLOWS, e, null);
            return;
        }
        ObjectNode shown = MAPPER.createObjectNode().put("id", id);
        ArrayNode listed = shown.putArray("flows");
        flows.forEach(f -> listed.add(f.id()));
        shownFlow = null;
        highlights.accept(highlighter.forFlows(flows.stream().limit(MAX_SHOWN).collect(Collectors.toList())));
        toGui.accept(NODE_FLOWS_SHOWN, shown);
    }

    /**
     * Clears the highlights if they show a flow.
     *
     * @param flowId the flow's id
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

    // A change of a flow's state reaches the GUI; the shown flow is redrawn.
    @Override
    public void event(QosFlowEvent event) {
        if (!event.stateChanged()) {
            return;
        }
        QosFlow flow = event.subject();
        boolean removed = event.type() == QosFlowEvent.Type.FLOW_REMOVED;
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("event", removed ? "FLOW_REMOVED" : "FLOW_" + flow.state().name());
        payload.put("flowId", flow.id());
        if (!removed) {
            payload.put("state", flow.state().name());
            if (flow.reason() != null) {
                payload.put("reason", flow.reason());
            }
        }
        toGui.accept(FLOW_EVENT, payload);
        if (flow.id().equals(shownFlow)) {
            if (removed) {
                clear();
            } else {
                showFlow(flow.id());
            }
        }
    }

    /**
     * Tells the GUI that a request failed, in the protocol's words.
     *
     * @param guiRequest the GUI's request
     * @param error      the error
     * @param item       what part of the request it concerns (e.g. {@code src}), or null
     */
    void error(String guiRequest, FlowSocketException error, String item) {
        ObjectNode body = Messages.errorBody(MAPPER, error);
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("request", guiRequest);
        payload.put("code", body.path("code").asText());
        payload.put("message", body.path("message").asText(""));
        if (body.hasNonNull("field")) {
            payload.put("field", (item == null ? "" : item + ".") + body.path("field").asText());
        } else if (item != null) {
            payload.put("field", item);
        }
        toGui.accept(ERROR, payload);
    }
}
