/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.Role;
import org.flowsocket.impl.codec.NetworkFlowSpecCodec;
import org.flowsocket.impl.Failures;
import org.flowsocket.impl.command.ListFlowsCommand;
import org.flowsocket.impl.node.HostNodes;
import org.flowsocket.impl.protocol.NetworkValues;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.osgi.ServiceDirectory;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.host.HostService;
import org.onosproject.ui.RequestHandler;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.topo.Highlights;
import org.onosproject.ui.topo.TopoJson;

import java.util.Collection;
import java.util.Set;
import java.util.function.Function;

import static org.flowsocket.impl.gui.GuiMessages.CLEAR;
import static org.flowsocket.impl.gui.GuiMessages.FLOWS;
import static org.flowsocket.impl.gui.GuiMessages.FLOW_INSTALLED;
import static org.flowsocket.impl.gui.GuiMessages.FLOW_REMOVED;
import static org.flowsocket.impl.gui.GuiMessages.INSTALL_FLOW;
import static org.flowsocket.impl.gui.GuiMessages.LIST_FLOWS;
import static org.flowsocket.impl.gui.GuiMessages.REMOVE_FLOW;
import static org.flowsocket.impl.gui.GuiMessages.SHOW_FLOW;
import static org.flowsocket.impl.gui.GuiMessages.SHOW_NODE_FLOWS;

/**
 * The topology overlay's server side: every GUI request becomes calls of
 * FlowSocket's Java services, their results and the flow service's events
 * become GUI events and topology highlights. GUI users act with one
 * FlowSocket role, the GUI component's {@code guiRole}.
 *
 * <table>
 * <caption>GUI requests</caption>
 * <tr><th>event</th><th>payload</th><th>service calls</th><th>answer</th></tr>
 * <tr><td>fsInstallFlow</td><td>src, dst (host ids), class, priority, protocol, srcPort, dstPort,
 *     bidirectional, timeout, qos</td><td>HostService.getHost of both, then QosFlowService.install of a
 *     network flow between their first addresses</td><td>fsFlowInstalled, then highlights</td></tr>
 * <tr><td>fsShowFlow</td><td>flowId</td><td>QosFlowService.getFlow</td>
 *     <td>showHighlights, fsFlowShown</td></tr>
 * <tr><td>fsRemoveFlow</td><td>flowId</td><td>QosFlowService.remove</td><td>fsFlowRemoved</td></tr>
 * <tr><td>fsListFlows</td><td>deviceId (optional)</td><td>QosFlowService.getFlows</td><td>fsFlows</td></tr>
 * <tr><td>fsShowNodeFlows</td><td>id (device or host id)</td><td>QosFlowService.getFlows</td>
 *     <td>showHighlights, fsNodeFlowsShown</td></tr>
 * <tr><td>fsClear</td><td></td><td></td><td>empty highlights</td></tr>
 * </table>
 * Flows travel to the GUI in the form the protocol gives them (InstallFlow,
 * ListFlows); errors become {@code fsError} with the protocol's code,
 * message and field; a change of a flow's state becomes {@code fsFlowEvent}.
 * What the view shows of flows is kept by a {@link GuiFlowDisplay}.
 */
public class FlowSocketTopoMessageHandler extends UiMessageHandler {

    /** Network flow fields the GUI may pass through to InstallFlow as given. */
    private static final Set<String> NETWORK_FIELDS = ImmutableSet.of(
            "class", "priority", "protocol", "srcPort", "dstPort", "bidirectional", "timeout", "qos");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final QosFlowService flowService;
    private final HostService hostService;
    private final Function<QosFlow, ObjectNode> flowJson;
    private final Role role;
    private final GuiFlowDisplay display;

