/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.standins.AsyncMapView;
import org.flowsocket.standins.StandInMapBuilder;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapAdapter;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.TestStorageService;
import org.onosproject.store.service.Versioned;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * ONOS's test storage, with consistent maps whose listeners see changes in
 * the order they were made, as ONOS's store delivers them. The plain test
 * map tells its listeners after its atomic update, on the caller's thread:
 * two threads changing one key (a command and the event thread) could
 * otherwise deliver their events in the reverse order.
 */
public class OrderedStorage extends TestStorageService {

    // Where the asynchronous maps' calls run, one after another.
    // The thread ends when idle: a JVM may open many of these.
    private final Executor session = AsyncMapView.session("ordered-storage-session");

    @Override
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        ConsistentMapBuilder<K, V> plain = super.consistentMapBuilder();
        return new StandInMapBuilder<>(
                b -> new OrderedMap<>(plain.withName(b.name()).withSerializer(b.serializer()).build()), session);
    }

    /** Applies each change and tells the listeners of it under one lock. */
    private static final class OrderedMap<K, V> extends ConsistentMapAdapter<K, V> {
        private final ConsistentMap<K, V> map;

        OrderedMap(ConsistentMap<K, V> map) {
            this.map = map;
        }

        @Override
        public String name() {
            return map.name();
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean containsKey(K key) {
            return map.containsKey(key);
        }

        @Override
        public Versioned<V> get(K key) {
            return map.get(key);
        }

        @Override
        public Set<K> keySet() {
            return map.keySet();
        }

        @Override
        public Collection<Versioned<V>> values() {
            return map.values();
        }

        @Override
        public synchronized Versioned<V> put(K key, V value) {
            return map.put(key, value);
        }

        @Override
        public synchronized Versioned<V> remove(K key) {
            return map.remove(key);
        }

        @Override
        public synchronized Versioned<V> putIfAbsent(K key, V value) {
            return map.putIfAbsent(key, value);
        }

        @Override
        public synchronized boolean remove(K key, V value) {
            return map.remove(key, value);
        }

        @Override
        public synchronized boolean replace(K key, V oldValue, V newValue) {
            return map.replace(key, oldValue, newValue);
        }

        @Override
        public synchronized boolean replace(K key, long oldVersion, V newValue) {
            return map.replace(key, oldVersion, newValue);
        }

        @Override
        public synchronized Versioned<V> computeIfPresent(K key,
                                                         BiFunction<? super K, ? super V, ? extends V> change) {
            return map.computeIfPresent(key, change);
        }

        // ConsistentMapAdapter's defaults do nothing and answer null: a
        // change made with these would be silently lost (bandwidth
        // reservations were: nothing reserved, nothing refused).
        @Override
        public synchronized Versioned<V> compute(K key, BiFunction<? super K, ? super V, ? extends V> change) {
            return map.compute(key, change);
        }

        @Override
        public synchronized Versioned<V> computeIfAbsent(K key, Function<? super K, ? extends V> create) {
            return map.computeIfAbsent(key, create);
        }

        @Override
        public synchronized Versioned<V> computeIf(K key, Predicate<? super V> condition,
                                                   BiFunction<? super K, ? super V, ? extends V> change) {
            return map.computeIf(key, condition, change);
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public Versioned<V> getOrDefault(K key, V defaultValue) {
            return map.getOrDefault(key, defaultValue);
        }

        @Override
        public Set<Map.Entry<K, Versioned<V>>> entrySet() {
            return map.entrySet();
        }

        @Override
        public synchronized Versioned<V> replace(K key, V value) {
            return map.replace(key, value);
        }

        @Override
        public synchronized void clear() {
            map.clear();
        }

        // The test map tells its listeners directly, whatever the executor.
        @Override
        public synchronized void addListener(MapEventListener<K, V> listener) {
            map.addListener(listener);
        }

        @Override
        public void addListener(MapEventListener<K, V> listener, Executor executor) {
            addListener(listener);
        }

        @Override
        public synchronized void removeListener(MapEventListener<K, V> listener) {
            map.removeListener(listener);
        }
    }
}
