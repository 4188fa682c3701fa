/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketPolicy;
import org.eclipse.jetty.websocket.api.WebSocketFrameListener;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.extensions.Frame;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.MessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * One client connection: hands text frames to the core's session and writes
 * the core's messages through a bounded queue. Pings and timeouts run on the
 * servlet's shared timer.
 */
final class SocketEndpoint implements WebSocketListener, WebSocketFrameListener, MessageSink {

    private static final Logger log = LoggerFactory.getLogger(SocketEndpoint.class);

    private enum State { NEW, OPEN, CLOSED }

    private final FlowSocketService service;
    private final ClientIdentity client;
    private final ConnectionSettings settings;
    private final SessionRegistry registry;
    private final ScheduledExecutorService timer;

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Session session;
    private volatile OutboundQueue queue;
    private volatile ClientSession clientSession;
    private volatile long lastHeardNanos;
    private volatile Future<?> pinger;
    private volatile Future<?> deadline;

    SocketEndpoint(FlowSocketService service, ClientIdentity client, ConnectionSettings settings,
                   SessionRegistry registry, ScheduledExecutorService timer) {
        this.service = service;
        this.client = client;
        this.settings = settings;
        this.registry = registry;
        this.timer = timer;
    }

    /**
     * Frees the endpoint's slot if the upgrade does not complete within the
     * handshake timeout.
     */
    void startHandshakeTimer() {
        deadline = schedule(() -> {
            if (state.compareAndSet(State.NEW, State.CLOSED)) {
                registry.remove(this);
            }
        }, settings.handshakeTimeoutMillis());
    }

    @Override
    public void onWebSocketConnect(Session s) {
        session = s;
        // The settings of the handshake apply to this connection alone: Jetty
        // gave it its own copy of the servlet's policy, which its parser reads
        // frame by frame, so too large frames are refused from their header.
        WebSocketPolicy policy = s.getPolicy();
        policy.setMaxTextMessageSize(settings.maxFrameBytes());
        policy.setMaxBinaryMessageSize(settings.maxFrameBytes());
        s.setIdleTimeout(settings.idleTimeoutMillis());
        if (!state.compareAndSet(State.NEW, State.OPEN)) {
            s.close(CloseCodes.GOING_AWAY, "server shutting down");
            return;
        }
        cancel(deadline);
        lastHeardNanos = System.nanoTime();
        queue = new OutboundQueue(s.getRemote(), settings.maxQueuedMessages(), settings.maxQueuedBytes(),
                                  this::writeFailed);
        long ping = settings.pingIntervalMillis();
        try {
            pinger = timer.scheduleAtFixedRate(this::tick, ping, ping, MILLISECONDS);
        } catch (RejectedExecutionException e) {
            abort(CloseCodes.GOING_AWAY, "server shutting down");
            return;
        }
        try {
            clientSession = service.openSession(client, this);
        } catch (RuntimeException e) {
            log.warn("Cannot open a session for {}", client, e);
            abort(CloseCodes.INTERNAL_ERROR, "internal error");
            return;
        }
        if (state.get() == State.CLOSED) {
            closeClientSession(); // the socket closed while the session opened
        }
    }

    @Override
    public void onWebSocketText(String message) {
        ClientSession cs = clientSession;
        if (cs == null || closing.get()) {
            return;
        }
        try {
            cs.receive(message);
        } catch (RuntimeException e) {
            log.warn("Session {} failed on a request", cs.id(), e);
            abort(CloseCodes.INTERNAL_ERROR, "internal error");
        }
    }

