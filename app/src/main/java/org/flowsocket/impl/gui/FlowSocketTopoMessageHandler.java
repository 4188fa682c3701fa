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
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.MessageSink;
import org.flowsocket.api.Role;
import org.onlab.osgi.ServiceDirectory;
import org.onosproject.ui.RequestHandler;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.topo.Highlights;
import org.onosproject.ui.topo.TopoJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
    private static final int MAX_BATCH = 256;

    private static final Logger log = LoggerFactory.getLogger(FlowSocketTopoMessageHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FlowSocketService flowSocket;
    private final FlowPathHighlighter highlighter;
    private final Role role;
    private final Map<String, Consumer<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private volatile ClientSession session;
    private volatile String shownFlow;

    /**
     * Creates the handler of one GUI connection.
     *
     * @param flowSocket  the command core
     * @param highlighter turns flow handles into highlights
     * @param role        the FlowSocket role of GUI users
     */
    public FlowSocketTopoMessageHandler(FlowSocketService flowSocket, FlowPathHighlighter highlighter, Role role) {
        this.flowSocket = flowSocket;
        this.highlighter = highlighter;
        this.role = role;
    }

    @Override
    public void init(UiConnection connection, ServiceDirectory directory) {
        super.init(connection, directory);
        ClientIdentity identity = ClientIdentity.builder().user(connection.userName()).role(role)
                .transport(TRANSPORT).build();
        session = flowSocket.openSession(identity, new Sink());
        ObjectNode subscribe = request("Subscribe");
        subscribe.putArray("topics").add("flows");
        call(subscribe, ok("Subscribe", r -> { }));
    }

    @Override
    public void destroy() {
        ClientSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
        pending.clear();
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
            call(batch, ok(INSTALL_FLOW, result -> {
                ObjectNode network = MAPPER.createObjectNode();
                for (JsonNode item : result.path("results")) {
                    String end = item.path("id").asText();
                    if (!"ok".equals(item.path("status").asText())) {
                        error(INSTALL_FLOW, item.path("error"), end);
                        return;
                    }
                    JsonNode ips = item.path("result").path("ipAddresses");
                    if (ips.size() == 0) {
                        error(INSTALL_FLOW, "INVALID_FIELD", "host " + item.path("result").path("id").asText()
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
                call(install, ok(INSTALL_FLOW, handle -> {
                    sendToGui(FLOW_INSTALLED, (ObjectNode) handle);
                    showFlow(handle.path("flowId").asText());
                }));
            }));
        }
    }

    private final class ShowFlow extends RequestHandler {
        ShowFlow() {
            super(SHOW_FLOW);
        }

        @Override
        public void process(ObjectNode payload) {
            showFlow(payload.path("flowId").asText(""));
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
            call(remove, ok(REMOVE_FLOW, handle -> {
                if (flowId.equals(shownFlow)) {
                    clearHighlights();
                }
                sendToGui(FLOW_REMOVED, (ObjectNode) handle);
            }));
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
            call(list, ok(LIST_FLOWS, result -> sendToGui(FLOWS, (ObjectNode) result)));
        }
    }

    private final class ShowNodeFlows extends RequestHandler {
        ShowNodeFlows() {
            super(SHOW_NODE_FLOWS);
        }

        @Override
        public void process(ObjectNode payload) {
            String id = payload.path("id").asText("");
            if (id.contains(":") && !id.contains("/")) {
                // a device id, such as of:0000000000000001
                call(request("ListFlows").put("deviceId", id), ok(SHOW_NODE_FLOWS,
                        result -> showFlows(id, flowIds(result.path("flows"), null))));
            } else {
                call(request("GetNode").put("hostId", id), ok(SHOW_NODE_FLOWS, host -> {
                    Set<String> ips = new HashSet<>();
                    host.path("ipAddresses").forEach(ip -> ips.add(ip.asText()));
                    call(request("ListFlows"), ok(SHOW_NODE_FLOWS,
                            result -> showFlows(id, flowIds(result.path("flows"), ips))));
                }));
            }
        }
    }

    private final class Clear extends RequestHandler {
        Clear() {
            super(CLEAR);
        }

        @Override
        public void process(ObjectNode payload) {
            clearHighlights();
        }
    }

    // ------------------------------------------------------------------ steps

    private void showFlow(String flowId) {
        call(request("GetFlow").put("flowId", flowId), ok(SHOW_FLOW, handle -> {
            shownFlow = flowId;
            sendHighlights(highlighter.forFlow(handle));
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
            sendToGui(FLOW_SHOWN, shown);
        }));
    }

    private void showFlows(String nodeId, List<String> flowIds) {
        ObjectNode shown = MAPPER.createObjectNode().put("id", nodeId);
        ArrayNode listed = shown.putArray("flows");
        flowIds.forEach(listed::add);
        shownFlow = null;
        if (flowIds.isEmpty()) {
            sendHighlights(new Highlights());
            sendToGui(NODE_FLOWS_SHOWN, shown);
            return;
        }
        ObjectNode batch = request("Batch");
        ArrayNode items = batch.putArray("requests");
        flowIds.stream().limit(MAX_BATCH).forEach(id -> items.addObject().put("type", "GetFlow").put("flowId", id));
        call(batch, ok(SHOW_NODE_FLOWS, result -> {
            List<JsonNode> handles = new ArrayList<>();
            result.path("results").forEach(item -> {
                if ("ok".equals(item.path("status").asText())) {
                    handles.add(item.path("result"));
                }
            });
            sendHighlights(highlighter.forFlows(handles));
            sendToGui(NODE_FLOWS_SHOWN, shown);
        }));
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

    private void clearHighlights() {
        shownFlow = null;
        sendHighlights(new Highlights());
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

    // ------------------------------------------------------------------ protocol

    private ObjectNode request(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    private void call(ObjectNode request, Consumer<JsonNode> onReply) {
        ClientSession s = session;
        if (s == null) {
            return;
        }
        String id = "gui-" + ids.incrementAndGet();
        request.put("id", id);
        pending.put(id, onReply);
        try {
            s.receive(MAPPER.writeValueAsString(request));
        } catch (IOException e) {
            pending.remove(id);
            throw new IllegalStateException("cannot render a request", e);
        }
    }

    // Runs the step on an ok reply; an error reply goes to the GUI in the protocol's words.
    private Consumer<JsonNode> ok(String guiRequest, Consumer<JsonNode> step) {
        return reply -> {
            if ("ok".equals(reply.path("status").asText())) {
                step.accept(reply.path("result"));
            } else {
                error(guiRequest, reply.path("error"), null);
            }
        };
    }

    private void error(String guiRequest, JsonNode error, String item) {
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("request", guiRequest);
        payload.put("code", error.path("code").asText("INTERNAL_ERROR"));
        payload.put("message", error.path("message").asText(""));
        if (error.hasNonNull("field")) {
            payload.put("field", (item == null ? "" : item + ".") + error.path("field").asText());
        } else if (item != null) {
            payload.put("field", item);
        }
        sendToGui(ERROR, payload);
    }

    private void error(String guiRequest, String code, String message, String field) {
        error(guiRequest, MAPPER.createObjectNode().put("code", code).put("message", message), field);
    }

    private void onEvent(JsonNode event) {
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
        sendToGui(FLOW_EVENT, payload);
        if (flowId.equals(shownFlow)) {
            if ("FLOW_REMOVED".equals(event.path("event").asText())) {
                clearHighlights();
            } else {
                showFlow(flowId);
            }
        }
    }

    // Where the command core's replies and events for this GUI connection arrive.
    private final class Sink implements MessageSink {
        @Override
        public void send(String message) {
            JsonNode msg;
            try {
                msg = MAPPER.readTree(message);
            } catch (IOException e) {
                log.warn("Unreadable message from the command core: {}", e.getMessage());
                return;
            }
            switch (msg.path("kind").asText()) {
                case "reply":
                    Consumer<JsonNode> next = pending.remove(msg.path("id").asText());
                    if (next != null) {
                        try {
                            next.accept(msg);
                        } catch (RuntimeException e) {
                            log.warn("GUI step after {} failed", msg.path("type").asText(), e);
                        }
                    }
                    break;
                case "event":
                    onEvent(msg);
                    break;
                default:
                    break;
            }
        }

        @Override
        public void close(int code, String reason) {
            session = null;
            pending.clear();
            error("session", "UNAVAILABLE", "FlowSocket ended the GUI's session: " + reason, null);
        }
    }
}
