/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketFrameListener;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.extensions.Frame;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client side endpoint that records what the server sends.
 */
final class TestClient implements WebSocketListener, WebSocketFrameListener {

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger pings = new AtomicInteger();
    volatile int closeCode = -1;
    volatile String closeReason;
    volatile Session session;

    @Override
    public void onWebSocketConnect(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketText(String message) {
        messages.add(message);
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
        messages.add("binary:" + len);
    }

    @Override
    public void onWebSocketFrame(Frame frame) {
        if (frame.getType() == Frame.Type.PING) {
            pings.incrementAndGet();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        closed.countDown();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // the close callback follows
    }

    /**
     * Waits for the next message.
     *
     * @return message, or null after 5 s
     * @throws InterruptedException if interrupted
     */
    String next() throws InterruptedException {
        return messages.poll(5, TimeUnit.SECONDS);
    }

    /**
     * Waits for the close and returns its code.
     *
     * @param seconds longest wait
     * @return close code, or -1 if the socket is still open
     * @throws InterruptedException if interrupted
     */
    int awaitClose(long seconds) throws InterruptedException {
        return closed.await(seconds, TimeUnit.SECONDS) ? closeCode : -1;
    }

    void send(String text) throws Exception {
        session.getRemote().sendString(text);
    }
}
