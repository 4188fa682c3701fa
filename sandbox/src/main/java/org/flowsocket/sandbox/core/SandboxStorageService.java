/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.flowsocket.standins.AsyncMapView;
import org.flowsocket.standins.StandInMapBuilder;
import org.onosproject.store.primitives.ConsistentMapBackedJavaMap;
import org.onosproject.store.service.AtomicCounter;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.TestStorageService;
import org.onosproject.store.service.Versioned;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * ONOS's in-memory {@code TestStorageService}, with consistent maps whose
 * listeners hear the changes in the order they were made, as with ONOS's
 * own store.
 * <p>
 * The test map applies a change atomically but tells its listeners
 * afterwards, on the caller's thread: when two threads change one key (a
 * request, and ONOS's event thread), the listeners may hear the later change
 * first and end up believing the earlier one. Here each change and its
 * notification happen under the map's lock. And where the test map keeps the
 * caller's value objects, these maps keep what the map's serializer writes
 * and reads back, as ONOS's distributed map does.
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
        ConsistentMapBuilder<K, V> plain = super.consistentMapBuilder();
        return new StandInMapBuilder<>(b -> (ConsistentMap<K, V>) maps.computeIfAbsent(b.name(), n -> {
            plain.withName(n).withSerializer(b.serializer());
            return new OrderedMap<>(plain.build(), b.serializer());
        }), session);
    }

    @Override
    public AtomicCounter getAtomicCounter(String name) {
        return counters.computeIfAbsent(name, super::getAtomicCounter);
    }

    // Every change, and the listeners it calls, under one lock.
    private static final class OrderedMap<K, V> implements ConsistentMap<K, V> {
        private final ConsistentMap<K, V> map;
        private final Serializer serializer;

        OrderedMap(ConsistentMap<K, V> map, Serializer serializer) {
            this.map = map;
            this.serializer = serializer;
        }

        // ONOS's distributed map holds values as the map's serializer wrote
        // them and hands out what it reads back (AtomixConsistentMap over
        // AtomixSerializerAdapter): a value the serializer cannot write, or
        // reads back different, fails or changes here as it would there.
        private V stored(V value) {
            return value == null ? null : serializer.decode(serializer.encode(value));
        }

        @Override
        public String name() {
            return map.name();
        }

        @Override
        public Type primitiveType() {
            return map.primitiveType();
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public boolean containsKey(K key) {
            return map.containsKey(key);
        }

        @Override
        public boolean containsValue(V value) {
            return map.containsValue(value);
        }

        @Override
        public Versioned<V> get(K key) {
            return map.get(key);
        }

        @Override
        public Versioned<V> getOrDefault(K key, V defaultValue) {
            Versioned<V> v = map.get(key);
            return v != null ? v : new Versioned<>(defaultValue, 0);
        }

        @Override
        public synchronized Versioned<V> computeIfAbsent(K key, Function<? super K, ? extends V> f) {
            return map.computeIfAbsent(key, k -> stored(f.apply(k)));
        }

        @Override
        public synchronized Versioned<V> compute(K key, BiFunction<? super K, ? super V, ? extends V> f) {
            return map.compute(key, (k, v) -> stored(f.apply(k, v)));
        }

        @Override
        public synchronized Versioned<V> computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> f) {
            return map.computeIfPresent(key, (k, v) -> stored(f.apply(k, v)));
        }

        @Override
        public synchronized Versioned<V> computeIf(K key, Predicate<? super V> condition,
                                                   BiFunction<? super K, ? super V, ? extends V> f) {
            return map.computeIf(key, condition, (k, v) -> stored(f.apply(k, v)));
        }

        @Override
        public synchronized Versioned<V> put(K key, V value) {
            return map.put(key, stored(value));
        }

        @Override
        public synchronized Versioned<V> putAndGet(K key, V value) {
            return map.putAndGet(key, stored(value));
        }

        @Override
        public synchronized Versioned<V> remove(K key) {
            return map.remove(key);
        }

        @Override
        public synchronized void clear() {
            map.clear();
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
        public Set<Map.Entry<K, Versioned<V>>> entrySet() {
            return map.entrySet();
        }

        @Override
        public synchronized Versioned<V> putIfAbsent(K key, V value) {
            return map.putIfAbsent(key, stored(value));
        }

        @Override
        public synchronized boolean remove(K key, V value) {
            return map.remove(key, value);
        }

        @Override
        public synchronized boolean remove(K key, long version) {
            return map.remove(key, version);
        }

        @Override
        public synchronized Versioned<V> replace(K key, V value) {
            return map.replace(key, stored(value));
        }

        @Override
        public synchronized boolean replace(K key, V oldValue, V newValue) {
            return map.replace(key, oldValue, stored(newValue));
        }

        @Override
        public synchronized boolean replace(K key, long oldVersion, V newValue) {
            return map.replace(key, oldVersion, stored(newValue));
        }

        @Override
        public Iterator<Map.Entry<K, Versioned<V>>> iterator() {
            return map.entrySet().iterator();
        }

        // The test map calls its listeners directly, whatever the executor.
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

        @Override
        public Map<K, V> asJavaMap() {
            return new ConsistentMapBackedJavaMap<>(this);
        }

        @Override
        public String toString() {
            return map.toString();
        }
    }
}
