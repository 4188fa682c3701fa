/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketAdapter;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A FlowSocket client on Jetty's WebSocket client: BASIC credentials and the
 * {@code flowsocket.v1} subprotocol on the handshake, replies matched to
 * requests by {@code id}, events kept in arrival order.
 */
final class WsClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WebSocketClient client = new WebSocketClient();
    private final Map<String, BlockingQueue<JsonNode>> replies = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final JsonNode hello;
    private final Session session;

    WsClient(URI uri, String user, String password) throws Exception {
        client.start();
        BlockingQueue<JsonNode> first = new LinkedBlockingQueue<>();
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols("flowsocket.v1");
        request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        session = client.connect(new WebSocketAdapter() {
            @Override
            public void onWebSocketText(String text) {
                try {
                    JsonNode msg = MAPPER.readTree(text);
                    String kind = msg.path("kind").asText();
                    if ("reply".equals(kind)) {
                        replies.computeIfAbsent(msg.path("id").asText(), k -> new LinkedBlockingQueue<>()).add(msg);
                    } else if ("event".equals(kind)) {
                        events.add(msg);
                    } else {
                        first.add(msg);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, uri, request).get(10, TimeUnit.SECONDS);
        hello = first.poll(10, TimeUnit.SECONDS);
    }

    /** @return the server's hello message */
    JsonNode hello() {
        return hello;
    }

    /** @return the negotiated subprotocol */
    String subprotocol() {
        return session.getUpgradeResponse().getAcceptedSubProtocol();
    }

    /** @return a new request with {@code type} and a fresh {@code id} */
    ObjectNode request(String type) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("type", type);
        r.put("id", type + "-" + ids.incrementAndGet());
        return r;
    }

    /**
     * Sends a request and waits for its reply.
     *
     * @param request request (with {@code id})
     * @param timeout how long to wait
     * @return the reply
     * @throws Exception if none came
     */
    JsonNode call(ObjectNode request, Duration timeout) throws Exception {
        String id = request.path("id").asText();
        BlockingQueue<JsonNode> q = replies.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
        session.getRemote().sendString(MAPPER.writeValueAsString(request));
        JsonNode reply = q.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new AssertionError("No reply to " + request + " within " + timeout);
        }
        return reply;
    }

    /**
     * Waits for an event.
     *
     * @param which   the event wanted (others are dropped)
     * @param timeout how long to wait
     * @return the event, or null
     * @throws InterruptedException if interrupted
     */
    JsonNode awaitEvent(Predicate<JsonNode> which, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            JsonNode e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && which.test(e)) {
                return e;
            }
        }
    }

    /** Drops the events received so far. */
    void clearEvents() {
        events.clear();
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    @Override
    public void close() throws Exception {
        try {
            session.close();
        } finally {
            client.stop();
        }
    }
}
