/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.standins.AsyncMapView;
import org.flowsocket.standins.SerializedMap;
import org.flowsocket.standins.StandInMapBuilder;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.TestStorageService;

import java.util.concurrent.Executor;

/**
 * ONOS's test storage, with consistent maps that hold values as their
 * serializer writes them, decode them at each read and tell listeners of
 * changes in the order they were made, as ONOS's distributed map does
 * ({@link SerializedMap}). ONOS's plain test map keeps the caller's objects
 * and tells its listeners after its atomic update, on the caller's thread:
 * two threads changing one key (a command and the event thread) could
 * otherwise deliver their events in the reverse order.
 */
public class OrderedStorage extends TestStorageService {

    // Where the asynchronous maps' calls run, one after another.
    // The thread ends when idle: a JVM may open many of these.
    private final Executor session = AsyncMapView.session("ordered-storage-session");

    @Override
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new StandInMapBuilder<>(b -> new SerializedMap<>(b.name(), b.serializer()), session);
    }
}
