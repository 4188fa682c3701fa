/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketFrameListener;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.extensions.Frame;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Jetty endpoint of one {@link FlowSocketClient}: sorts what the server
 * sends into the hello, replies (completing the awaited request), events and
 * problems, and records the close. Runs on Jetty's threads.
 */
final class Inbound implements WebSocketListener, WebSocketFrameListener {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String name;
    final boolean retaining;
    final ReplyMatcher pending = new ReplyMatcher();
    final ContractMonitor contract;
    final Received received;
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final Map<String, Long> replyNanos = new ConcurrentHashMap<>();
    final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
    final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    final AtomicLong replies = new AtomicLong();
    final AtomicInteger pings = new AtomicInteger();
    volatile Consumer<JsonNode> eventListener;
    volatile Consumer<JsonNode> unmatchedListener;
    volatile Session session;

    Inbound(ClientConfig config) {
        this.name = config.name();
        this.retaining = config.retaining();
        this.received = new Received(name, retaining);
        this.contract = new ContractMonitor(name, config.checksContract());
    }


    @Override
    public void onWebSocketConnect(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketText(String message) {
        long now = System.nanoTime();
        if (retaining) {
            messages.add(message);
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(message);
        } catch (JsonProcessingException e) {
            received.problem("not JSON from the server: " + Received.abbreviate(message));
            return;
        }
        Optional<String> violation = contract.received(json);
        if (violation.isPresent()) {
            received.problem(violation.get());
            // Whoever waits for this message fails with the violation; a message
            // nobody awaits goes its usual way, and close() fails with it.
            AssertionError broken = new AssertionError(violation.get());
            String kind = json.path("kind").asText();
            if ("reply".equals(kind) && pending.fail(ReplyMatcher.keyOf(json), broken)) {
                replies.incrementAndGet();
                return;
            }
            if ("hello".equals(kind) && hello.completeExceptionally(broken)) {
                return;
            }
        }
        switch (json.path("kind").asText()) {
            case "hello":
                if (!hello.complete(json)) {
                    received.problem("second hello: " + Received.abbreviate(message));
                }
                break;
            case "reply":
                replies.incrementAndGet();
                replyNanos.putIfAbsent(ReplyMatcher.keyOf(json), now);
                if (!pending.complete(json)) {
                    // A reply nobody can look at any more is a problem; a kept
                    // one is left to awaitUnmatched.
                    Consumer<JsonNode> u = unmatchedListener;
                    received.unmatched(json, u == null && !retaining);
                    if (u != null) {
                        u.accept(json);
                    }
                }
                break;
            case "event":
                received.event(json);
                Consumer<JsonNode> l = eventListener;
                if (l != null) {
                    l.accept(json);
                }
                break;
            default:
                received.problem("message without a known kind: " + Received.abbreviate(message));
        }
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
        if (retaining) {
            messages.add("binary:" + len);
        }
        received.problem("binary frame of " + len + " bytes from the server");
    }

    @Override
    public void onWebSocketFrame(Frame frame) {
        if (frame.getType() == Frame.Type.PING) {
            pings.incrementAndGet();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.complete(new CloseStatus(statusCode, reason));
        IllegalStateException gone = new IllegalStateException(name + ": closed " + statusCode + " " + reason);
        pending.failAll(gone);
        hello.completeExceptionally(gone);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            closed.complete(new CloseStatus(CloseStatus.ABNORMAL, String.valueOf(cause)));
            pending.failAll(cause);
            hello.completeExceptionally(cause);
        }
    }
}
