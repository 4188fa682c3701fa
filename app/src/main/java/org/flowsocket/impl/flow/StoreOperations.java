/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the synchronous calls FlowSocket makes to ONOS's distributed
 * store. On a Raft cluster each is at least one round trip to the
 * partition's leader, so the count per request bounds a connection's rate.
 */
final class StoreOperations {

    private final AtomicLong calls = new AtomicLong();

    /**
     * Makes one call to the store.
     *
     * @param call the call
     * @param <T>  what it returns
     * @return what it returned
     */
    <T> T count(Supplier<T> call) {
        calls.incrementAndGet();
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
}
