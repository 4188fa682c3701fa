/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.websocket.api.WriteCallback;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bounded queue of text messages to one client, written one at a time with
 * Jetty's asynchronous send. A client that stops reading makes the queue
 * fill up instead of the heap; {@link #offer} then reports an overflow.
 */
final class OutboundQueue implements WriteCallback {

    /** Outcome of {@link #offer}. */
    enum Offer {
        /** Queued or being written. */
        ACCEPTED,
        /** The queue is closed or finishing; the message was dropped. */
        DROPPED,
        /** The queue is full; the message was dropped. */
        OVERFLOW
    }

    /** Receives a failed write. */
    interface FailureListener {
        /**
         * Called once when a write fails; the queue is then closed.
         *
         * @param cause failure
         */
        void writeFailed(Throwable cause);
    }

    private final RemoteEndpoint remote;
    private final int capacity;
    private final FailureListener failureListener;
    private final Deque<String> queue = new ArrayDeque<>();

    private boolean writing;      // a message is handed to Jetty
    private boolean sending;      // the writer loop is inside sendString
    private boolean completedEarly; // the write completed inside sendString
    private boolean closed;
    private Runnable whenDrained;

    /**
     * Creates a queue.
     *
     * @param remote          where messages are written
     * @param capacity        most messages waiting besides the one in flight
     * @param failureListener told when a write fails
     */
    OutboundQueue(RemoteEndpoint remote, int capacity, FailureListener failureListener) {
        this.remote = remote;
        this.capacity = capacity;
        this.failureListener = failureListener;
    }

    /**
     * Queues a message and starts writing if idle. Never blocks.
     *
     * @param message text to send
     * @return outcome
     */
    Offer offer(String message) {
        synchronized (this) {
            if (closed || whenDrained != null) {
                return Offer.DROPPED;
            }
            if (queue.size() >= capacity) {
                return Offer.OVERFLOW;
            }
            queue.addLast(message);
            if (writing) {
                return Offer.ACCEPTED;
            }
            writing = true;
        }
        writeLoop();
        return Offer.ACCEPTED;
    }

    /**
     * Refuses further messages and runs the action once everything queued
     * so far has been written (at once if nothing is pending).
     *
     * @param action what to do when drained, such as sending a close frame
     */
    void finish(Runnable action) {
        synchronized (this) {
            if (closed || whenDrained != null) {
                return;
            }
            if (writing) {
                whenDrained = action;
                return;
            }
            closed = true;
        }
        action.run();
    }

    /**
     * Drops everything queued and refuses further messages.
     */
    synchronized void close() {
        closed = true;
        whenDrained = null;
        queue.clear();
    }

    /**
     * Returns the number of messages waiting, not counting one in flight.
     *
     * @return queued message count
     */
    synchronized int size() {
        return queue.size();
    }

    // Writes queued messages one at a time. A write that completes inside
    // sendString lets this loop go on instead of recursing from the callback.
    private void writeLoop() {
        while (true) {
            String next;
            Runnable drained = null;
            synchronized (this) {
                next = closed ? null : queue.pollFirst();
                if (next == null) {
                    writing = false;
                    if (!closed && whenDrained != null) {
                        drained = whenDrained;
                        whenDrained = null;
                        closed = true;
                    }
                } else {
                    sending = true;
                    completedEarly = false;
                }
            }
            if (next == null) {
                if (drained != null) {
                    drained.run();
                }
                return;
            }
            try {
                remote.sendString(next, this);
            } catch (RuntimeException e) {
                writeFailed(e); // the connection is already closed
                return;
            }
            synchronized (this) {
                sending = false;
                if (!completedEarly) {
                    return; // writeSuccess or writeFailed continues later
                }
            }
        }
    }

    @Override
    public void writeSuccess() {
        synchronized (this) {
            if (sending) {
                completedEarly = true;
                return;
            }
        }
        writeLoop();
    }

    @Override
    public void writeFailed(Throwable cause) {
        synchronized (this) {
            closed = true;
            writing = false;
            whenDrained = null;
            queue.clear();
        }
        failureListener.writeFailed(cause);
    }
}
