/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A FlowSocket client over a real WebSocket (Jetty's client): sends requests
 * with ids and matches replies to them, collects events by topic, checks
 * that event sequence numbers have no gaps, and records how the server
 * closed the connection. Every wait has a deadline.
 */
final class FlowSocketClient implements WebSocketListener, AutoCloseable {

    /** Default wait for a reply, an event or a close. */
    static final Duration WAIT = Duration.ofSeconds(10);

    static final String SUBPROTOCOL = "flowsocket.v1";

    // Requests are written with single quotes for readability.
    private static final ObjectMapper REQUESTS = new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> replyNanos = new ConcurrentHashMap<>();
    private final List<JsonNode> unmatched = new ArrayList<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile Session session;
    private long lastSeq;

    private FlowSocketClient(String name) {
        this.name = name;
    }

    /**
     * Connects with HTTP BASIC, offering {@value #SUBPROTOCOL}, and waits for
     * the server's hello message.
     */
    static FlowSocketClient connect(WebSocketClient jetty, URI uri, String user, String password)
            throws Exception {
        FlowSocketClient client = new FlowSocketClient(user);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols(SUBPROTOCOL);
        request.setHeader("Authorization", basic(user, password));
        Session s = jetty.connect(client, uri, request).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!SUBPROTOCOL.equals(s.getUpgradeResponse().getAcceptedSubProtocol())) {
            s.close();
            throw new AssertionError("server did not select " + SUBPROTOCOL);
        }
        client.hello.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return client;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Parses request text written with single quotes. */
    static ObjectNode json(String text) {
        try {
            return (ObjectNode) REQUESTS.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad request text in the test: " + text, e);
        }
    }

    /** @return the hello message the server greeted this connection with */
    JsonNode hello() {
        return hello.getNow(null);
    }

    /**
     * Sends a request (an id is added unless it has one) without waiting.
     *
     * @return its reply, when it comes
     */
    CompletableFuture<JsonNode> request(ObjectNode request) throws IOException {
        if (!request.has("id")) {
            request.put("id", name + "-" + ids.incrementAndGet());
        }
        String key = request.get("id").toString();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (pending.putIfAbsent(key, reply) != null) {
            throw new IllegalStateException("id " + key + " is already awaited");
        }
        sendRaw(request.toString());
        return reply;
    }

    CompletableFuture<JsonNode> request(String request) throws IOException {
        return request(json(request));
    }

    /** Sends a request and waits for its reply. */
    JsonNode call(String request) throws Exception {
        return await(request(request), "reply to " + request);
    }

    /** Sends a request, waits for its reply and checks that it is {@code ok}; returns its result. */
    JsonNode ok(String request) throws Exception {
        JsonNode reply = call(request);
        if (!"ok".equals(reply.path("status").asText())) {
            throw new AssertionError("expected ok for " + request + ", got " + reply);
        }
        return reply.path("result");
    }

    /** Sends a request, waits for its reply and checks it is an error; returns the error. */
    JsonNode error(String request) throws Exception {
        JsonNode reply = call(request);
        if (!"error".equals(reply.path("status").asText())) {
            throw new AssertionError("expected an error for " + request + ", got " + reply);
        }
        return reply.path("error");
    }

    /** Sends a text frame as is. */
    void sendRaw(String text) throws IOException {
        session.getRemote().sendString(text);
    }

    /** @return System.nanoTime() when the reply with this id arrived, or null */
    Long replyArrivalNanos(Object id) {
        return replyNanos.get(id instanceof String ? '"' + (String) id + '"' : String.valueOf(id));
    }

    /** Waits until at least {@code count} replies matching no request (e.g. {@code "id": null}) arrived. */
    List<JsonNode> awaitUnmatched(int count, Duration timeout) throws InterruptedException {
        return waitFor(() -> unmatched.size() >= count ? new ArrayList<>(unmatched) : null, timeout,
                       () -> "only " + unmatched.size() + " of " + count + " unmatched replies");
    }

    /** Waits for an event of a topic with a type and matching data. */
    JsonNode awaitEvent(String topic, String event, Predicate<JsonNode> data) throws InterruptedException {
        return awaitEventAfter(0, topic, event, data);
    }

    /** Like awaitEvent, but only among events with a sequence number above {@code seq}. */
    JsonNode awaitEventAfter(long seq, String topic, String event, Predicate<JsonNode> data)
            throws InterruptedException {
        return waitFor(() -> events.stream().filter(e -> e.path("seq").asLong() > seq
                        && topic.equals(e.path("topic").asText())
                        && event.equals(e.path("event").asText()) && data.test(e.path("data")))
                        .findFirst().orElse(null), WAIT,
                       () -> "no " + topic + "/" + event + " event matched; got " + eventSummary());
    }

    /** @return the events received so far for a topic */
    synchronized List<JsonNode> events(String topic) {
        List<JsonNode> out = new ArrayList<>();
        events.stream().filter(e -> topic.equals(e.path("topic").asText())).forEach(out::add);
        return out;
    }

    synchronized String eventSummary() {
        StringBuilder b = new StringBuilder("[");
        events.forEach(e -> b.append(e.path("topic").asText()).append('/').append(e.path("event").asText())
                .append(' '));
        return b.append(']').toString();
    }

    /** @return protocol problems seen so far (sequence gaps, replies to nothing, non-JSON), empty if none */
    synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }

    /** Waits for the server to close the connection; returns the close code. */
    int awaitClose(Duration timeout) throws InterruptedException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError(name + "'s connection was not closed within " + timeout);
        }
    }

    String closeReason() {
        return closeReason;
    }

    boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen() && !closed.isDone();
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(1000, "bye");
        }
    }

    // ------------------------------------------------------------ listener

    @Override
    public void onWebSocketConnect(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketText(String message) {
        long now = System.nanoTime();
        JsonNode json;
        try {
            json = MAPPER.readTree(message);
        } catch (JsonProcessingException e) {
            problem("not JSON: " + message);
            return;
        }
        switch (json.path("kind").asText()) {
            case "hello":
                if (!hello.complete(json)) {
                    problem("second hello: " + message);
                }
                break;
            case "reply":
                String key = json.path("id").toString();
                CompletableFuture<JsonNode> f = pending.remove(key);
                if (f != null) {
                    replyNanos.put(key, now);
                    f.complete(json);
                } else {
                    synchronized (this) {
                        unmatched.add(json);
                        notifyAll();
                    }
                }
                break;
            case "event":
                synchronized (this) {
                    long seq = json.path("seq").asLong();
                    if (seq != lastSeq + 1) {
                        problems.add("event seq " + seq + " after " + lastSeq);
                    }
                    lastSeq = seq;
                    if (json.has("id")) {
                        problems.add("event with an id: " + message);
                    }
                    events.add(json);
                    notifyAll();
                }
                break;
            default:
                problem("unknown kind: " + message);
        }
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
        problem("binary frame of " + len + " bytes");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        pending.values().forEach(f -> f.completeExceptionally(
                new IllegalStateException("closed " + statusCode + " " + reason)));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // onWebSocketClose follows
    }

    private synchronized void problem(String text) {
        problems.add(text);
        notifyAll();
    }

    private synchronized <T> T waitFor(Supplier<T> probe, Duration timeout, Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (T found = probe.get(); ; found = probe.get()) {
            if (found != null) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + ": " + failure.get());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    static JsonNode await(CompletableFuture<JsonNode> reply, String what) throws Exception {
        try {
            return reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT);
        }
    }
}
