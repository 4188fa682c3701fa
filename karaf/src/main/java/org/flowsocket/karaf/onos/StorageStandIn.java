/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.flowsocket.standins.AsyncMapView;
import org.flowsocket.standins.SerializedMap;
import org.flowsocket.standins.StandInMapBuilder;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.TestStorageService;
import org.osgi.service.component.annotations.Component;

import java.util.concurrent.Executor;

/**
 * {@link StorageService}: in-memory maps and counters, onos-api's test
 * storage, whose maps keep values as their serializer writes them and
 * decode them at each read, as ONOS's distributed map does
 * ({@link SerializedMap}), and also have the asynchronous face ONOS's have
 * (the test builder's {@code buildAsyncMap()} returns null).
 */
@Component(immediate = true, service = StorageService.class)
public class StorageStandIn extends TestStorageService {

    private final Executor session = AsyncMapView.session("storage-stand-in-session");

    @Override
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new StandInMapBuilder<>(b -> new SerializedMap<>(b.name(), b.serializer()), session);
    }
}
