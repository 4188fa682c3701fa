/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableList;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.DefaultMeter;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterCellId;
import org.onosproject.net.meter.MeterEvent;
import org.onosproject.net.meter.MeterFailReason;
import org.onosproject.net.meter.MeterFeatures;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterKey;
import org.onosproject.net.meter.MeterOperation;
import org.onosproject.net.meter.MeterScope;
import org.onosproject.net.meter.MeterState;
import org.onosproject.net.meter.MeterStore;
import org.onosproject.net.meter.MeterStoreDelegate;
import org.onosproject.net.meter.MeterStoreResult;
import org.onosproject.net.pi.model.PiMeterId;
import org.onosproject.net.pi.runtime.PiMeterCellId;
import org.onosproject.store.AbstractStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Single-instance meter store for ONOS's real {@code MeterManager} (ONOS's own
 * meter store is only in the unpublished onos-core-dist, and onos-core-common
 * has no single-instance one).
 * <p>
 * The contract it keeps, as {@code MeterManager} expects:
 * <ul>
 * <li>{@link #addOrUpdateMeter} stores the meter (PENDING_ADD), asks for its
 * installation (METER_ADD_REQ), and returns a future that completes when the
 * device reports the meter ({@link #updateMeterState}: ADDED, METER_ADDED) or
 * refuses it ({@link #failedMeter});</li>
 * <li>{@link #deleteMeter} marks it PENDING_REMOVE and asks for its removal
 * (METER_REM_REQ); the future completes when {@link #purgeMeter} drops it
 * (METER_REMOVED), which also frees its id;</li>
 * <li>meter ids are allocated per device and scope within the index range the
 * device announced in its meter features; freed ids are reused first; a
 * device that announced no features gets no id.</li>
 * </ul>
 */
public final class SandboxMeterStore extends AbstractStore<MeterEvent, MeterStoreDelegate>
        implements MeterStore {

    private final Map<MeterKey, Meter> meters = new ConcurrentHashMap<>();
    private final Map<MeterKey, MeterFailReason> failures = new ConcurrentHashMap<>();
    private final Map<MeterKey, CompletableFuture<MeterStoreResult>> futures = new ConcurrentHashMap<>();
    private final Map<FeaturesKey, MeterFeatures> features = new ConcurrentHashMap<>();
    private final Map<FeaturesKey, TreeSet<Long>> freeIds = new ConcurrentHashMap<>();
    private final Map<FeaturesKey, Long> nextId = new ConcurrentHashMap<>();
    private volatile boolean userDefinedIndex;

    private static final class FeaturesKey {
        final DeviceId deviceId;
        final MeterScope scope;

        FeaturesKey(DeviceId deviceId, MeterScope scope) {
            this.deviceId = deviceId;
            this.scope = scope;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FeaturesKey && deviceId.equals(((FeaturesKey) o).deviceId)
                    && scope.equals(((FeaturesKey) o).scope);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, scope);
        }
    }

    @Override
    public synchronized CompletableFuture<MeterStoreResult> addOrUpdateMeter(Meter meter) {
        MeterKey key = MeterKey.key(meter.deviceId(), meter.meterCellId());
        CompletableFuture<MeterStoreResult> future = new CompletableFuture<>();
        CompletableFuture<MeterStoreResult> previous = futures.put(key, future);
        if (previous != null) {
            previous.complete(MeterStoreResult.fail(MeterFailReason.UNKNOWN));
        }
        failures.remove(key);
        meters.put(key, meter);
        notifyDelegate(new MeterEvent(MeterEvent.Type.METER_ADD_REQ, meter));
        return future;
    }

    @Override
    public synchronized CompletableFuture<MeterStoreResult> deleteMeter(Meter meter) {
        MeterKey key = MeterKey.key(meter.deviceId(), meter.meterCellId());
        Meter stored = meters.get(key);
        if (stored == null) {
            return CompletableFuture.completedFuture(MeterStoreResult.success());
        }
        CompletableFuture<MeterStoreResult> future = new CompletableFuture<>();
        CompletableFuture<MeterStoreResult> previous = futures.put(key, future);
        if (previous != null) {
            previous.complete(MeterStoreResult.fail(MeterFailReason.UNKNOWN));
        }
        Meter pending = copy(stored, MeterState.PENDING_REMOVE);
        meters.put(key, pending);
        notifyDelegate(new MeterEvent(MeterEvent.Type.METER_REM_REQ, pending));
        return future;
    }

    @Override
    public MeterStoreResult storeMeterFeatures(MeterFeatures meterfeatures) {
        features.put(new FeaturesKey(meterfeatures.deviceId(), meterfeatures.scope()), meterfeatures);
        return MeterStoreResult.success();
    }

    @Override
    public MeterStoreResult storeMeterFeatures(Collection<MeterFeatures> meterfeatures) {
        meterfeatures.forEach(this::storeMeterFeatures);
        return MeterStoreResult.success();
    }

    @Override
    public MeterStoreResult deleteMeterFeatures(DeviceId deviceId) {
        features.keySet().removeIf(k -> k.deviceId.equals(deviceId));
        return MeterStoreResult.success();
    }

    @Override
    public MeterStoreResult deleteMeterFeatures(Collection<MeterFeatures> meterfeatures) {
        meterfeatures.forEach(f -> features.remove(new FeaturesKey(f.deviceId(), f.scope())));
        return MeterStoreResult.success();
    }

    @Override
    public synchronized Meter updateMeterState(Meter meter) {
        MeterKey key = MeterKey.key(meter.deviceId(), meter.meterCellId());
        Meter stored = meters.get(key);
        if (stored == null) {
            return null;
        }
        // The device's report carries the statistics; a pending removal stays
        // pending until the device no longer has the meter.
        MeterState state = stored.state() == MeterState.PENDING_REMOVE ? MeterState.PENDING_REMOVE
                : meter.state();
        DefaultMeter updated = copy(stored, state);
        updated.setLife(meter.life());
        updated.setProcessedBytes(meter.bytesSeen());
        updated.setProcessedPackets(meter.packetsSeen());
        updated.setReferenceCount(meter.referenceCount());
        meters.put(key, updated);
        if (stored.state() == MeterState.PENDING_ADD && updated.state() == MeterState.ADDED) {
            failures.remove(key);
            notifyDelegate(new MeterEvent(MeterEvent.Type.METER_ADDED, updated));
            complete(key, MeterStoreResult.success());
        }
        if (stored.referenceCount() != 0 && updated.referenceCount() == 0) {
            notifyDelegate(new MeterEvent(MeterEvent.Type.METER_REFERENCE_COUNT_ZERO, updated));
        }
        return updated;
    }

    @Override
    public Meter getMeter(MeterKey key) {
        return meters.get(key);
    }

    @Override
    public Collection<Meter> getAllMeters() {
        return ImmutableList.copyOf(meters.values());
    }

    @Override
    public Collection<Meter> getAllMeters(DeviceId deviceId) {
        return meters.values().stream().filter(m -> m.deviceId().equals(deviceId))
                .collect(Collectors.toList());
    }

    @Override
    public Collection<Meter> getAllMeters(DeviceId deviceId, MeterScope scope) {
        return meters.values().stream()
                .filter(m -> m.deviceId().equals(deviceId) && inScope(m.meterCellId(), scope))
                .collect(Collectors.toList());
    }

    @Override
    public synchronized void failedMeter(MeterOperation op, MeterFailReason reason) {
        MeterKey key = MeterKey.key(op.meter().deviceId(), op.meter().meterCellId());
        if (meters.containsKey(key)) {
            failures.put(key, reason);
            complete(key, MeterStoreResult.fail(reason));
        }
    }

    @Override
    public synchronized void purgeMeter(Meter m) {
        MeterKey key = MeterKey.key(m.deviceId(), m.meterCellId());
        Meter removed = meters.remove(key);
        failures.remove(key);
        if (removed != null) {
            release(m.deviceId(), m.meterCellId());
            notifyDelegate(new MeterEvent(MeterEvent.Type.METER_REMOVED, removed));
            complete(key, MeterStoreResult.success());
        }
    }

    @Override
    public synchronized MeterCellId allocateMeterId(DeviceId deviceId, MeterScope meterScope) {
        if (userDefinedIndex) {
            return null;
        }
        FeaturesKey fk = new FeaturesKey(deviceId, meterScope);
        MeterFeatures f = features.get(fk);
        if (f == null || f.maxMeter() <= 0) {
            return null;
        }
        long start = Math.max(f.startIndex(), 0);
        long end = f.endIndex() >= start ? f.endIndex() : start + f.maxMeter() - 1;
        TreeSet<Long> free = freeIds.computeIfAbsent(fk, k -> new TreeSet<>());
        Long index = null;
        while (!free.isEmpty() && index == null) {
            long candidate = free.pollFirst();
            if (candidate >= start && candidate <= end && !inUse(deviceId, meterScope, candidate)) {
                index = candidate;
            }
        }
        if (index == null) {
            long candidate = nextId.getOrDefault(fk, start);
            while (candidate <= end && inUse(deviceId, meterScope, candidate)) {
                candidate++;
            }
            if (candidate > end) {
                return null;
            }
            index = candidate;
            nextId.put(fk, candidate + 1);
        }
        return cellId(meterScope, index);
    }

    @Override
    public synchronized void freeMeterId(DeviceId deviceId, MeterId meterId) {
        release(deviceId, meterId);
    }

    @Override
    public synchronized void purgeMeters(DeviceId deviceId) {
        for (Meter m : getAllMeters(deviceId)) {
            purgeMeter(m);
        }
    }

    @Override
    public synchronized void purgeMeters(DeviceId deviceId, ApplicationId appId) {
        List<Meter> toPurge = new ArrayList<>();
        getAllMeters(deviceId).stream().filter(m -> m.appId().equals(appId)).forEach(toPurge::add);
        toPurge.forEach(this::purgeMeter);
    }

    @Override
    public synchronized boolean userDefinedIndexMode(boolean enable) {
        if (meters.isEmpty()) {
            userDefinedIndex = enable;
        }
        return userDefinedIndex;
    }

    private void complete(MeterKey key, MeterStoreResult result) {
        CompletableFuture<MeterStoreResult> f = futures.remove(key);
        if (f != null) {
            f.complete(result);
        }
    }

    private void release(DeviceId deviceId, MeterCellId cellId) {
        MeterScope scope = scopeOf(cellId);
        long index = indexOf(cellId);
        if (scope != null && index >= 0) {
            freeIds.computeIfAbsent(new FeaturesKey(deviceId, scope), k -> new TreeSet<>()).add(index);
        }
    }

    private boolean inUse(DeviceId deviceId, MeterScope scope, long index) {
        return meters.containsKey(MeterKey.key(deviceId, cellId(scope, index)));
    }

    private static MeterCellId cellId(MeterScope scope, long index) {
        return scope.isGlobal() ? MeterId.meterId(index)
                : PiMeterCellId.ofIndirect(PiMeterId.of(scope.id()), index);
    }

    private static MeterScope scopeOf(MeterCellId cellId) {
        if (cellId instanceof MeterId) {
            return MeterScope.globalScope();
        }
        if (cellId instanceof PiMeterCellId && ((PiMeterCellId) cellId).meterId() != null) {
            return MeterScope.of(((PiMeterCellId) cellId).meterId().id());
        }
        return null;
    }

    private static long indexOf(MeterCellId cellId) {
        if (cellId instanceof MeterId) {
            return ((MeterId) cellId).id();
        }
        if (cellId instanceof PiMeterCellId) {
            return ((PiMeterCellId) cellId).index();
        }
        return -1;
    }

    private static boolean inScope(MeterCellId cellId, MeterScope scope) {
        return scope.equals(scopeOf(cellId));
    }

    private static DefaultMeter copy(Meter m, MeterState state) {
        Meter.Builder b = DefaultMeter.builder()
                .forDevice(m.deviceId())
                .withCellId(m.meterCellId())
                .fromApp(m.appId())
                .withUnit(m.unit())
                .withBands(m.bands());
        if (m.isBurst()) {
            b.burst();
        }
        if (m.annotations() != null && !m.annotations().keys().isEmpty()) {
            b.withAnnotations(m.annotations());
        }
        DefaultMeter copy = (DefaultMeter) b.build();
        copy.setState(state);
        copy.setLife(m.life());
        copy.setProcessedBytes(m.bytesSeen());
        copy.setProcessedPackets(m.packetsSeen());
        copy.setReferenceCount(m.referenceCount());
        return copy;
    }
}
