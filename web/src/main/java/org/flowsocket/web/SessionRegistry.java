/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The servlet's endpoints, from accepted handshake to closed socket. Its size
 * is what the session cap counts, so concurrent handshakes cannot overshoot.
 */
final class SessionRegistry {

    private final Set<SocketEndpoint> endpoints = new HashSet<>();
    private boolean shutDown;

    /**
     * Adds an endpoint unless the cap is reached or the registry is shut down.
     *
     * @param endpoint new endpoint
     * @param max      most endpoints allowed
     * @return true if added
     */
    synchronized boolean reserve(SocketEndpoint endpoint, int max) {
        if (shutDown || endpoints.size() >= max) {
            return false;
        }
        return endpoints.add(endpoint);
    }

    /**
     * Removes an endpoint; idempotent.
     *
     * @param endpoint endpoint that closed
     */
    synchronized void remove(SocketEndpoint endpoint) {
        if (endpoints.remove(endpoint) && endpoints.isEmpty()) {
            notifyAll();
        }
    }

    /**
     * Returns the number of endpoints.
     *
     * @return endpoint count
     */
    synchronized int size() {
        return endpoints.size();
    }

    /**
     * Refuses new endpoints from now on and returns the current ones.
     *
     * @return endpoints open at shutdown
     */
    synchronized List<SocketEndpoint> shutDown() {
        shutDown = true;
        return new ArrayList<>(endpoints);
    }

    /**
     * Waits until every endpoint has been removed.
     *
     * @param timeout longest wait
     * @param unit    unit of the timeout
     * @return true if empty, false if the time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    synchronized boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!endpoints.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
