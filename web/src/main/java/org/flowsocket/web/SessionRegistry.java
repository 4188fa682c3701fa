/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.flowsocket.api.ConnectionSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The servlet's endpoints, from accepted handshake to closed socket. Its
 * counts (in all, per user, per remote address) are what the session caps
 * count, so concurrent handshakes cannot overshoot.
 */
final class SessionRegistry {

    /** Why a new endpoint was refused. */
    enum Refusal {
        /** The servlet is being destroyed. */
        SHUTTING_DOWN,
        /** The node-wide cap is reached (for a viewer: the part not reserved for admins). */
        NODE_FULL,
        /** The user has as many sessions as one user may. */
        USER_FULL,
        /** The remote address has as many sessions as one address may. */
        ADDRESS_FULL
    }

    // Who holds a slot: counted per user and per remote address.
    private static final class Holder {
        final String user;
        final String address;

        Holder(String user, String address) {
            this.user = user;
            this.address = address;
        }
    }

    private final Map<SocketEndpoint, Holder> endpoints = new HashMap<>();
    private final Map<String, Integer> perUser = new HashMap<>();
    private final Map<String, Integer> perAddress = new HashMap<>();
    private boolean shutDown;

    /**
     * Adds an endpoint unless a cap is reached or the registry is shut down.
     * Viewers may fill the node-wide cap only up to the admins' reserve.
     *
     * @param endpoint new endpoint
     * @param user     the user it belongs to
     * @param address  the remote IP address it comes from
     * @param admin    whether the user is an admin
     * @param limits   the caps
     * @return null if added, else why not
     */
    synchronized Refusal reserve(SocketEndpoint endpoint, String user, String address, boolean admin,
                                 ConnectionSettings limits) {
        if (shutDown) {
            return Refusal.SHUTTING_DOWN;
        }
        int nodeCap = admin ? limits.maxSessions() : limits.maxSessions() - limits.adminReservedSessions();
        if (endpoints.size() >= nodeCap) {
            return Refusal.NODE_FULL;
        }
        if (perUser.getOrDefault(user, 0) >= limits.maxSessionsPerUser()) {
            return Refusal.USER_FULL;
        }
        if (perAddress.getOrDefault(address, 0) >= limits.maxSessionsPerAddress()) {
            return Refusal.ADDRESS_FULL;
        }
        if (endpoints.putIfAbsent(endpoint, new Holder(user, address)) == null) {
            perUser.merge(user, 1, Integer::sum);
            perAddress.merge(address, 1, Integer::sum);
        }
        return null;
    }

    /**
     * Removes an endpoint; idempotent.
     *
     * @param endpoint endpoint that closed
     */
    synchronized void remove(SocketEndpoint endpoint) {
        Holder holder = endpoints.remove(endpoint);
        if (holder == null) {
            return;
        }
        perUser.computeIfPresent(holder.user, (k, n) -> n > 1 ? n - 1 : null);
        perAddress.computeIfPresent(holder.address, (k, n) -> n > 1 ? n - 1 : null);
        if (endpoints.isEmpty()) {
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
        return new ArrayList<>(endpoints.keySet());
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