    /**
     * Creates the handler of one GUI connection.
     *
     * @param flowService QoS flow service
     * @param hostService to resolve the GUI's hosts
     * @param flowJson    renders a flow as the protocol does
     * @param highlighter turns flows into highlights
     * @param role        FlowSocket role of GUI users
     */
    public FlowSocketTopoMessageHandler(QosFlowService flowService, HostService hostService,
                                        Function<QosFlow, ObjectNode> flowJson, FlowPathHighlighter highlighter,
                                        Role role) {
        this.flowService = flowService;
        this.hostService = hostService;
        this.flowJson = flowJson;
        this.role = role;
        this.display = new GuiFlowDisplay(flowService, hostService, highlighter, this::sendToGui,
                                          this::sendHighlights);
    }

    @Override
    public void init(UiConnection connection, ServiceDirectory directory) {
        super.init(connection, directory);
        flowService.addListener(display);
    }

    @Override
    public void destroy() {
        flowService.removeListener(display);
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
            ObjectNode request = MAPPER.createObjectNode();
            ObjectNode network = request.putObject("network");
            for (String end : new String[]{"src", "dst"}) {
                try {
                    network.put(end, addressOf(payload.path(end).asText("")));
                } catch (FlowSocketException e) {
                    display.error(INSTALL_FLOW, e, end);
                    return;
                }
            }
            payload.fields().forEachRemaining(e -> {
                if (NETWORK_FIELDS.contains(e.getKey()) && !e.getValue().isNull()) {
                    network.set(e.getKey(), e.getValue());
                }
            });
            QosFlowRequest install;
            try {
                if (!role.mayModify()) {
                    throw FlowSocketException.forbidden(user(), "InstallFlow");
                }
                install = QosFlowRequest.builder().owner(user())
                        .network(NetworkFlowSpecCodec.decode(RequestFields.of(request).object("network"))).build();
            } catch (FlowSocketException e) {
                display.error(INSTALL_FLOW, e, null);
                return;
            }
            flowService.install(install).whenComplete((flow, error) -> {
                if (error != null) {
                    display.error(INSTALL_FLOW, Failures.typed(error, INSTALL_FLOW), null);
                    return;
                }
                sendToGui(FLOW_INSTALLED, flowJson.apply(flow));
                display.showFlow(flow.id());
            });
        }

        // A network flow is between hosts' addresses: the host's first one.
        private String addressOf(String hostIdText) {
            HostId hostId = NetworkValues.hostId(hostIdText, "hostId");
            Host host = hostService.getHost(hostId);
            if (host == null) {
                throw HostNodes.unknown(hostId);
            }
            if (host.ipAddresses().isEmpty()) {
                throw new FlowSocketException(ErrorCode.INVALID_FIELD, "host " + hostId
                        + " has no IP address; a network flow is between hosts' addresses");
            }
            return host.ipAddresses().iterator().next().toString();
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
            if (!role.mayModify()) {
                display.error(REMOVE_FLOW, FlowSocketException.forbidden(user(), "RemoveFlow"), null);
                return;
            }
            flowService.remove(flowId, false, 0).whenComplete((flow, error) -> {
                if (error != null) {
                    display.error(REMOVE_FLOW, Failures.typed(error, REMOVE_FLOW), null);
                    return;
                }
                display.clearIfShown(flowId);
                sendToGui(FLOW_REMOVED, flowJson.apply(flow).put("state", "REMOVED"));
            });
        }
    }

    private final class ListFlows extends RequestHandler {
        ListFlows() {
            super(LIST_FLOWS);
        }

        @Override
        public void process(ObjectNode payload) {
            QosFlowFilter.Builder filter = QosFlowFilter.builder();
            try {
                if (payload.hasNonNull("deviceId")) {
                    filter.deviceId(NetworkValues.deviceId(payload.path("deviceId").asText(), "deviceId"));
                }
            } catch (FlowSocketException e) {
                display.error(LIST_FLOWS, e, null);
                return;
            }
            sendToGui(FLOWS, ListFlowsCommand.result(flowService.getFlows(filter.build()),
                                                     ListFlowsCommand.MAX_LIMIT, flowJson, MAPPER));
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

    private String user() {
        UiConnection c = connection();
        return c == null ? "gui" : c.userName();
    }

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
