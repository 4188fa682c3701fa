/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.flowsocket.standins.AsyncMapView;
import org.flowsocket.standins.SerializedMap;
import org.flowsocket.standins.StandInMapBuilder;
import org.onosproject.store.service.AtomicCounter;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.TestStorageService;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * ONOS's in-memory {@code TestStorageService}, with consistent maps that
 * keep their values as the map's serializer writes them, decode them at
 * each read, and tell their listeners of changes in the order they were
 * made, as ONOS's distributed map does ({@link SerializedMap}).
 * <p>
 * ONOS's test map applies a change atomically but tells its listeners
 * afterwards, on the caller's thread: when two threads change one key (a
 * request, and ONOS's event thread), the listeners may hear the later change
 * first and end up believing the earlier one. And it keeps the caller's
 * value objects, so a value ONOS could not store, or that reads back
 * different, would pass, and reads would cost less than on ONOS.
 */
public class SandboxStorageService extends TestStorageService {

    // Named primitives outlive the components that built them, as in ONOS's
    // distributed store: a restarted component finds its data again.
    private final Map<String, ConsistentMap<?, ?>> maps = new ConcurrentHashMap<>();
    private final Map<String, AtomicCounter> counters = new ConcurrentHashMap<>();
    // Where the asynchronous maps' calls run, one after another.
    // The thread ends when idle: a JVM may open many of these.
    private final Executor session = AsyncMapView.session("sandbox-storage-session");

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new StandInMapBuilder<>(b -> (ConsistentMap<K, V>) maps.computeIfAbsent(
                b.name(), n -> new SerializedMap<>(n, b.serializer())), session);
    }

    @Override
    public AtomicCounter getAtomicCounter(String name) {
        return counters.computeIfAbsent(name, super::getAtomicCounter);
    }
}
