/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What tests write requests with and wait for replies with, whatever
 * connection carries them.
 */
public final class Requests {

    // Requests in tests are written with single quotes for readability.
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true);

    private Requests() {
    }

    /**
     * Parses request text, which may use single quotes.
     *
     * @param text JSON object text
     * @return the object
     */
    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) LENIENT.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("bad request text in the test: " + text, e);
        }
    }

    /**
     * Waits {@link FlowSocketClient#WAIT} for a reply.
     *
     * @param reply future reply
     * @param what  what it is, for the failure message
     * @return the reply
     * @throws Exception if the request failed; AssertionError if no reply came in time
     */
    public static JsonNode await(CompletableFuture<JsonNode> reply, String what) throws Exception {
        try {
            return reply.get(FlowSocketClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + FlowSocketClient.WAIT);
        }
    }

    /**
     * @param s text
     * @return the text cut to 300 characters, for failure messages
     */
    public static String abbreviate(String s) {
        return Received.abbreviate(s);
    }
}
