/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.MessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.flowsocket.impl.gui.FlowSocketTopoMessageHandler.ERROR;

/**
 * The FlowSocket session of one GUI connection, spoken in the protocol: it
 * sends requests under ids of its own, hands each reply to the step that
 * waits for it, passes events on, and turns error replies into
 * {@value FlowSocketTopoMessageHandler#ERROR} GUI events with the protocol's
 * code, message and field.
 */
final class GuiProtocolClient {

    private static final Logger log = LoggerFactory.getLogger(GuiProtocolClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BiConsumer<String, ObjectNode> toGui;
    private final Map<String, Consumer<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private volatile ClientSession session;
    private volatile Consumer<JsonNode> events = e -> { };

    /**
     * Creates a client that is not connected yet.
     *
     * @param toGui sends an event of a type with a payload to the GUI
     */
    GuiProtocolClient(BiConsumer<String, ObjectNode> toGui) {
        this.toGui = toGui;
    }

    /**
     * Opens the session.
     *
     * @param flowSocket the command core
     * @param identity   the GUI user's identity
     * @param listener   receives the session's events
     */
    void open(FlowSocketService flowSocket, ClientIdentity identity, Consumer<JsonNode> listener) {
        events = listener;
        session = flowSocket.openSession(identity, new Sink());
    }

    /** Closes the session and forgets the replies still awaited. */
    void close() {
        ClientSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
        pending.clear();
    }

    /**
     * Starts a protocol request.
     *
     * @param type request type
     * @return the request, without id
     */
    static ObjectNode request(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    /**
     * Sends a request; an ok reply's result goes to the next step, an error
     * reply to the GUI in the protocol's words. Without a session nothing is
     * sent.
     *
     * @param guiRequest the GUI request it serves, named in errors
     * @param request    the protocol request
     * @param onResult   the next step
     */
    void call(String guiRequest, ObjectNode request, Consumer<JsonNode> onResult) {
        ClientSession s = session;
        if (s == null) {
            return;
        }
        String id = "gui-" + ids.incrementAndGet();
        request.put("id", id);
        pending.put(id, reply -> {
            if ("ok".equals(reply.path("status").asText())) {
                onResult.accept(reply.path("result"));
            } else {
                error(guiRequest, reply.path("error"), null);
            }
        });
        try {
            s.receive(MAPPER.writeValueAsString(request));
        } catch (IOException e) {
            pending.remove(id);
            throw new IllegalStateException("cannot render a request", e);
        }
    }

    /**
     * Sends a protocol error to the GUI.
     *
     * @param guiRequest the GUI request that failed
     * @param error      the protocol error: code, message, field
     * @param item       the batch item it concerns, prefixed to the field, or null
     */
    void error(String guiRequest, JsonNode error, String item) {
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("request", guiRequest);
        payload.put("code", error.path("code").asText("INTERNAL_ERROR"));
        payload.put("message", error.path("message").asText(""));
        if (error.hasNonNull("field")) {
            payload.put("field", (item == null ? "" : item + ".") + error.path("field").asText());
        } else if (item != null) {
            payload.put("field", item);
        }
        toGui.accept(ERROR, payload);
    }

    /**
     * Sends an error of the given code to the GUI.
     *
     * @param guiRequest the GUI request that failed
     * @param code       protocol error code
     * @param message    message
     * @param field      field it concerns, or null
     */
    void error(String guiRequest, String code, String message, String field) {
        error(guiRequest, MAPPER.createObjectNode().put("code", code).put("message", message), field);
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
                    events.accept(msg);
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
