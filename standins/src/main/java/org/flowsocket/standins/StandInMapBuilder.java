/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.standins;

import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;

import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A stand-in store's consistent map builder: the stand-in makes the map
 * from the name and serializer given; its asynchronous face is an
 * {@link AsyncMapView} of that map, as each ONOS map has one.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StandInMapBuilder<K, V> extends ConsistentMapBuilder<K, V> {

    private final Function<StandInMapBuilder<K, V>, ConsistentMap<K, V>> maps;
    private final Executor session;

    /**
     * Returns a builder.
     *
     * @param maps    makes a map from the builder's name and serializer
     * @param session where the asynchronous calls run, one after another
     */
    public StandInMapBuilder(Function<StandInMapBuilder<K, V>, ConsistentMap<K, V>> maps, Executor session) {
        this.maps = maps;
        this.session = session;
    }

    @Override
    public ConsistentMap<K, V> build() {
        return maps.apply(this);
    }

    @Override
    public AsyncConsistentMap<K, V> buildAsyncMap() {
        return new AsyncMapView<>(build(), session);
    }
}
