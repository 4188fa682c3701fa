/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertNotNull;

/**
 * A Jetty WebSocket client on FlowSocket's socket, as an outside user has it:
 * HTTP BASIC credentials and subprotocol {@code flowsocket.v1}. It records
 * what the server sends and how the socket closed.
 */
final class FlowSocketClient implements WebSocketListener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketClient client = new WebSocketClient();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private Session session;

    /** Connects and completes the handshake, or throws (a refused upgrade included). */
    static FlowSocketClient connect(URI uri, String credentials) throws Exception {
        FlowSocketClient socket = new FlowSocketClient();
        socket.client.start();
        try {
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.setSubProtocols("flowsocket.v1");
            request.setHeader("Authorization", basic(credentials));
            socket.session = socket.client.connect(socket, uri, request).get(15, TimeUnit.SECONDS);
            return socket;
        } catch (Exception e) {
            socket.close();
            throw e;
        }
    }

    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    Session session() {
        return session;
    }

    void send(String text) throws IOException {
        session.getRemote().sendString(text);
    }

    /** The next message from the server, within 10 s. */
    JsonNode next() throws Exception {
        String message = messages.poll(10, TimeUnit.SECONDS);
        assertNotNull("no message from the server in 10 s", message);
        return JSON.readTree(message);
    }

    boolean awaitClose(long seconds) throws InterruptedException {
        return closed.await(seconds, TimeUnit.SECONDS);
    }

    int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }

    @Override
    public void onWebSocketConnect(Session session) {
    }

    @Override
    public void onWebSocketText(String message) {
        messages.add(message);
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
        messages.add("{\"binary\":" + len + "}");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        closed.countDown();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
    }
}
