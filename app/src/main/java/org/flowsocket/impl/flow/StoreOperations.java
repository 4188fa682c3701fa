/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.DistributedPrimitive;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Counts the calls FlowSocket makes to ONOS's distributed store, and the
 * times it waits for them. On a Raft cluster each call is at least one round
 * trip to the partition's leader; calls made together are in flight at once
 * and cost one wait, so the waits per request bound a request's latency and
 * the calls its share of the store's work.
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
     * Makes one asynchronous call per key, all at once, and waits once for
     * every one of them to finish, as long as ONOS's synchronous map waits
     * for one and failing as it fails (ONOS 2.5.6 {@code DefaultConsistentMap}:
     * its operation timeout, then {@code ConsistentMapException.Timeout};
     * a store error thrown as it came).
     *
     * @param map       name of the map called, for the timeout's message
     * @param keys      the keys, each called once
     * @param call      the call for a key
     * @param onFailure given every call when one failed or the wait timed
     *                  out, before the failure is thrown: undoes what those
     *                  that succeeded did, or will do once they finish
     * @param <K>       key type
     * @param <T>       what a call returns
     * @return each key's answer, in the keys' order; no key, no call and no wait
     */
    <K, T> Map<K, T> together(String map, Collection<K> keys, Function<K, CompletableFuture<T>> call,
                              Consumer<Map<K, CompletableFuture<T>>> onFailure) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<K, CompletableFuture<T>> futures = new LinkedHashMap<>();
        keys.forEach(key -> futures.put(key, call.apply(key)));
        calls.addAndGet(futures.size());
        waits.incrementAndGet();
        RuntimeException failure = null;
        try {
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                    .get(DistributedPrimitive.DEFAULT_OPERATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new ConsistentMapException.Interrupted();
        } catch (TimeoutException e) {
            failure = new ConsistentMapException.Timeout(map);
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new ConsistentMapException(e.getCause());
        }
        if (failure != null) {
            onFailure.accept(futures);
            throw failure;
        }
        Map<K, T> answers = new LinkedHashMap<>();
        futures.forEach((key, future) -> answers.put(key, future.join()));
        return answers;
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
