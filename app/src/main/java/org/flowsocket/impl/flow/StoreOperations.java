/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the calls FlowSocket makes to ONOS's distributed store and to
 * FlowSocket's leader on another node, and the times it waits for them. On
 * a Raft cluster each store call is at least one round trip to the
 * partition's leader, and each call to FlowSocket's leader one round trip
 * to it, so the waits per request bound a request's latency and the calls
 * its share of the cluster's work.
 */
final class StoreOperations {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();

    /**
     * Makes one call to the store and waits for it.
     *
     * @param call the call
     * @param <T>  what it returns
     * @return what it returned
     */
    <T> T count(Supplier<T> call) {
        calls.incrementAndGet();
        waits.incrementAndGet();
        return call.get();
    }

    /**
     * Returns how many calls were made.
     *
     * @return calls since the store opened
     */
    long total() {
        return calls.get();
    }

    /**
     * Returns how many times a caller waited for the store.
     *
     * @return waits since the store opened
     */
    long waits() {
        return waits.get();
    }
}
