/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.standins;

import org.onosproject.store.primitives.ConsistentMapBackedJavaMap;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.DistributedPrimitive;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.Versioned;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An in-memory consistent map that holds its values as ONOS's distributed
 * map does: as the bytes the map's serializer wrote. ONOS 2.5.0 to 2.7.0
 * (AtomixConsistentMap over Atomix's TranscodingAsyncAtomicMap, with
 * AtomixSerializerAdapter) encodes a value at each write and decodes the
 * stored bytes at each read, for each value listed, and for each listener
 * the new and the old value of every event; a conditional remove or replace
 * compares the encoded bytes. So here: a value the serializer cannot write
 * fails, one that reads back different changes, a reader gets its own copy,
 * and the CPU of all that is spent as on ONOS.
 * <p>
 * Every change, and the listeners it calls, happen under one lock, so that
 * listeners hear changes in the order they were made, as with ONOS's store.
 * Listeners are called on the changing thread, whatever executor they gave.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class SerializedMap<K, V> implements ConsistentMap<K, V> {

    private static final String NULL_VALUE = "null values are not allowed";

    private final String name;
    private final Serializer serializer;
    private final Map<K, Versioned<byte[]>> entries = new ConcurrentHashMap<>();
    private final List<MapEventListener<K, V>> listeners = new CopyOnWriteArrayList<>();
    private long lastVersion;

    /**
     * Creates an empty map.
     *
     * @param name       the map's name
     * @param serializer the map's serializer, as given to ONOS's map builder
     */
    public SerializedMap(String name, Serializer serializer) {
        this.name = name;
        this.serializer = serializer;
    }

    private Versioned<V> decoded(Versioned<byte[]> stored) {
        return stored == null ? null
                : new Versioned<>(serializer.decode(stored.value()), stored.version(), stored.creationTime());
    }

    private V valueOf(Versioned<byte[]> stored) {
        return stored == null ? null : serializer.decode(stored.value());
    }

    private boolean sameBytes(Versioned<byte[]> stored, V value) {
        return stored != null && Arrays.equals(stored.value(), serializer.encode(value));
    }

    // The one place a value is written: encoded, versioned, announced.
    private Versioned<byte[]> write(K key, V value, Versioned<byte[]> previous) {
        Versioned<byte[]> stored = new Versioned<>(serializer.encode(Objects.requireNonNull(value, NULL_VALUE)), ++lastVersion,
                                                   System.currentTimeMillis());
        entries.put(key, stored);
        announce(previous == null ? MapEvent.Type.INSERT : MapEvent.Type.UPDATE, key, stored, previous);
        return stored;
    }

    private void delete(K key, Versioned<byte[]> previous) {
        entries.remove(key);
        announce(MapEvent.Type.REMOVE, key, null, previous);
    }

    private void announce(MapEvent.Type type, K key, Versioned<byte[]> value, Versioned<byte[]> previous) {
        for (MapEventListener<K, V> listener : listeners) {
            listener.event(new MapEvent<>(type, name, key, decoded(value), decoded(previous)));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DistributedPrimitive.Type primitiveType() {
        return DistributedPrimitive.Type.CONSISTENT_MAP;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    @Override
    public boolean containsValue(V value) {
        byte[] bytes = serializer.encode(value);
        return entries.values().stream().anyMatch(v -> Arrays.equals(v.value(), bytes));
    }

    @Override
    public Versioned<V> get(K key) {
        return decoded(entries.get(key));
    }

    @Override
    public Versioned<V> getOrDefault(K key, V defaultValue) {
        Versioned<V> value = get(key);
        return value != null ? value : new Versioned<>(defaultValue, 0);
    }

    @Override
    public Versioned<V> computeIfAbsent(K key, Function<? super K, ? extends V> create) {
        return computeIf(key, current -> current == null, (k, current) -> create.apply(k));
    }

    @Override
    public Versioned<V> compute(K key, BiFunction<? super K, ? super V, ? extends V> change) {
        return computeIf(key, current -> true, change);
    }

    @Override
    public Versioned<V> computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> change) {
        return computeIf(key, current -> current != null, change);
    }

    @Override
    public synchronized Versioned<V> computeIf(K key, Predicate<? super V> condition,
                                               BiFunction<? super K, ? super V, ? extends V> change) {
        Versioned<byte[]> previous = entries.get(key);
        V current = valueOf(previous);
        if (!condition.test(current)) {
            return decoded(previous);
        }
        V computed = change.apply(key, current);
        if (computed == null) {
            if (previous != null) {
                delete(key, previous);
            }
            return null;
        }
        return decoded(write(key, computed, previous));
    }

    @Override
    public synchronized Versioned<V> put(K key, V value) {
        Versioned<byte[]> previous = entries.get(key);
        write(key, value, previous);
        return decoded(previous);
    }

    @Override
    public synchronized Versioned<V> putAndGet(K key, V value) {
        return decoded(write(key, value, entries.get(key)));
    }

    @Override
    public synchronized Versioned<V> remove(K key) {
        Versioned<byte[]> previous = entries.get(key);
        if (previous != null) {
            delete(key, previous);
        }
        return decoded(previous);
    }

    @Override
    public synchronized void clear() {
        new ArrayList<>(entries.keySet()).forEach(this::remove);
    }

    @Override
    public Set<K> keySet() {
        return Collections.unmodifiableSet(new HashSet<>(entries.keySet()));
    }

    @Override
    public Collection<Versioned<V>> values() {
        List<Versioned<V>> values = new ArrayList<>();
        entries.values().forEach(v -> values.add(decoded(v)));
        return values;
    }

    @Override
    public Set<Map.Entry<K, Versioned<V>>> entrySet() {
        Set<Map.Entry<K, Versioned<V>>> all = new LinkedHashSet<>();
        entries.forEach((k, v) -> all.add(new AbstractMap.SimpleImmutableEntry<>(k, decoded(v))));
        return all;
    }

    @Override
    public synchronized Versioned<V> putIfAbsent(K key, V value) {
        Versioned<byte[]> previous = entries.get(key);
        if (previous == null) {
            write(key, value, null);
        }
        return decoded(previous);
    }

    @Override
    public synchronized boolean remove(K key, V value) {
        Versioned<byte[]> previous = entries.get(key);
        if (!sameBytes(previous, value)) {
            return false;
        }
        delete(key, previous);
        return true;
    }

    @Override
    public synchronized boolean remove(K key, long version) {
        Versioned<byte[]> previous = entries.get(key);
        if (previous == null || previous.version() != version) {
            return false;
        }
        delete(key, previous);
        return true;
    }

    @Override
    public synchronized Versioned<V> replace(K key, V value) {
        Versioned<byte[]> previous = entries.get(key);
        if (previous != null) {
            write(key, value, previous);
        }
        return decoded(previous);
    }

    @Override
    public synchronized boolean replace(K key, V oldValue, V newValue) {
        Versioned<byte[]> previous = entries.get(key);
        if (!sameBytes(previous, oldValue)) {
            return false;
        }
        write(key, newValue, previous);
        return true;
    }

    @Override
    public synchronized boolean replace(K key, long oldVersion, V newValue) {
        Versioned<byte[]> previous = entries.get(key);
        if (previous == null || previous.version() != oldVersion) {
            return false;
        }
        write(key, newValue, previous);
        return true;
    }

    @Override
    public Iterator<Map.Entry<K, Versioned<V>>> iterator() {
        return entrySet().iterator();
    }

    @Override
    public void addListener(MapEventListener<K, V> listener) {
        listeners.add(listener);
    }

    @Override
    public void addListener(MapEventListener<K, V> listener, Executor executor) {
        addListener(listener);
    }

    @Override
    public void removeListener(MapEventListener<K, V> listener) {
        listeners.remove(listener);
    }

    @Override
    public Map<K, V> asJavaMap() {
        return new ConsistentMapBackedJavaMap<>(this);
    }

    @Override
    public String toString() {
        return "SerializedMap{" + name + ", " + entries.size() + " entries}";
    }
}
