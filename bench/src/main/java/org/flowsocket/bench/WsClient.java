/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One FlowSocket connection over Jetty's WebSocket client: requests are sent
 * asynchronously (pipelined) and each reply completes the future of the
 * request with the same id. Counts what a test needs to judge the server:
 * replies without a pending request, replies to the same id twice, events
 * and gaps in their sequence numbers, and how the connection closed.
 */
public final class WsClient implements WebSocketListener, AutoCloseable {

    /** FlowSocket's WebSocket subprotocol. */
    public static final String SUBPROTOCOL = "flowsocket.v1";

    /** Default wait for a handshake or a hello. */
    public static final Duration CONNECT_WAIT = Duration.ofSeconds(15);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How the server closed the connection. */
    public static final class Close {
        /** Close code (1006 when the TCP connection ended without a close frame). */
        public final int code;
        /** Reason phrase, may be null. */
        public final String reason;

        Close(int code, String reason) {
            this.code = code;
            this.reason = reason;
        }

        @Override
        public String toString() {
            return code + " " + reason;
        }
    }

    private final String name;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong unmatchedReplies = new AtomicLong();
    private final AtomicLong eventCount = new AtomicLong();
    private final AtomicLong seqGaps = new AtomicLong();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final Object seqLock = new Object();
    private long lastSeq;
    private volatile Consumer<JsonNode> eventListener;
    private volatile Consumer<JsonNode> unmatchedListener;
    private volatile Session session;

    private WsClient(String name) {
        this.name = name;
    }

