/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Counts the path changes of each flow within the last minute, so that a
 * flow changes path at most a set number of times a minute. Kept by the
 * node that heals the flow.
 */
final class RerouteLimiter {

    private static final long MINUTE_MILLIS = 60_000;

    private final IntSupplier maxPerMinute;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> changes = new ConcurrentHashMap<>();

    RerouteLimiter(IntSupplier maxPerMinute, LongSupplier clock) {
        this.maxPerMinute = maxPerMinute;
        this.clock = clock;
    }

    /** Tells whether a flow may change path now. */
    boolean allows(String flowId) {
        Deque<Long> times = changes.get(flowId);
        if (times == null) {
            return true;
        }
        synchronized (times) {
            long now = clock.getAsLong();
            times.removeIf(t -> t + MINUTE_MILLIS <= now);
            return times.size() < maxPerMinute.getAsInt();
        }
    }

    /** Notes that a flow changed path now. */
    void changed(String flowId) {
        Deque<Long> times = changes.computeIfAbsent(flowId, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.getAsLong());
        }
    }

    /** Returns how long until a flow may change path again, ms. */
    long nextAllowedInMillis(String flowId) {
        Deque<Long> times = changes.get(flowId);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Long oldest = times.peekFirst();
            return oldest == null ? 0 : Math.max(0, oldest + MINUTE_MILLIS - clock.getAsLong()) + 1;
        }
    }

    /** Forgets a flow. */
    void forget(String flowId) {
        changes.remove(flowId);
    }
}
