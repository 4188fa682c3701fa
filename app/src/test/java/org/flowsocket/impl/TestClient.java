/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.MessageSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

/**
 * A client of the command core as a front door sees it: sends text,
 * collects every message the core sends back.
 */
final class TestClient implements MessageSink {

    static final long WAIT_MS = 5000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> greetings = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    /** Length of the last message received, in characters. */
    volatile int lastMessageLength;
    final ClientSession session;

    TestClient(FlowSocketService core, ClientIdentity identity) {
        session = core.openSession(identity, this);
    }

    @Override
    public synchronized void send(String message) {
        lastMessageLength = message.length();
        try {
            JsonNode json = mapper.readTree(message);
            switch (json.path("kind").asText()) {
                case "reply":
                    replies.add(json);
                    break;
                case "event":
                    events.add(json);
                    break;
                case "hello":
                    greetings.add(json);
                    break;
                default:
                    fail("message of unknown kind: " + message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the core sent text that is not JSON: " + message, e);
        }
    }

    @Override
    public void close(int code, String reason) {
        closedWith.complete(code);
    }

    ObjectNode json(String text) {
        try {
            return (ObjectNode) mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> greetings() {
        return greetings;
    }

    /** Sends raw text and returns the next reply. */
    JsonNode raw(String text) {
        session.receive(text);
        return nextReply();
    }

    /** Sends a request (its id is set here) and returns its reply. */
    JsonNode call(ObjectNode request) {
        String id = "r" + ids.incrementAndGet();
        request.put("id", id);
        session.receive(request.toString());
        JsonNode reply = nextReply();
        assertEquals("reply to a different request: " + reply, id, reply.path("id").asText());
        return reply;
    }

    /** Sends a request given as JSON text (without id) and returns its reply. */
    JsonNode call(String request) {
        return call(json(request));
    }

    /** Like call, but the reply must be ok; returns its result. */
    JsonNode ok(String request) {
        JsonNode reply = call(request);
        assertEquals("expected ok: " + reply, "ok", reply.path("status").asText());
        return reply.path("result");
    }

    /** Like call, but the reply must be an error; returns the error object. */
    JsonNode error(String request, String code) {
        JsonNode reply = call(request);
        assertEquals("expected an error: " + reply, "error", reply.path("status").asText());
        assertEquals("wrong error code: " + reply, code, reply.path("error").path("code").asText());
        return reply.path("error");
    }

    JsonNode nextReply() {
        return poll(replies, "reply");
    }

    JsonNode nextEvent() {
        return poll(events, "event");
    }

    /** Returns the next event matching a topic and type, skipping others. */
    JsonNode nextEvent(String topic, String type) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            JsonNode event = poll(events, "event " + topic + "/" + type);
            if (topic.equals(event.path("topic").asText()) && type.equals(event.path("event").asText())) {
                return event;
            }
        }
        fail("no " + topic + "/" + type + " event");
        return null;
    }

    boolean noEventWithin(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    int pendingReplies() {
        return replies.size();
    }

    private static JsonNode poll(BlockingQueue<JsonNode> queue, String what) {
        try {
            JsonNode next = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertNotNull("no " + what + " within " + WAIT_MS + " ms", next);
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
