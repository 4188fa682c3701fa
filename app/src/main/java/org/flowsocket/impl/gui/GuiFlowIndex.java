/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.MessageSink;
import org.flowsocket.api.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The GUI's view of FlowSocket's flow handles, for the detail panels (which
 * ONOS fills synchronously): one read-only session of its own, subscribed to
 * the {@code flows} topic after a {@code ListFlows}, through the same command
 * core as every client.
 */
public final class GuiFlowIndex implements MessageSink {

    /** User name the index's session is listed under. */
    public static final String USER = "gui-overlay";

    private static final Logger log = LoggerFactory.getLogger(GuiFlowIndex.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, JsonNode> flows = new ConcurrentHashMap<>();
    private volatile ClientSession session;

    /**
     * Opens the index's session and asks for the flows.
     *
     * @param flowSocket the command core
     * @return this index
     */
    public GuiFlowIndex open(FlowSocketService flowSocket) {
        session = flowSocket.openSession(ClientIdentity.builder().user(USER).role(Role.VIEWER)
                                                 .transport(FlowSocketTopoMessageHandler.TRANSPORT).build(), this);
        session.receive("{\"type\":\"Subscribe\",\"id\":\"subscribe\",\"topics\":[\"flows\"]}");
        session.receive("{\"type\":\"ListFlows\",\"id\":\"list\"}");
        return this;
    }

    /** Closes the session. */
    public void close() {
        ClientSession s = session;
        if (s != null) {
            s.close();
        }
        flows.clear();
    }

    @Override
    public void send(String message) {
        JsonNode msg;
        try {
            msg = MAPPER.readTree(message);
        } catch (IOException e) {
            log.warn("Unreadable message from the command core: {}", e.getMessage());
            return;
        }
        String kind = msg.path("kind").asText();
        if ("reply".equals(kind) && "list".equals(msg.path("id").asText()) && "ok".equals(msg.path("status").asText())) {
            msg.path("result").path("flows").forEach(this::put);
        } else if ("event".equals(kind) && "flows".equals(msg.path("topic").asText())) {
            String event = msg.path("event").asText();
            if ("FLOW_REMOVED".equals(event)) {
                flows.remove(msg.path("data").path("flowId").asText());
            } else if (event.startsWith("FLOW_")) {
                put(msg.path("data"));
            }
        }
    }

    @Override
    public void close(int code, String reason) {
        flows.clear();
    }

    /**
     * Records or replaces a handle (brief form).
     *
     * @param handle flow handle JSON
     */
    void put(JsonNode handle) {
        String id = handle.path("flowId").asText("");
        if (!id.isEmpty() && handle instanceof ObjectNode) {
            flows.put(id, handle);
        }
    }

    /** @return number of known handles */
    public int size() {
        return flows.size();
    }

    /**
     * Returns the handles with a rule on a device, by flow id.
     *
     * @param deviceId device id
     * @return handles
     */
    public List<JsonNode> throughDevice(String deviceId) {
        return sorted(flows.values().stream().filter(f -> StreamSupport.stream(f.path("rules").spliterator(), false)
                .anyMatch(r -> deviceId.equals(r.path("deviceId").asText()))).collect(Collectors.toList()));
    }

    /**
     * Returns the network flows from or to any of the addresses, by flow id.
     *
     * @param ips IP addresses as text
     * @return handles
     */
    public List<JsonNode> ofAddresses(Set<String> ips) {
        return sorted(flows.values().stream().filter(f -> ips.contains(f.path("spec").path("src").asText())
                || ips.contains(f.path("spec").path("dst").asText())).collect(Collectors.toList()));
    }

    /**
     * Describes a handle in a line: addresses, class and state.
     *
     * @param handle flow handle JSON
     * @return description
     */
    public static String describe(JsonNode handle) {
        JsonNode spec = handle.path("spec");
        StringBuilder sb = new StringBuilder();
        if ("network".equals(handle.path("kind").asText())) {
            sb.append(spec.path("src").asText()).append(spec.path("bidirectional").asBoolean() ? " ⇄ " : " → ")
                    .append(spec.path("dst").asText());
            if (spec.has("class")) {
                sb.append(' ').append(spec.path("class").asText());
            }
        } else {
            sb.append(handle.path("rules").size()).append(" rule(s)");
        }
        return sb.append(", ").append(handle.path("state").asText()).toString();
    }

    private static List<JsonNode> sorted(List<JsonNode> list) {
        return ImmutableList.sortedCopyOf(Comparator.comparingLong(GuiFlowIndex::number)
                .thenComparing(f -> f.path("flowId").asText()), list);
    }

    private static long number(JsonNode handle) {
        String digits = handle.path("flowId").asText().replaceAll("\\D", "");
        try {
            return digits.isEmpty() ? Long.MAX_VALUE : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
