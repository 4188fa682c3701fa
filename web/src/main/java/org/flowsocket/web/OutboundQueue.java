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
 * The queue is bounded twice: in messages, and in characters of text
 * (the message being written included), because one client can make the
 * server produce replies far larger than its requests.
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
    private final long maxChars;
    private final FailureListener failureListener;
    private final Deque<String> queue = new ArrayDeque<>();

    private long queuedChars;     // queued text plus the message handed to Jetty
    private int inFlightChars;    // length of the message handed to Jetty
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
     * @param maxChars        most characters queued, the message in flight
     *                        included; a single larger message is still
     *                        sent when nothing else is pending
     * @param failureListener told when a write fails
     */
    OutboundQueue(RemoteEndpoint remote, int capacity, long maxChars, FailureListener failureListener) {
        this.remote = remote;
        this.capacity = capacity;
        this.maxChars = maxChars;
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
            if (queue.size() >= capacity
                    || queuedChars > 0 && queuedChars + message.length() > maxChars) {
                return Offer.OVERFLOW;
            }
            queue.addLast(message);
            queuedChars += message.length();
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
        clear();
    }

    /**
     * Returns the number of messages waiting, not counting one in flight.
     *
     * @return queued message count
     */
    synchronized int size() {
        return queue.size();
    }

    /**
     * Returns the characters of text held, the message in flight included.
     *
     * @return queued characters
     */
    synchronized long queuedChars() {
        return queuedChars;
    }

    private void clear() {
        queue.clear();
        queuedChars = 0;
        inFlightChars = 0;
    }

    // The message handed to Jetty has been written (or dropped).
    private void written() {
        queuedChars -= inFlightChars;
        inFlightChars = 0;
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
                    inFlightChars = next.length();
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
                written();
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
            written();
        }
        writeLoop();
    }

    @Override
    public void writeFailed(Throwable cause) {
        synchronized (this) {
            closed = true;
            writing = false;
            whenDrained = null;
            clear();
        }
        failureListener.writeFailed(cause);
    }
}