    /**
     * Starts a handshake with HTTP BASIC, offering {@value #SUBPROTOCOL}. The
     * returned client's {@link #hello()} completes with the server's greeting.
     *
     * @param jetty    started Jetty WebSocket client (shared by connections)
     * @param uri      FlowSocket's ws:// URI
     * @param user     user name, or null for no credentials
     * @param password password
     * @param headers  further handshake headers (e.g. Origin), may be empty
     * @return future client, failed if the handshake is refused
     */
    public static CompletableFuture<WsClient> connectAsync(WebSocketClient jetty, URI uri, String user,
                                                           String password, Map<String, String> headers) {
        WsClient client = new WsClient(user == null ? "anonymous" : user);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols(SUBPROTOCOL);
        if (user != null) {
            request.setHeader("Authorization", basic(user, password));
        }
        headers.forEach(request::setHeader);
        CompletableFuture<WsClient> result = new CompletableFuture<>();
        try {
            java.util.concurrent.Future<Session> f = jetty.connect(client, uri, request);
            CompletableFuture.runAsync(() -> {
                try {
                    f.get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    result.complete(client);
                } catch (java.util.concurrent.ExecutionException e) {
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
     * Connects and waits for the hello message.
     *
     * @param jetty    started Jetty WebSocket client
     * @param uri      FlowSocket's ws:// URI
     * @param user     user
     * @param password password
     * @return connected client
     * @throws Exception if the handshake fails or no hello comes
     */
    public static WsClient connect(WebSocketClient jetty, URI uri, String user, String password) throws Exception {
        WsClient c = connectAsync(jetty, uri, user, password, Map.of())
                .get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        c.hello().get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    /**
     * @param user     user
     * @param password password
     * @return HTTP BASIC header value
     */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** @return the server's greeting */
    public CompletableFuture<JsonNode> hello() {
        return hello;
    }

    /** @return completes when the connection closes */
    public CompletableFuture<Close> closed() {
        return closed;
    }

    /**
     * Sends a request and returns its reply.
     *
     * @param idKey the request id as JSON text ({@code 17} or {@code "a"}); replies are matched by it
     * @param text  the request frame
     * @return future reply
     */
    public CompletableFuture<JsonNode> request(String idKey, String text) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (pending.putIfAbsent(idKey, reply) != null) {
            reply.completeExceptionally(new IllegalStateException("id " + idKey + " already pending"));
            return reply;
        }
        send(text, reply);
        return reply;
    }

    /**
     * Sends a request whose reply is expected with {@code "id": null} (the
     * frame is not JSON or not an object, so the server cannot know its id).
     *
     * @param text frame text
     * @return future reply
     */
    public CompletableFuture<JsonNode> requestNullId(String text) {
        return request("null", text);
    }

    /**
     * Sends a text frame without expecting anything.
     *
     * @param text frame text
     */
    public void sendText(String text) {
        send(text, null);
    }

    /**
     * Sends a binary frame.
     *
     * @param data bytes
     */
    public void sendBinary(byte[] data) {
        Session s = session;
        if (s != null) {
            s.getRemote().sendBytes(ByteBuffer.wrap(data), null);
        }
    }

    private void send(String text, CompletableFuture<?> onFailure) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            if (onFailure != null) {
                onFailure.completeExceptionally(new IllegalStateException(name + ": connection closed"));
            }
            return;
        }
        try {
            s.getRemote().sendString(text, new WriteCallback() {
                @Override
                public void writeFailed(Throwable x) {
                    if (onFailure != null) {
                        onFailure.completeExceptionally(x);
                    }
                }

                @Override
                public void writeSuccess() {
                }
            });
        } catch (RuntimeException e) {
            if (onFailure != null) {
                onFailure.completeExceptionally(e);
            }
        }
    }

    /**
     * @param listener receives every event message (on Jetty's thread)
     */
    public void onEvent(Consumer<JsonNode> listener) {
        this.eventListener = listener;
    }

    /**
     * @param listener receives every reply no pending request waited for
     */
    public void onUnmatched(Consumer<JsonNode> listener) {
        this.unmatchedListener = listener;
    }

    /** @return replies received */
    public long replies() {
        return replies.get();
    }

    /** @return replies that matched no pending request (a second reply, or an unknown id) */
    public long unmatchedReplies() {
        return unmatchedReplies.get();
    }

    /** @return events received */
    public long events() {
        return eventCount.get();
    }

    /** @return events whose seq was not the previous one plus one */
    public long seqGaps() {
        return seqGaps.get();
    }

    /** @return last event seq seen */
    public long lastSeq() {
        synchronized (seqLock) {
            return lastSeq;
        }
    }

    /** @return requests still waiting for a reply */
    public int pendingCount() {
        return pending.size();
    }

    /** @return descriptions of anything unexpected seen */
    public Iterable<String> problems() {
        return problems;
    }

    /** @return true while the connection is open */
    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    /** @return the Jetty session */
    public Session session() {
        return session;
    }

    @Override
    public void onWebSocketConnect(Session s) {
        this.session = s;
    }

    @Override
    public void onWebSocketText(String message) {
        JsonNode json;
        try {
            json = MAPPER.readTree(message);
        } catch (JsonProcessingException e) {
            problems.add("not JSON from the server: " + message);
            return;
        }
        String kind = json.path("kind").asText();
        switch (kind) {
            case "hello":
                hello.complete(json);
                break;
            case "reply":
                replies.incrementAndGet();
                String key = json.has("id") ? json.get("id").toString() : "null";
                CompletableFuture<JsonNode> f = pending.remove(key);
                if (f == null) {
                    unmatchedReplies.incrementAndGet();
                    Consumer<JsonNode> u = unmatchedListener;
                    if (u != null) {
                        u.accept(json);
                    } else {
                        problems.add("unmatched reply: " + abbreviate(message));
                    }
                } else {
                    f.complete(json);
                }
                break;
            case "event":
                eventCount.incrementAndGet();
                long seq = json.path("seq").asLong(-1);
                synchronized (seqLock) {
                    if (seq != lastSeq + 1) {
                        seqGaps.incrementAndGet();
                        problems.add("event seq " + seq + " after " + lastSeq);
                    }
                    lastSeq = Math.max(lastSeq, seq);
                }
                Consumer<JsonNode> l = eventListener;
                if (l != null) {
                    l.accept(json);
                }
                break;
            default:
                problems.add("message without a known kind: " + abbreviate(message));
        }
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
        problems.add("binary frame from the server");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        IllegalStateException gone = new IllegalStateException(name + ": closed " + statusCode + " " + reason);
        pending.values().forEach(f -> f.completeExceptionally(gone));
        hello.completeExceptionally(gone);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            closed.complete(new Close(1006, String.valueOf(cause)));
            pending.values().forEach(f -> f.completeExceptionally(cause));
            hello.completeExceptionally(cause);
        }
    }

    /** Closes normally (1000) and does not wait. */
    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(1000, "bye");
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

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    @Override
    public String toString() {
        return "WsClient{" + name + "}";
    }
}
