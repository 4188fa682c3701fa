/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.protocol;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads one request frame into a JSON tree at a cost linear in its size and
 * bounded in total: nesting, number literals and the count of values are
 * limited before anything is converted or built. A request that breaks one
 * of these limits (or holds text that is not valid Unicode) is still read to
 * its end without building more of it, so that the reply can echo its
 * {@code id}; a frame that is not JSON is refused outright.
 */
public final class RequestParser {

    /** Deepest JSON nesting accepted, the request object being level 1. */
    public static final int MAX_DEPTH = 32;

    /**
     * Longest number literal accepted, in characters. No field takes more
     * than a 64-bit integer or a double; converting a literal of a million
     * digits to a BigInteger takes seconds of CPU.
     */
    public static final int MAX_NUMBER_LENGTH = 64;

    /** Most JSON values (scalars, objects, arrays) in one request. */
    public static final int MAX_VALUES = 100_000;

    // Field names are not interned: a frame of many distinct long names
    // would otherwise fill the parser's shared symbol table.
    private static final JsonFactory JSON = new JsonFactory()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES);

    private final JsonNodeFactory nodes;

    /**
     * Creates a parser building trees with a node factory.
     *
     * @param nodes node factory
     */
    public RequestParser(JsonNodeFactory nodes) {
        this.nodes = nodes;
    }

    /**
     * A parsed request: its tree, and the first limit it broke, if any. When
     * a limit was broken the tree holds what was read of the top level
     * (scalars such as {@code id} and {@code type}), not the whole request.
     */
    public static final class Parsed {
        private final ObjectNode request;
        private final FlowSocketException refusal;

        private Parsed(ObjectNode request, FlowSocketException refusal) {
            this.request = request;
            this.refusal = refusal;
        }

        /** @return the request object */
        public ObjectNode request() {
            return request;
        }

        /** @return why the request is refused, or null if it may run */
        public FlowSocketException refusal() {
            return refusal;
        }
    }

    /**
     * Parses one frame.
     *
     * @param text     the frame's text
     * @param maxBytes largest accepted frame in UTF-8 bytes
     * @return the request and why it is refused, if it is
     * @throws FlowSocketException if the frame is too large or not a JSON object
     */
    public Parsed parse(String text, int maxBytes) {
        if (text.length() > maxBytes || text.length() * 3L > maxBytes
                && text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new FlowSocketException(ErrorCode.TOO_LARGE, "the request is larger than " + maxBytes + " bytes");
        }
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new FlowSocketException(ErrorCode.MALFORMED_JSON, "a request must be a JSON object");
            }
            Reader reader = new Reader(parser);
            ObjectNode request = reader.readTopLevel();
            // One frame is one request: a second JSON value after it would otherwise be dropped unanswered.
            if (parser.nextToken() != null) {
                throw new FlowSocketException(ErrorCode.MALFORMED_JSON,
                                              "the request is not valid JSON: a second value follows the first");
            }
            return new Parsed(request, reader.refusal);
        } catch (JsonProcessingException e) {
            throw new FlowSocketException(ErrorCode.MALFORMED_JSON,
                                          "the request is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FlowSocketException(ErrorCode.MALFORMED_JSON, "the request could not be read");
        }
    }

    /**
     * Tells whether text is valid Unicode: every surrogate is part of a pair.
     *
     * @param text text
     * @return true if no surrogate stands alone
     */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    // One pass over one frame.
    private final class Reader {
        private final JsonParser parser;
        private FlowSocketException refusal;
        private int values;

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        // The request object: its own fields are kept even after a refusal,
        // as long as they are scalars, so that id and type can be echoed.
        ObjectNode readTopLevel() throws IOException {
            ObjectNode request = nodes.objectNode();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String name = parser.getCurrentName();
                checkName(name);
                JsonNode value = readValue(parser.nextToken(), 2);
                if (value != null) {
                    request.set(name, value);
                }
            }
            return request;
        }

        // Builds the tree in the same pass that reads the text, refusing
        // absurd nesting before going deeper (tree building recurses per level).
        // Returns null for a value that is not built because of a refusal.
        private JsonNode readValue(JsonToken token, int depth) throws IOException {
            if (token == null) {
                throw new FlowSocketException(ErrorCode.MALFORMED_JSON,
                                              "the request is not valid JSON: it ends early");
            }
            if (refusal == null && ++values > MAX_VALUES) {
                refuse(new FlowSocketException(ErrorCode.TOO_LARGE, "the request holds more than "
                        + MAX_VALUES + " JSON values"));
            }
            if (token.isStructStart() && refusal == null && depth > MAX_DEPTH) {
                refuse(new FlowSocketException(ErrorCode.MALFORMED_JSON,
                                               "the request is nested deeper than " + MAX_DEPTH + " levels"));
            }
            // Once refused, only the request's own scalars (id, type) are kept.
            if (refusal != null && (token.isStructStart() || depth > 2)) {
                parser.skipChildren(); // iterative: no recursion, nothing built; no-op on a scalar
                return null;
            }
            switch (token) {
                case START_OBJECT:
                    ObjectNode object = nodes.objectNode();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                        String name = parser.getCurrentName();
                        checkName(name);
                        JsonNode value = readValue(parser.nextToken(), depth + 1);
                        if (value != null) {
                            object.set(name, value);
                        }
                    }
                    return refusal == null ? object : null;
                case START_ARRAY:
                    ArrayNode array = nodes.arrayNode();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                        JsonNode value = readValue(t, depth + 1);
                        if (value != null) {
                            array.add(value);
                        }
                    }
                    return refusal == null ? array : null;
                case VALUE_STRING:
                    String text = parser.getText();
                    if (!isWellFormed(text)) {
                        refuse(FlowSocketException.invalid(currentPath(), "is not valid Unicode text"
                                + " (it holds a lone surrogate)"));
                        return null;
                    }
                    return nodes.textNode(text);
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return number(token);
                case VALUE_TRUE:
                    return nodes.booleanNode(true);
                case VALUE_FALSE:
                    return nodes.booleanNode(false);
                case VALUE_NULL:
                    return nodes.nullNode();
                default:
                    throw new FlowSocketException(ErrorCode.MALFORMED_JSON, "the request is not valid JSON");
            }
        }

        // The literal's length is known before it is converted; only short
        // literals are converted, each in time linear in its length.
        private JsonNode number(JsonToken token) throws IOException {
            if (parser.getTextLength() > MAX_NUMBER_LENGTH) {
                refuse(FlowSocketException.invalid(currentPath(), "is a number of more than "
                        + MAX_NUMBER_LENGTH + " characters"));
                return null;
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                return nodes.numberNode(parser.getDoubleValue());
            }
            switch (parser.getNumberType()) {
                case INT:
                    return nodes.numberNode(parser.getIntValue());
                case LONG:
                    return nodes.numberNode(parser.getLongValue());
                default:
                    return nodes.numberNode(parser.getBigIntegerValue());
            }
        }

        private void checkName(String name) {
            if (refusal == null && !isWellFormed(name)) {
                refuse(FlowSocketException.invalid(currentPath(), "is a field name that is not valid Unicode"
                        + " text (it holds a lone surrogate)"));
            }
        }

        private void refuse(FlowSocketException e) {
            if (refusal == null) {
                refusal = e;
            }
        }

        // The dotted path of the current value, e.g. requests[0].x[1], in
        // the form RequestFields uses to name fields.
        private String currentPath() {
            Deque<String> parts = new ArrayDeque<>();
            for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    parts.addFirst("[" + c.getCurrentIndex() + "]");
                } else if (c.getCurrentName() != null) {
                    parts.addFirst((c.getParent() != null && c.getParent().inRoot() ? "" : ".")
                                           + c.getCurrentName());
                }
            }
            return String.join("", parts);
        }
    }
}
