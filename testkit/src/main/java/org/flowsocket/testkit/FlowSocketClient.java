/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One FlowSocket connection over Jetty's WebSocket client, opened through
 * {@link FlowSocketClients}. Requests are sent
 * asynchronously (pipelined) and each reply completes the request with the
 * same id; events are checked for gaps in their sequence numbers; the close
 * code and reason are recorded. A retaining client (see
 * {@link ClientConfig#countingOnly()}) also keeps every text frame in arrival
 * order, the events and the replies no request awaited. Every wait has a
 * deadline.
 */
public final class FlowSocketClient implements AutoCloseable {

    /** Default wait for a reply, an event or a close. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Inbound in;
    private final AtomicLong ids = new AtomicLong();
    private volatile WebSocketClient ownJetty;

    // Opened through FlowSocketClients.
    FlowSocketClient(ClientConfig config) {
        this.in = new Inbound(config);
    }

    /** @return the Jetty endpoint the handshake connects */
    Inbound inbound() {
        return in;
    }

    /** @param jetty a Jetty client only this connection uses, stopped by {@link #close()} */
    void ownJetty(WebSocketClient jetty) {
        this.ownJetty = jetty;
    }

    // ------------------------------------------------------------ requests

    /**
     * Sends a request frame as is; the reply is matched by the id given.
     *
     * @param idKey the request id as JSON text ({@code 17} or {@code "a"})
     * @param text  the request frame
     * @return future reply, failed if the id is already awaited, the send fails or the connection closes
     */
    public CompletableFuture<JsonNode> request(String idKey, String text) {
        CompletableFuture<JsonNode> reply = in.pending.expect(idKey);
        if (!reply.isDone()) {
            sendAsync(text, x -> in.pending.fail(idKey, x));
        }
        return reply;
    }

    /**
     * Sends a frame whose reply comes with {@code "id": null} (it is not JSON
     * or not an object, so the server cannot know its id).
     *
     * @param text frame text
     * @return future reply
     */
    public CompletableFuture<JsonNode> requestNullId(String text) {
        return request(ReplyMatcher.NULL_ID, text);
    }

    /**
     * Sends a request, adding an id unless it has one.
     *
     * @param request request object
     * @return future reply
     */
    public CompletableFuture<JsonNode> request(ObjectNode request) {
        if (!request.has("id")) {
            request.put("id", in.name + "-" + ids.incrementAndGet());
        }
        return request(request.get("id").toString(), request.toString());
    }

    /**
     * @param request request text, single quotes allowed
     * @return future reply
     */
    public CompletableFuture<JsonNode> request(String request) {
        return request(Requests.json(request));
    }

    /**
     * @param type request type
     * @return a new request with {@code type} and a fresh {@code id}
     */
    public ObjectNode newRequest(String type) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("type", type);
        r.put("id", type + "-" + ids.incrementAndGet());
        return r;
    }

    /** Sends a request and waits {@link #WAIT} for its reply. */
    public JsonNode call(String request) throws Exception {
        return Requests.await(request(request), "reply to " + request);
    }

    /** Sends a request and waits for its reply; AssertionError if none comes in time. */
    public JsonNode call(ObjectNode request, Duration timeout) throws Exception {
        try {
            return request(request).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("No reply to " + request + " within " + timeout);
        }
    }

    /** Sends a request, checks its reply is {@code ok} and returns its result. */
    public JsonNode ok(String request) throws Exception {
        JsonNode reply = call(request);
        if (!"ok".equals(reply.path("status").asText())) {
            throw new AssertionError("expected ok for " + request + ", got " + reply);
        }
        return reply.path("result");
    }

    /** Sends a request, checks its reply is an error and returns the error. */
    public JsonNode error(String request) throws Exception {
        JsonNode reply = call(request);
        if (!"error".equals(reply.path("status").asText())) {
            throw new AssertionError("expected an error for " + request + ", got " + reply);
        }
        return reply.path("error");
    }

    /** Sends a text frame and waits until it is written. */
    public void send(String text) throws IOException {
        in.contract.sent(text);
        in.session.getRemote().sendString(text);
    }

    /** Sends a text frame without waiting or expecting anything; nothing happens if closed. */
    public void sendText(String text) {
        sendAsync(text, x -> { });
    }

    /** Sends a binary frame without waiting. */
    public void sendBinary(byte[] data) {
        Session s = in.session;
        if (s != null) {
            s.getRemote().sendBytes(ByteBuffer.wrap(data), null);
        }
    }

    private void sendAsync(String text, Consumer<Throwable> onFailure) {
        in.contract.sent(text);
        Session s = in.session;
        if (s == null || !s.isOpen()) {
            onFailure.accept(new IllegalStateException(in.name + ": connection closed"));
            return;
        }
        try {
            s.getRemote().sendString(text, new WriteCallback() {
                @Override
                public void writeFailed(Throwable x) {
                    onFailure.accept(x);
                }

                @Override
                public void writeSuccess() {
                }
            });
        } catch (RuntimeException e) {
            onFailure.accept(e);
        }
    }

    // ------------------------------------------------------------ what arrived

    /** @return the server's greeting, when it comes */
    public CompletableFuture<JsonNode> hello() {
        return in.hello;
    }

    /**
     * The next text frame in arrival order (a binary one reads
     * {@code binary:<length>}); retaining clients only.
     *
     * @param timeout longest wait
     * @return the frame's text, or null if none came
     */
    public String nextMessage(Duration timeout) throws InterruptedException {
        if (!in.retaining) {
            throw new IllegalStateException(in.name + " keeps no messages");
        }
        return in.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param listener receives every event (on Jetty's thread) */
    public void onEvent(Consumer<JsonNode> listener) {
        in.eventListener = listener;
    }

    /** @param listener receives every reply no request awaited, which then is no problem */
    public void onUnmatched(Consumer<JsonNode> listener) {
        in.unmatchedListener = listener;
    }

    /** Waits for a kept event of a topic with a type and matching data; AssertionError if none. */
    public JsonNode awaitEvent(String topic, String event, Predicate<JsonNode> data) throws InterruptedException {
        return awaitEventAfter(0, topic, event, data);
    }

    /** Like awaitEvent, waiting up to {@code timeout} instead of {@link #WAIT}. */
    public JsonNode awaitEvent(String topic, String event, Predicate<JsonNode> data, Duration timeout)
            throws InterruptedException {
        return awaitEvent(0, topic, event, data, timeout);
    }

    /** Like awaitEvent, but only among events with a sequence number above {@code seq}. */
    public JsonNode awaitEventAfter(long seq, String topic, String event, Predicate<JsonNode> data)
            throws InterruptedException {
        return awaitEvent(seq, topic, event, data, WAIT);
    }

    private JsonNode awaitEvent(long seq, String topic, String event, Predicate<JsonNode> data, Duration timeout)
            throws InterruptedException {
        return in.received.awaitEvent(e -> e.path("seq").asLong() > seq && topic.equals(e.path("topic").asText())
                && event.equals(e.path("event").asText()) && data.test(e.path("data")),
                                   timeout, () -> topic + "/" + event);
    }

    /** Consumes events until one matches (dropping the others); null if none within the timeout. */
    public JsonNode pollEvent(Predicate<JsonNode> which, Duration timeout) throws InterruptedException {
        return in.received.pollEvent(which, timeout);
    }

    /** Drops the events received so far from what {@link #pollEvent} sees. */
    public void skipEvents() {
        in.received.skipEvents();
    }

    /** @return the kept events of a topic */
    public List<JsonNode> events(String topic) {
        return in.received.events(topic);
    }

    /** @return topic/event of every kept event, for failure messages */
    public String eventSummary() {
        return in.received.eventSummary();
    }

    /** Waits until at least {@code count} replies that matched no request were kept. */
    public List<JsonNode> awaitUnmatched(int count, Duration timeout) throws InterruptedException {
        return in.received.awaitUnmatched(count, timeout);
    }

    /** @return System.nanoTime() when the reply to this id (a String or a Number) arrived, or null */
    public Long replyArrivalNanos(Object id) {
        return in.replyNanos.get(ReplyMatcher.keyOf(id));
    }

    /** @return replies received */
    public long replies() {
        return in.replies.get();
    }

    /** @return replies that matched no awaited request (a second reply, or an unknown id) */
    public long unmatchedReplies() {
        return in.received.unmatchedCount();
    }

    /** @return events received */
    public long events() {
        return in.received.eventCount();
    }

    /** @return events whose seq was not the previous one plus one */
    public long seqGaps() {
        return in.received.seqGaps();
    }

    /** @return highest event seq seen */
    public long lastSeq() {
        return in.received.lastSeq();
    }

    /** @return requests still awaiting a reply */
    public int pendingCount() {
        return in.pending.size();
    }

    /**
     * @return protocol problems (seq gaps, events with an id, non-JSON, unknown kinds, binary frames,
     *         unmatched replies neither kept nor given to a listener), empty if none
     */
    public List<String> problems() {
        return in.received.problems();
    }

    /** @return pings received from the server */
    public int pings() {
        return in.pings.get();
    }

    // ------------------------------------------------------------ connection

    /** @return completes when the connection closes */
    public CompletableFuture<CloseStatus> closed() {
        return in.closed;
    }

    /**
     * @param timeout longest wait
     * @return the close code, or -1 if the connection is still open
     */
    public int awaitClose(Duration timeout) throws InterruptedException {
        try {
            return in.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS).code();
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            return -1;
        }
    }

    /** @return the close code, or -1 while open */
    public int closeCode() {
        CloseStatus c = in.closed.getNow(null);
        return c == null ? -1 : c.code();
    }

    /** @return the close reason, null while open */
    public String closeReason() {
        CloseStatus c = in.closed.getNow(null);
        return c == null ? null : c.reason();
    }

    /** @return the subprotocol the server selected */
    public String subprotocol() {
        return in.session.getUpgradeResponse().getAcceptedSubProtocol();
    }

    /** @return true while the connection is open */
    public boolean isOpen() {
        Session s = in.session;
        return s != null && s.isOpen() && !in.closed.isDone();
    }

    /** @return the Jetty session */
    public Session session() {
        return in.session;
    }

    /** @return this connection's check of every frame against the protocol's JSON Schemas */
    public ContractMonitor contract() {
        return in.contract;
    }

    /**
     * Closes normally (1000) without waiting, and stops the Jetty client of
     * {@link FlowSocketClients#open}; then fails if any message broke the protocol's contract.
     *
     * @throws AssertionError naming the messages that broke the contract
     */
    @Override
    public void close() {
        Session s = in.session;
        if (s != null && s.isOpen()) {
            s.close(1000, "bye");
        }
        WebSocketClient own = ownJetty;
        if (own != null) {
            try {
                own.stop();
            } catch (Exception e) {
                throw new IllegalStateException(in.name + ": Jetty client did not stop", e);
            }
        }
        in.contract.assertKept();
    }

    /** Drops the TCP connection without a close handshake. */
    public void drop() {
        Session s = in.session;
        if (s != null) {
            try {
                s.disconnect();
            } catch (Exception e) {
                // already gone
            }
        }
    }

    @Override
    public String toString() {
        return "FlowSocketClient{" + in.name + "}";
    }
}
