/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.standins;

import org.onosproject.store.service.AsyncConsistentMapAdapter;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Versioned;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The asynchronous face of a test consistent map, as ONOS's Atomix map
 * behaves (ONOS 2.5.6 AtomixConsistentMap over Atomix 3.1's
 * AtomicMapProxy): each call returns at once, is applied later in the order
 * the node made it, and its future completes on the map's own thread, not
 * the caller's. Only the calls FlowSocket makes asynchronously.
 */
public final class AsyncMapView<K, V> extends AsyncConsistentMapAdapter<K, V> {

    private final ConsistentMap<K, V> map;
    private final Executor session;

    /**
     * Gives a map an asynchronous face.
     *
     * @param map     the map
     * @param session runs the calls one at a time, in order
     */
    public AsyncMapView(ConsistentMap<K, V> map, Executor session) {
        this.map = map;
        this.session = session;
    }

    /**
     * Returns a thread that runs calls one after another, and ends when idle.
     *
     * @param name the thread's name
     * @return the executor
     */
    public static Executor session(String name) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                run -> {
                    Thread thread = new Thread(run, name);
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private <T> CompletableFuture<T> later(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, session);
    }

    @Override
    public String name() {
        return map.name();
    }

    @Override
    public CompletableFuture<Versioned<V>> get(K key) {
        return later(() -> map.get(key));
    }

    @Override
    public CompletableFuture<Versioned<V>> putIfAbsent(K key, V value) {
        return later(() -> map.putIfAbsent(key, value));
    }

    @Override
    public CompletableFuture<Boolean> remove(K key, V value) {
        return later(() -> map.remove(key, value));
    }

    @Override
    public CompletableFuture<Boolean> replace(K key, V oldValue, V newValue) {
        return later(() -> map.replace(key, oldValue, newValue));
    }
}