    @Override
    public void onWebSocketFrame(Frame frame) {
        lastHeardNanos = System.nanoTime(); // any frame, pongs included
        if (frame.getType() == Frame.Type.BINARY) {
            abort(CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported");
        }
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
        // Already refused in onWebSocketFrame.
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        log.debug("Connection of {} closed: {} {}", client, statusCode, reason);
        cleanup();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("Connection of {} failed", client, cause);
        if (session != null && state.get() == State.OPEN) {
            // Jetty closes right after this call with its exception's text
            // as the reason; closing first sends the protocol's words instead.
            CloseCodes.Close close = CloseCodes.forReadFailure(cause, settings.maxFrameBytes());
            abort(close.code, close.reason);
        }
        Session s = session;
        if (s == null || !s.isOpen()) {
            cleanup();
        }
    }

    @Override
    public void send(String message) {
        OutboundQueue q = queue;
        if (q != null && q.offer(message) == OutboundQueue.Offer.OVERFLOW) {
            log.info("Dropping {}: outbound queue full", client);
            abort(CloseCodes.POLICY_VIOLATION, CloseCodes.QUEUE_FULL_REASON);
        }
    }

    @Override
    public void close(int code, String reason) {
        finish(CloseCodes.isSendable(code) ? code : CloseCodes.INTERNAL_ERROR, reason);
    }

    /**
     * Closes with 1001 for a server shutdown after flushing what is queued,
     * and ends the core's session.
     */
    void shutdown() {
        if (state.compareAndSet(State.NEW, State.CLOSED)) {
            cancel(deadline);
            registry.remove(this);
            return;
        }
        finish(CloseCodes.GOING_AWAY, "server shutting down");
        closeClientSession();
    }

    /**
     * Drops the TCP connection at once, without a close handshake.
     */
    void disconnect() {
        Session s = session;
        if (s != null && state.get() == State.OPEN) {
            try {
                s.disconnect();
            } catch (IOException | RuntimeException e) {
                log.debug("Disconnect of {} failed", client, e);
            }
        }
        cleanup();
    }

    // Graceful close: what is queued goes out first, then the close frame.
    private void finish(int code, String reason) {
        OutboundQueue q = queue;
        if (q == null || state.get() != State.OPEN || !closing.compareAndSet(false, true)) {
            return;
        }
        String r = CloseCodes.trimReason(reason);
        q.finish(() -> closeSession(code, r));
        scheduleDisconnect();
    }

    // Abrupt close: queued messages are dropped.
    private void abort(int code, String reason) {
        if (state.get() != State.OPEN || !closing.compareAndSet(false, true)) {
            return;
        }
        OutboundQueue q = queue;
        if (q != null) {
            q.close();
        }
        closeSession(code, CloseCodes.trimReason(reason));
        scheduleDisconnect();
    }

    private void closeSession(int code, String reason) {
        try {
            session.close(code, reason);
        } catch (RuntimeException e) {
            log.debug("Close of {} failed", client, e);
        }
    }

    // A client that never answers our close frame is cut off after the idle timeout.
    private void scheduleDisconnect() {
        deadline = schedule(this::disconnect, settings.idleTimeoutMillis());
    }

    private void tick() {
        Session s = session;
        if (s == null || state.get() != State.OPEN || closing.get()) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos);
        if (silentMillis >= settings.idleTimeoutMillis()) {
            abort(CloseCodes.GOING_AWAY, "idle timeout");
            return;
        }
        try {
            s.getRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            log.debug("Ping to {} failed", client, e);
        }
    }

    private void writeFailed(Throwable cause) {
        log.debug("Write to {} failed", client, cause);
        abort(CloseCodes.GOING_AWAY, "write failed");
    }

    private void cleanup() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        cancel(pinger);
        cancel(deadline);
        OutboundQueue q = queue;
        if (q != null) {
            q.close();
        }
        closeClientSession();
        registry.remove(this);
    }

    private void closeClientSession() {
        ClientSession cs = clientSession;
        if (cs != null) {
            try {
                cs.close();
            } catch (RuntimeException e) {
                log.warn("Session {} failed to close", cs.id(), e);
            }
        }
    }

    private Future<?> schedule(Runnable task, long delayMillis) {
        try {
            return timer.schedule(task, delayMillis, MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // timer stopped: the servlet is being destroyed
        }
    }

    private static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
