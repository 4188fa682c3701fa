/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.standins.AsyncMapView;
import org.flowsocket.standins.StandInMapBuilder;
import org.onosproject.store.service.AtomicCounter;
import org.onosproject.store.service.ConsistentMapAdapter;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.DistributedPrimitive;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageException;
import org.onosproject.store.service.StorageServiceAdapter;
import org.onosproject.store.service.Versioned;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The consistent maps and counters of one ONOS cluster, seen from each of
 * its nodes ({@link #node()}), behaving as ONOS 2.5's Atomix primitives do
 * (ONOS 2.5.6 AtomixConsistentMap over Atomix 3's AtomicMapProxy):
 * <ul>
 * <li>values are kept in their stored form (the map's serializer), and
 * conditional writes compare that form;</li>
 * <li>every write is one step of one log, with a new version;</li>
 * <li>{@code computeIfPresent} reads, computes on the calling node and
 * writes (even an equal value, with a new version and event) only if the
 * version it read is still current, failing with
 * {@link ConsistentMapException.ConcurrentModification} otherwise;</li>
 * <li>each node's listeners hear of every change, after the write returned,
 * on that node's event thread, in the order of the log;</li>
 * <li>a node's asynchronous map ({@code buildAsyncMap}) applies each call
 * later, in the order the node made them, and completes its future on the
 * node's session thread ({@link AsyncMapView}).</li>
 * </ul>
 */
final class ClusterStorage {

    private final Map<String, SharedMap<?>> maps = new ConcurrentHashMap<>();
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
    private <K> SharedMap<K> map(String name) {
        return (SharedMap<K>) maps.computeIfAbsent(name, SharedMap::new);
    }

    /** One node's storage service; stopping it stops its event thread, as the node's death does. */
    final class NodeStorage extends StorageServiceAdapter {
        private final ExecutorService events = Executors.newSingleThreadExecutor();
        private final ExecutorService session = Executors.newSingleThreadExecutor();
        private volatile Predicate<Object> refused = key -> false;
        private volatile Predicate<Object> held = key -> false;
        private volatile CountDownLatch heldUntil = new CountDownLatch(0);
        private volatile CountDownLatch heldWrites = new CountDownLatch(0);

        @Override
        public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
            return new StandInMapBuilder<>(
                    b -> new NodeMap<>(ClusterStorage.this.<K>map(b.name()), b.serializer(), NodeStorage.this), session);
        }

        @Override
        public AtomicCounter getAtomicCounter(String name) {
            return new Counter(name, counters.computeIfAbsent(name, n -> new AtomicLong()));
        }

        /** Stops the node's event thread. */
        void stop() {
            events.shutdownNow();
            session.shutdownNow();
            nodes.remove(this);
        }

        /**
         * Makes the store refuse this node's writes of a key, as Atomix does
         * when the key's partition has no leader: ONOS's map then fails
         * with {@link StorageException.Unavailable} (ONOS 2.5.6 AtomixFutures).
         *
         * @param keys tells which keys
         */
        void refuseWritesOf(Predicate<Object> keys) {
            refused = keys;
        }

        /**
         * Makes this node's writes of a key wait, as a write to a partition
         * whose leader is slow to answer does, until released.
         *
         * @param keys  tells which keys
         * @param until released when the writes go on
         * @return counted down once a write is held
         */
        CountDownLatch holdWritesOf(Predicate<Object> keys, CountDownLatch until) {
            CountDownLatch holding = new CountDownLatch(1);
            heldUntil = until;
            heldWrites = holding;
            held = keys;
            return holding;
        }

        private void checkWritable(Object key) {
            if (held.test(key)) {
                heldWrites.countDown();
                try {
                    heldUntil.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException.Interrupted();
                }
            }
            if (refused.test(key)) {
                throw new StorageException.Unavailable();
            }
        }

        /** Waits until the node's asynchronous calls ran and its listeners heard of every change made so far. */
        void drain() throws InterruptedException {
            CountDownLatch called = new CountDownLatch(1);
            session.execute(called::countDown);
            called.await(10, TimeUnit.SECONDS);
            CountDownLatch done = new CountDownLatch(1);
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

    // The map as the cluster holds it, values in their stored form; one lock
    // orders the writes.
    private static final class SharedMap<K> {
        private final String name;
        private final Map<K, Versioned<byte[]>> entries = new ConcurrentHashMap<>();
        private final AtomicLong versions = new AtomicLong();
        private final Map<Object, Consumer<MapEvent<K, byte[]>>> listeners = new ConcurrentHashMap<>();

        SharedMap(String name) {
            this.name = name;
        }

        // Applies a write and tells every listening node.
        synchronized Versioned<byte[]> write(K key, byte[] value) {
            Versioned<byte[]> old = entries.get(key);
            Versioned<byte[]> now = value == null ? null : new Versioned<>(value, versions.incrementAndGet());
            if (now == null) {
                entries.remove(key);
            } else {
                entries.put(key, now);
            }
            MapEvent.Type type = now == null ? MapEvent.Type.REMOVE
                    : old == null ? MapEvent.Type.INSERT : MapEvent.Type.UPDATE;
            MapEvent<K, byte[]> event = new MapEvent<>(type, name, key, now, old);
            listeners.values().forEach(listener -> listener.accept(event));
            return old;
        }
    }

    // A node's view: values written and read through the map's serializer,
    // compared in their stored form as Atomix compares them.
    private static final class NodeMap<K, V> extends ConsistentMapAdapter<K, V> {
        private final SharedMap<K> map;
        private final Serializer serializer;
        private final NodeStorage node;

        NodeMap(SharedMap<K> map, Serializer serializer, NodeStorage node) {
            this.map = map;
            this.serializer = serializer;
            this.node = node;
        }

        private byte[] encode(V value) {
            return serializer.encode(Objects.requireNonNull(value));
        }

        private Versioned<V> decode(Versioned<byte[]> stored) {
            return stored == null ? null : new Versioned<>(serializer.decode(stored.value()), stored.version());
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
            return decode(map.entries.get(key));
        }

        @Override
        public Set<K> keySet() {
            return Set.copyOf(map.entries.keySet());
        }

        @Override
        public Collection<Versioned<V>> values() {
            return map.entries.values().stream().map(this::decode).collect(Collectors.toList());
        }

        @Override
        public Versioned<V> put(K key, V value) {
            return decode(map.write(key, encode(value)));
        }

        @Override
        public Versioned<V> putIfAbsent(K key, V value) {
            node.checkWritable(key);
            byte[] bytes = encode(value);
            synchronized (map) {
                Versioned<byte[]> old = map.entries.get(key);
                return decode(old != null ? old : map.write(key, bytes));
            }
        }

        @Override
        public Versioned<V> remove(K key) {
            synchronized (map) {
                return map.entries.containsKey(key) ? decode(map.write(key, null)) : null;
            }
        }

        @Override
        public boolean remove(K key, V value) {
            byte[] bytes = encode(value);
            synchronized (map) {
                Versioned<byte[]> old = map.entries.get(key);
                if (old == null || !Arrays.equals(old.value(), bytes)) {
                    return false;
                }
                map.write(key, null);
                return true;
            }
        }

        @Override
        public boolean replace(K key, V oldValue, V newValue) {
            byte[] expected = encode(oldValue);
            byte[] bytes = encode(newValue);
            synchronized (map) {
                Versioned<byte[]> old = map.entries.get(key);
                if (old == null || !Arrays.equals(old.value(), expected)) {
                    return false;
                }
                map.write(key, bytes);
                return true;
            }
        }

        @Override
        public boolean replace(K key, long version, V newValue) {
            byte[] bytes = encode(newValue);
            synchronized (map) {
                Versioned<byte[]> old = map.entries.get(key);
                if (old == null || old.version() != version) {
                    return false;
                }
                map.write(key, bytes);
                return true;
            }
        }

        // As Atomix 3.1's AbstractAtomicMapProxy.computeIf: read, compute
        // here, then replace only the version read (AbstractAtomicMapService
        // .replaceIf writes and announces even a value equal to the old one).
        @Override
        public Versioned<V> computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> change) {
            Versioned<V> read = get(key);
            if (read == null) {
                return null;
            }
            V computed = change.apply(key, read.value());
            if (!replace(key, read.version(), computed)) {
                throw new ConsistentMapException.ConcurrentModification();
            }
            return get(key);
        }

        // Each node hears every change on its own event thread, decoded there.
        @Override
        public void addListener(MapEventListener<K, V> listener) {
            map.listeners.put(listener, event -> node.deliver(() -> listener.event(new MapEvent<>(
                    event.type(), event.name(), event.key(), decode(event.newValue()), decode(event.oldValue())))));
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
