/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pending requests by id. An id is keyed by its JSON text, so the string
 * {@code "7"} and the number {@code 7} are different requests, as they are to
 * the server, and a reply with {@code "id": null} (or none) matches the key
 * {@code null}.
 */
final class ReplyMatcher {

    /** Key of a reply to a frame whose id the server could not read. */
    static final String NULL_ID = "null";

    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    /**
     * @param id a request id as Java value: a String, a Number or null
     * @return its key, the id's JSON text
     */
    static String keyOf(Object id) {
        if (id == null) {
            return NULL_ID;
        }
        if (id instanceof String) {
            return '"' + ((String) id).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(id);
    }

    /**
     * @param reply a reply message
     * @return the key of its id
     */
    static String keyOf(JsonNode reply) {
        return reply.has("id") ? reply.get("id").toString() : NULL_ID;
    }

    /**
     * Registers a request awaiting its reply.
     *
     * @param key id key
     * @return the future reply, already failed if the id is already awaited
     */
    CompletableFuture<JsonNode> expect(String key) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (pending.putIfAbsent(key, reply) != null) {
            reply.completeExceptionally(new IllegalStateException("id " + key + " is already awaited"));
        }
        return reply;
    }

    /**
     * Completes the request the reply answers.
     *
     * @param reply reply message
     * @return false if no request awaited it (a second reply, or an unknown id)
     */
    boolean complete(JsonNode reply) {
        CompletableFuture<JsonNode> f = pending.remove(keyOf(reply));
        return f != null && f.complete(reply);
    }

    /**
     * Stops waiting for a request, e.g. one that could not be sent.
     *
     * @param key   id key
     * @param cause why
     * @return whether a request awaited the reply and now fails
     */
    boolean fail(String key, Throwable cause) {
        CompletableFuture<JsonNode> f = pending.remove(key);
        return f != null && f.completeExceptionally(cause);
    }

    /**
     * Fails every awaited request, e.g. when the connection closes.
     *
     * @param cause why
     */
    void failAll(Throwable cause) {
        pending.keySet().forEach(key -> fail(key, cause));
    }

    /** @return requests still awaiting a reply */
    int size() {
        return pending.size();
    }
}
