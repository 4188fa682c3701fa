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
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketFrameListener;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.eclipse.jetty.websocket.api.extensions.Frame;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One FlowSocket connection over Jetty's WebSocket client. Requests are sent
 * asynchronously (pipelined) and each reply completes the request with the
 * same id; events are checked for gaps in their sequence numbers; the close
 * code and reason are recorded. A retaining client (see
 * {@link ClientConfig#countingOnly()}) also keeps every text frame in arrival
 * order, the events and the replies no request awaited. Every wait has a
 * deadline.
 */
public final class FlowSocketClient implements WebSocketListener, WebSocketFrameListener, AutoCloseable {

    /** Default wait for a reply, an event or a close. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** Default wait for a handshake or a hello. */
    public static final Duration CONNECT_WAIT = Duration.ofSeconds(15);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Requests in tests are written with single quotes for readability.
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true);

    private final String name;
    private final boolean retaining;
    private final ReplyMatcher pending = new ReplyMatcher();
    private final Received received;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final Map<String, Long> replyNanos = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger pings = new AtomicInteger();
    private volatile Consumer<JsonNode> eventListener;
    private volatile Consumer<JsonNode> unmatchedListener;
    private volatile Session session;
    private volatile WebSocketClient ownJetty;

    private FlowSocketClient(ClientConfig config) {
        this.name = config.name();
        this.retaining = config.retaining();
        this.received = new Received(name, retaining);
    }

    /**
     * Starts a handshake; the client is returned once the upgrade succeeded,
     * before the hello (see {@link #hello()}).
     *
     * @param jetty  started Jetty WebSocket client (shared by connections)
     * @param uri    FlowSocket's ws:// URI
     * @param config credentials, subprotocol and headers
     * @return future client, failed with Jetty's exception (e.g. an
     *         {@code UpgradeException} with the refusal's status) if the handshake fails
     */
    public static CompletableFuture<FlowSocketClient> connectAsync(WebSocketClient jetty, URI uri,
                                                                   ClientConfig config) {
        FlowSocketClient client = new FlowSocketClient(config);
        CompletableFuture<FlowSocketClient> result = new CompletableFuture<>();
        try {
            java.util.concurrent.Future<Session> f = jetty.connect(client, uri, config.upgradeRequest());
            CompletableFuture.runAsync(() -> {
                try {
                    f.get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    result.complete(client);
                } catch (ExecutionException e) {
                    result.completeExceptionally(e.getCause());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Connects, checks the server selected the offered subprotocol and waits for the hello.
     *
     * @param jetty  started Jetty WebSocket client
     * @param uri    FlowSocket's ws:// URI
     * @param config credentials, subprotocol and headers
     * @return connected client
     * @throws Exception if the handshake fails or no hello comes
     */
    public static FlowSocketClient connect(WebSocketClient jetty, URI uri, ClientConfig config) throws Exception {
        FlowSocketClient c = connectAsync(jetty, uri, config).get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        String offered = config.upgradeRequest().getHeader("Sec-WebSocket-Protocol");
        if (offered != null && !offered.equals(c.subprotocol())) {
            c.close();
            throw new AssertionError("server did not select " + offered);
        }
        c.hello.get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    /**
     * Completes a handshake on a Jetty client of its own, stopped by
     * {@link #close()}; does not wait for the hello.
     *
     * @param uri    FlowSocket's ws:// URI
     * @param config credentials, subprotocol and headers
     * @return connected client
     * @throws Exception if the handshake fails (a refused upgrade included)
     */
    public static FlowSocketClient open(URI uri, ClientConfig config) throws Exception {
        WebSocketClient jetty = new WebSocketClient();
        jetty.start();
        try {
            FlowSocketClient c = connectAsync(jetty, uri, config).get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            c.ownJetty = jetty;
            return c;
        } catch (Exception e) {
            jetty.stop();
            throw e;
        }
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
     * Waits {@link #WAIT} for a reply.
     *
     * @param reply future reply
     * @param what  what it is, for the failure message
     * @return the reply
     * @throws Exception if the request failed; AssertionError if no reply came in time
     */
    public static JsonNode await(CompletableFuture<JsonNode> reply, String what) throws Exception {
        try {
            return reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT);
        }
    }

    /**
     * @param s text
     * @return the text cut to 300 characters, for failure messages
     */
    public static String abbreviate(String s) {
        return Received.abbreviate(s);
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
        CompletableFuture<JsonNode> reply = pending.expect(idKey);
        if (!reply.isDone()) {
            sendAsync(text, x -> pending.fail(idKey, x));
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
            request.put("id", name + "-" + ids.incrementAndGet());
        }
        return request(request.get("id").toString(), request.toString());
    }

    /**
     * @param request request text, single quotes allowed
     * @return future reply
     */
    public CompletableFuture<JsonNode> request(String request) {
        return request(json(request));
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
        return await(request(request), "reply to " + request);
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
        session.getRemote().sendString(text);
    }

    /** Sends a text frame without waiting or expecting anything; nothing happens if closed. */
    public void sendText(String text) {
        sendAsync(text, x -> { });
    }

    /** Sends a binary frame without waiting. */
    public void sendBinary(byte[] data) {
        Session s = session;
        if (s != null) {
            s.getRemote().sendBytes(ByteBuffer.wrap(data), null);
        }
    }

    private void sendAsync(String text, Consumer<Throwable> onFailure) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            onFailure.accept(new IllegalStateException(name + ": connection closed"));
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
        return hello;
    }

    /**
     * The next text frame in arrival order (a binary one reads
     * {@code binary:<length>}); retaining clients only.
     *
     * @param timeout longest wait
     * @return the frame's text, or null if none came
     */
    public String nextMessage(Duration timeout) throws InterruptedException {
        if (!retaining) {
            throw new IllegalStateException(name + " keeps no messages");
        }
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param listener receives every event (on Jetty's thread) */
    public void onEvent(Consumer<JsonNode> listener) {
        this.eventListener = listener;
    }

    /** @param listener receives every reply no request awaited, which then is no problem */
    public void onUnmatched(Consumer<JsonNode> listener) {
        this.unmatchedListener = listener;
    }

    /** Waits for a kept event of a topic with a type and matching data; AssertionError if none. */
    public JsonNode awaitEvent(String topic, String event, Predicate<JsonNode> data) throws InterruptedException {
        return awaitEventAfter(0, topic, event, data);
    }

    /** Like awaitEvent, but only among events with a sequence number above {@code seq}. */
    public JsonNode awaitEventAfter(long seq, String topic, String event, Predicate<JsonNode> data)
            throws InterruptedException {
        return received.awaitEvent(e -> e.path("seq").asLong() > seq && topic.equals(e.path("topic").asText())
                && event.equals(e.path("event").asText()) && data.test(e.path("data")),
                                   WAIT, () -> topic + "/" + event);
    }

    /** Consumes events until one matches (dropping the others); null if none within the timeout. */
    public JsonNode pollEvent(Predicate<JsonNode> which, Duration timeout) throws InterruptedException {
        return received.pollEvent(which, timeout);
    }

    /** Drops the events received so far from what {@link #pollEvent} sees. */
    public void skipEvents() {
        received.skipEvents();
    }

    /** @return the kept events of a topic */
    public List<JsonNode> events(String topic) {
        return received.events(topic);
    }

    /** @return topic/event of every kept event, for failure messages */
    public String eventSummary() {
        return received.eventSummary();
    }

    /** Waits until at least {@code count} replies that matched no request were kept. */
    public List<JsonNode> awaitUnmatched(int count, Duration timeout) throws InterruptedException {
        return received.awaitUnmatched(count, timeout);
    }

    /** @return System.nanoTime() when the reply to this id (a String or a Number) arrived, or null */
    public Long replyArrivalNanos(Object id) {
        return replyNanos.get(ReplyMatcher.keyOf(id));
    }

    /** @return replies received */
    public long replies() {
        return replies.get();
    }

    /** @return replies that matched no awaited request (a second reply, or an unknown id) */
    public long unmatchedReplies() {
        return received.unmatchedCount();
    }

    /** @return events received */
    public long events() {
        return received.eventCount();
    }

    /** @return events whose seq was not the previous one plus one */
    public long seqGaps() {
        return received.seqGaps();
    }

    /** @return highest event seq seen */
    public long lastSeq() {
        return received.lastSeq();
    }

    /** @return requests still awaiting a reply */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * @return protocol problems (seq gaps, events with an id, non-JSON, unknown kinds, binary frames,
     *         unmatched replies neither kept nor given to a listener), empty if none
     */
    public List<String> problems() {
        return received.problems();
    }

    /** @return pings received from the server */
    public int pings() {
        return pings.get();
    }

    // ------------------------------------------------------------ connection

    /** @return completes when the connection closes */
    public CompletableFuture<CloseStatus> closed() {
        return closed;
    }

    /**
     * @param timeout longest wait
     * @return the close code, or -1 if the connection is still open
     */
    public int awaitClose(Duration timeout) throws InterruptedException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS).code();
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            return -1;
        }
    }

    /** @return the close code, or -1 while open */
    public int closeCode() {
        CloseStatus c = closed.getNow(null);
        return c == null ? -1 : c.code();
    }

    /** @return the close reason, null while open */
    public String closeReason() {
        CloseStatus c = closed.getNow(null);
        return c == null ? null : c.reason();
    }

    /** @return the subprotocol the server selected */
    public String subprotocol() {
        return session.getUpgradeResponse().getAcceptedSubProtocol();
    }

    /** @return true while the connection is open */
    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen() && !closed.isDone();
    }

    /** @return the Jetty session */
    public Session session() {
        return session;
    }

    /** Closes normally (1000) without waiting, and stops the Jetty client of {@link #open}. */
    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(1000, "bye");
        }
        WebSocketClient own = ownJetty;
        if (own != null) {
            try {
                own.stop();
            } catch (Exception e) {
                throw new IllegalStateException(name + ": Jetty client did not stop", e);
            }
        }
    }

    /** Drops the TCP connection without a close handshake. */
    public void drop() {
        Session s = session;
        if (s != null) {
            try {
                s.disconnect();
            } catch (Exception e) {
                // already gone
            }
        }
    }

    // ------------------------------------------------------------ listener

    @Override
    public void onWebSocketConnect(Session s) {
        this.session = s;
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
            received.problem("not JSON from the server: " + abbreviate(message));
            return;
        }
        switch (json.path("kind").asText()) {
            case "hello":
                if (!hello.complete(json)) {
                    received.problem("second hello: " + abbreviate(message));
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
                received.problem("message without a known kind: " + abbreviate(message));
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

    @Override
    public String toString() {
        return "FlowSocketClient{" + name + "}";
    }
}
