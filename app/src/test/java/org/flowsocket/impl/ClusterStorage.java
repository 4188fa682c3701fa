/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.AtomicCounter;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapAdapter;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.DistributedPrimitive;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.StorageServiceAdapter;
import org.onosproject.store.service.Versioned;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The consistent maps and counters of one ONOS cluster, seen from each of
 * its nodes ({@link #node()}), behaving as ONOS 2.5's Atomix primitives do
 * (ONOS 2.5.6 AtomixConsistentMap over Atomix 3's AtomicMapProxy):
 * <ul>
 * <li>every write is one step of one log, with a new version;</li>
 * <li>{@code computeIfPresent} reads, computes on the calling node and
 * writes (even an equal value, with a new version and event) only if the
 * version it read is still current, failing with
 * {@link ConsistentMapException.ConcurrentModification} otherwise;</li>
 * <li>each node's listeners hear of every change, after the write returned,
 * on that node's event thread, in the order of the log.</li>
 * </ul>
 */
final class ClusterStorage {

    private final Map<String, SharedMap<?, ?>> maps = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final List<NodeStorage> nodes = new CopyOnWriteArrayList<>();

    /**
     * Returns a new node's view of the storage.
     *
     * @return storage service of the node
     */
    NodeStorage node() {
        NodeStorage node = new NodeStorage();
        nodes.add(node);
        return node;
    }

    @SuppressWarnings("unchecked")
    private <K, V> SharedMap<K, V> map(String name) {
        return (SharedMap<K, V>) maps.computeIfAbsent(name, SharedMap::new);
    }

    /** One node's storage service; stopping it stops its event thread, as the node's death does. */
    final class NodeStorage extends StorageServiceAdapter {
        private final ExecutorService events = Executors.newSingleThreadExecutor();

        @Override
        public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
            return new ConsistentMapBuilder<K, V>() {
                @Override
                public ConsistentMap<K, V> build() {
                    return new NodeMap<>(ClusterStorage.this.<K, V>map(name()), NodeStorage.this);
                }

                @Override
                public AsyncConsistentMap<K, V> buildAsyncMap() {
                    throw new UnsupportedOperationException("not used by FlowSocket");
                }
            };
        }

        @Override
        public AtomicCounter getAtomicCounter(String name) {
            return new Counter(name, counters.computeIfAbsent(name, n -> new AtomicLong()));
        }

        /** Stops the node's event thread. */
        void stop() {
            events.shutdownNow();
            nodes.remove(this);
        }

        /** Waits until the node's listeners heard of every change made so far. */
        void drain() throws InterruptedException {
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            events.execute(done::countDown);
            done.await(10, TimeUnit.SECONDS);
        }

        private void deliver(Runnable event) {
            if (!events.isShutdown()) {
                events.execute(event);
            }
        }
    }

    /** Waits until every node heard of every change made so far. */
    void drain() throws InterruptedException {
        for (NodeStorage node : nodes) {
            node.drain();
        }
    }

    // The map as the cluster holds it: one lock orders the writes.
    private final class SharedMap<K, V> {
        private final String name;
        private final Map<K, Versioned<V>> entries = new ConcurrentHashMap<>();
        private final AtomicLong versions = new AtomicLong();
        private final Map<MapEventListener<K, V>, NodeStorage> listeners = new ConcurrentHashMap<>();

        SharedMap(String name) {
            this.name = name;
        }

        // Applies a write and queues its event on every listening node.
        synchronized Versioned<V> write(K key, V value) {
            Versioned<V> old = entries.get(key);
            Versioned<V> now = value == null ? null : new Versioned<>(value, versions.incrementAndGet());
            if (now == null) {
                entries.remove(key);
            } else {
                entries.put(key, now);
            }
            MapEvent.Type type = now == null ? MapEvent.Type.REMOVE
                    : old == null ? MapEvent.Type.INSERT : MapEvent.Type.UPDATE;
            MapEvent<K, V> event = new MapEvent<>(type, name, key, now, old);
            listeners.forEach((listener, node) -> node.deliver(() -> listener.event(event)));
            return old;
        }
    }

    private static final class NodeMap<K, V> extends ConsistentMapAdapter<K, V> {
        private final SharedMap<K, V> map;
        private final NodeStorage node;

        NodeMap(SharedMap<K, V> map, NodeStorage node) {
            this.map = map;
            this.node = node;
        }

        @Override
        public String name() {
            return map.name;
        }

        @Override
        public int size() {
            return map.entries.size();
        }

        @Override
        public boolean containsKey(K key) {
            return map.entries.containsKey(key);
        }

        @Override
        public Versioned<V> get(K key) {
            return map.entries.get(key);
        }

        @Override
        public Set<K> keySet() {
            return Set.copyOf(map.entries.keySet());
        }

        @Override
        public Collection<Versioned<V>> values() {
            return map.entries.values().stream().collect(Collectors.toList());
        }

        @Override
        public Versioned<V> put(K key, V value) {
            return map.write(key, Objects.requireNonNull(value));
        }

        @Override
        public Versioned<V> putIfAbsent(K key, V value) {
            synchronized (map) {
                Versioned<V> old = map.entries.get(key);
                return old != null ? old : map.write(key, value);
            }
        }

        @Override
        public Versioned<V> remove(K key) {
            synchronized (map) {
                return map.entries.containsKey(key) ? map.write(key, null) : null;
            }
        }

        @Override
        public boolean remove(K key, V value) {
            synchronized (map) {
                Versioned<V> old = map.entries.get(key);
                if (old == null || !Objects.equals(old.value(), value)) {
                    return false;
                }
                map.write(key, null);
                return true;
            }
        }

        @Override
        public boolean replace(K key, V oldValue, V newValue) {
            synchronized (map) {
                Versioned<V> old = map.entries.get(key);
                if (old == null || !Objects.equals(old.value(), oldValue)) {
                    return false;
                }
                map.write(key, newValue);
                return true;
            }
        }

        @Override
        public boolean replace(K key, long version, V newValue) {
            synchronized (map) {
                Versioned<V> old = map.entries.get(key);
                if (old == null || old.version() != version) {
                    return false;
                }
                map.write(key, newValue);
                return true;
            }
        }

        // As Atomix 3.1's AbstractAtomicMapProxy.computeIf: read, compute
        // here, then replace only the version read (AbstractAtomicMapService
        // .replaceIf writes and announces even a value equal to the old one).
        @Override
        public Versioned<V> computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> change) {
            Versioned<V> read = map.entries.get(key);
            if (read == null) {
                return null;
            }
            V computed = change.apply(key, read.value());
            synchronized (map) {
                Versioned<V> current = map.entries.get(key);
                if (current == null || current.version() != read.version()) {
                    throw new ConsistentMapException.ConcurrentModification();
                }
                map.write(key, computed);
                return map.entries.get(key);
            }
        }

        @Override
        public void addListener(MapEventListener<K, V> listener) {
            map.listeners.put(listener, node);
        }

        @Override
        public void addListener(MapEventListener<K, V> listener, Executor executor) {
            addListener(listener);
        }

        @Override
        public void removeListener(MapEventListener<K, V> listener) {
            map.listeners.remove(listener);
        }
    }

    private static final class Counter implements AtomicCounter {
        private final String name;
        private final AtomicLong value;

        Counter(String name, AtomicLong value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DistributedPrimitive.Type primitiveType() {
            return DistributedPrimitive.Type.COUNTER;
        }

        @Override
        public long incrementAndGet() {
            return value.incrementAndGet();
        }

        @Override
        public long getAndIncrement() {
            return value.getAndIncrement();
        }

        @Override
        public long getAndAdd(long delta) {
            return value.getAndAdd(delta);
        }

        @Override
        public long addAndGet(long delta) {
            return value.addAndGet(delta);
        }

        @Override
        public void set(long newValue) {
            value.set(newValue);
        }

        @Override
        public boolean compareAndSet(long expected, long update) {
            return value.compareAndSet(expected, update);
        }

        @Override
        public long get() {
            return value.get();
        }
    }
}
