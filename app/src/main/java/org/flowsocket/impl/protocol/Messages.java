/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;

/**
 * Builds the envelopes of what the server sends. Every message has a
 * {@code kind}: {@code hello}, {@code reply} (echoes the request's
 * {@code id}) or {@code event} (carries a {@code topic} and no {@code id}).
 */
public final class Messages {

    public static final String KIND = "kind";
    public static final String ID = "id";
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String RESULT = "result";
    public static final String ERROR = "error";

    private static final String STATUS_ERROR = "error";

    /**
     * Longest request {@code type} echoed in a reply; no command name is
     * longer, so a longer type is left out instead of echoed.
     */
    public static final int MAX_ECHOED_TYPE = 64;

    /** Longest error {@code message} sent; longer ones are cut with "...". */
    public static final int MAX_ERROR_MESSAGE = 512;

    /** Longest error {@code field} path sent; longer ones are cut with "...". */
    public static final int MAX_ERROR_FIELD = 256;

    /** Longest request id; replies echo it. */
    public static final int MAX_ID_LENGTH = 128;

    /** What {@link #isValidId} accepts, for error messages. */
    public static final String ID_RULE = "must be a non-empty string of at most " + MAX_ID_LENGTH
            + " characters or a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;

    private Messages() {
    }

    /**
     * Tells whether a request id (of a request or of a Batch item) is one a
     * reply may echo.
     *
     * @param id the id
     * @return true for a non-empty well-formed string of at most
     *         {@value #MAX_ID_LENGTH} characters or a signed 64-bit whole number
     */
    public static boolean isValidId(JsonNode id) {
        if (id.isTextual()) {
            String text = id.asText();
            return !text.isEmpty() && text.length() <= MAX_ID_LENGTH && RequestParser.isWellFormed(text);
        }
        return id.isIntegralNumber() && id.canConvertToLong();
    }

    /**
     * Builds a successful reply.
     *
     * @param mapper JSON mapper
     * @param id     the request's id (null if the request had none)
     * @param type   the request's type (null if unknown)
     * @param result the command's result
     * @return reply message
     */
    public static ObjectNode ok(ObjectMapper mapper, JsonNode id, String type, JsonNode result) {
        ObjectNode reply = envelope(mapper, id, type);
        reply.put(STATUS, "ok");
        reply.set(RESULT, result);
        return reply;
    }

    /**
     * Builds an error reply.
     *
     * @param mapper JSON mapper
     * @param id     the request's id (null if the request had none)
     * @param type   the request's type (null if unknown)
     * @param error  what went wrong
     * @return reply message
     */
    public static ObjectNode error(ObjectMapper mapper, JsonNode id, String type, FlowSocketException error) {
        ObjectNode reply = envelope(mapper, id, type);
        reply.put(STATUS, STATUS_ERROR);
        reply.set(ERROR, errorBody(mapper, error));
        return reply;
    }

    /**
     * Tells whether a reply is an error reply.
     *
     * @param reply a reply {@link #ok} or {@link #error} built
     * @return true for an error reply
     */
    public static boolean isError(JsonNode reply) {
        return STATUS_ERROR.equals(reply.path(STATUS).asText());
    }

    /**
     * Builds the {@code error} object of a reply.
     *
     * @param mapper JSON mapper
     * @param error  the error
     * @return error object
     */
    public static ObjectNode errorBody(ObjectMapper mapper, FlowSocketException error) {
        ObjectNode body = mapper.createObjectNode();
        body.put("code", error.code().name());
        // Messages and field paths may quote client text (field names,
        // values): cut them so that a reply never grows with the request.
        body.put("message", wellFormed(abbreviate(error.getMessage(), MAX_ERROR_MESSAGE)));
        if (error.field() != null) {
            body.put("field", wellFormed(abbreviate(error.field(), MAX_ERROR_FIELD)));
        }
        if (error.flowId() != null) {
            body.put("flowId", error.flowId());
        }
        if (error.details() != null) {
            body.set("details", error.details());
        }
        return body;
    }

    /**
     * Builds an event message, rendered once for all its subscribers: each
     * copy gets its session's sequence number, the last member.
     *
     * @param mapper JSON mapper
     * @param topic  topic name
     * @param event  event type, e.g. {@code DEVICE_ADDED}
     * @param data   event data
     * @return the event, to be numbered per session
     */
    public static EventFrame event(ObjectMapper mapper, String topic, String event, JsonNode data) {
        ObjectNode message = mapper.createObjectNode();
        message.put(KIND, "event");
        message.put("topic", topic);
        message.put("event", event);
        message.put("time", System.currentTimeMillis());
        message.set("data", data);
        String text = render(mapper, message);
        return new EventFrame(text.substring(0, text.length() - 1) + ",\"seq\":");
    }

    /**
     * Makes the greeting a session gets first: what the server is and can do.
     *
     * @param description the server's description (version, commands, limits)
     * @return hello message
     */
    public static ObjectNode hello(ObjectNode description) {
        description.put(KIND, "hello");
        return description;
    }

    /**
     * Renders a message as the text of one frame.
     *
     * @param mapper  JSON mapper
     * @param message the message
     * @return JSON text
     */
    public static String render(ObjectMapper mapper, JsonNode message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree", e);
        }
    }

    /**
     * An event rendered but for its per-session sequence number.
     */
    public static final class EventFrame {
        private final String head;

        private EventFrame(String head) {
            this.head = head;
        }

        /**
         * Returns the event's text for one session.
         *
         * @param seq the session's sequence number for it
         * @return JSON text
         */
        public String withSeq(long seq) {
            return head + seq + "}";
        }
    }

    private static ObjectNode envelope(ObjectMapper mapper, JsonNode id, String type) {
        ObjectNode reply = mapper.createObjectNode();
        reply.put(KIND, "reply");
        reply.set(ID, id == null ? mapper.nullNode() : id);
        if (type != null && type.length() <= MAX_ECHOED_TYPE) {
            reply.put(TYPE, type);
        }
        return reply;
    }

    // A quoted field name may hold a lone surrogate, which UTF-8 cannot carry.
    private static String wellFormed(String text) {
        if (text == null || RequestParser.isWellFormed(text)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * Cuts text to a length, marking the cut with "...".
     *
     * @param text text, may be null
     * @param max  longest result, at least 3
     * @return the text, or its start followed by "..."
     */
    public static String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return text.substring(0, end) + "...";
    }
}
