/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.DefaultMeter;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterEvent;
import org.onosproject.net.meter.MeterFailReason;
import org.onosproject.net.meter.MeterFeatures;
import org.onosproject.net.meter.MeterFeaturesKey;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterKey;
import org.onosproject.net.meter.MeterOperation;
import org.onosproject.net.meter.MeterState;
import org.onosproject.net.meter.MeterStore;
import org.onosproject.net.meter.MeterStoreDelegate;
import org.onosproject.net.meter.MeterStoreResult;
import org.onosproject.store.AbstractStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Single-instance meter store with the behaviour of ONOS 2.5.0's
 * {@code DistributedMeterStore} (onos-core-dist, not published): every change
 * of a stored meter goes through one map, and what its map listener did on
 * each change is done here after the change, on the caller's thread.
 * <ul>
 * <li>a meter stored or re-stored PENDING_ADD or PENDING_REMOVE without a
 * failure asks the delegate to install (METER_ADD_REQ) or remove it
 * (METER_REM_REQ); with a failure, its future completes with that reason;</li>
 * <li>a report that turns PENDING_ADD into ADDED completes the future and
 * raises METER_ADDED; a later report with no references raises
 * METER_REFERENCE_COUNT_ZERO;</li>
 * <li>removal from the map completes the future and raises METER_REMOVED;</li>
 * <li>ids come from a per-device counter starting at 1 and stay below the
 * maximum the device announced; freed ids are reused first.</li>
 * </ul>
 */
public final class UnscopedMeterStore extends AbstractStore<MeterEvent, MeterStoreDelegate>
        implements MeterStore {

    private final Map<MeterKey, MeterData> meters = new ConcurrentHashMap<>();
    private final Map<MeterFeaturesKey, MeterFeatures> features = new ConcurrentHashMap<>();
    private final Map<MeterKey, CompletableFuture<MeterStoreResult>> futures = new ConcurrentHashMap<>();
    private final Map<DeviceId, TreeSet<Long>> availableIds = new ConcurrentHashMap<>();
    private final Map<DeviceId, Long> idCounters = new ConcurrentHashMap<>();

    // As ONOS 2.5.0 MeterData: the meter and, once the device refused it, why.
    private static final class MeterData {
        final Meter meter;
        final Optional<MeterFailReason> reason;

        MeterData(Meter meter, MeterFailReason reason) {
            this.meter = meter;
            this.reason = Optional.ofNullable(reason);
        }
    }

    @Override
    public synchronized CompletableFuture<MeterStoreResult> storeMeter(Meter meter) {
        MeterKey key = MeterKey.key(meter.deviceId(), meter.id());
        CompletableFuture<MeterStoreResult> future = new CompletableFuture<>();
        futures.put(key, future);
        put(key, new MeterData(meter, null));
        return future;
    }

    @Override
    public synchronized CompletableFuture<MeterStoreResult> deleteMeter(Meter meter) {
        MeterKey key = MeterKey.key(meter.deviceId(), meter.id());
        CompletableFuture<MeterStoreResult> future = new CompletableFuture<>();
        futures.put(key, future);
        if (meters.containsKey(key)) {
            put(key, new MeterData(meter, null));
        } else {
            future.complete(MeterStoreResult.success());
        }
        return future;
    }

    @Override
    public synchronized CompletableFuture<MeterStoreResult> updateMeter(Meter meter) {
        MeterKey key = MeterKey.key(meter.deviceId(), meter.id());
        CompletableFuture<MeterStoreResult> future = new CompletableFuture<>();
        futures.put(key, future);
        if (meters.containsKey(key)) {
            put(key, new MeterData(meter, null));
        } else {
            future.complete(MeterStoreResult.fail(MeterFailReason.INVALID_METER));
        }
        return future;
    }

    @Override
    public MeterStoreResult storeMeterFeatures(MeterFeatures meterfeatures) {
        // As ONOS 2.5.0: stored once per device (putIfAbsent).
        features.putIfAbsent(MeterFeaturesKey.key(meterfeatures.deviceId()), meterfeatures);
        return MeterStoreResult.success();
    }

    @Override
    public MeterStoreResult deleteMeterFeatures(DeviceId deviceId) {
        features.remove(MeterFeaturesKey.key(deviceId));
        return MeterStoreResult.success();
    }

    @Override
    public synchronized Meter updateMeterState(Meter meter) {
        MeterKey key = MeterKey.key(meter.deviceId(), meter.id());
        MeterData stored = meters.get(key);
        if (stored == null) {
            return null;
        }
        // Only a pending installation takes the reported state; the report
        // always brings the statistics.
        DefaultMeter updated = copy(stored.meter,
                stored.meter.state() == MeterState.PENDING_ADD ? meter.state() : stored.meter.state());
        updated.setProcessedPackets(meter.packetsSeen());
        updated.setProcessedBytes(meter.bytesSeen());
        updated.setLife(meter.life());
        updated.setReferenceCount(meter.referenceCount());
        put(key, new MeterData(updated, null));
        return updated;
    }

    @Override
    public Meter getMeter(MeterKey key) {
        MeterData data = meters.get(key);
        return data == null ? null : data.meter;
    }

    @Override
    public Collection<Meter> getAllMeters() {
        return meters.values().stream().map(d -> d.meter).collect(ImmutableList.toImmutableList());
    }

    @Override
    public Collection<Meter> getAllMeters(DeviceId deviceId) {
        return meters.values().stream().map(d -> d.meter).filter(m -> m.deviceId().equals(deviceId))
                .collect(ImmutableList.toImmutableList());
    }

    @Override
    public synchronized void failedMeter(MeterOperation op, MeterFailReason reason) {
        MeterKey key = MeterKey.key(op.meter().deviceId(), op.meter().id());
        MeterData stored = meters.get(key);
        if (stored != null) {
            put(key, new MeterData(stored.meter, reason));
        }
    }

    @Override
    public synchronized void deleteMeterNow(Meter m) {
        MeterKey key = MeterKey.key(m.deviceId(), m.id());
        MeterData removed = meters.remove(key);
        if (removed != null) {
            freeMeterId(m.deviceId(), m.id());
            complete(key, MeterStoreResult.success());
            notifyDelegate(new MeterEvent(MeterEvent.Type.METER_REMOVED, removed.meter));
        }
    }

    @Override
    public synchronized void purgeMeter(DeviceId deviceId) {
        List<Meter> onDevice = meters.values().stream().map(d -> d.meter)
                .filter(m -> m.deviceId().equals(deviceId)).collect(Collectors.toList());
        onDevice.forEach(this::deleteMeterNow);
    }

    @Override
    public long getMaxMeters(MeterFeaturesKey key) {
        MeterFeatures f = features.get(key);
        return f == null ? 0L : f.maxMeter();
    }

    @Override
    public synchronized MeterId allocateMeterId(DeviceId deviceId) {
        TreeSet<Long> reusable = availableIds.get(deviceId);
        if (reusable != null && !reusable.isEmpty()) {
            return MeterId.meterId(reusable.pollFirst());
        }
        // ONOS 2.5.0 falls back to the driver's MeterQuery when the device
        // announced no features; the sandbox's drivers have no MeterQuery.
        long maxMeters = getMaxMeters(MeterFeaturesKey.key(deviceId));
        if (maxMeters == 0L) {
            return null;
        }
        long id = idCounters.merge(deviceId, 1L, Long::sum);
        if (id >= maxMeters) {
            return null;
        }
        return MeterId.meterId(id);
    }

    @Override
    public synchronized void freeMeterId(DeviceId deviceId, MeterId meterId) {
        // As ONOS 2.5.0: an id the counter has not reached was never allocated.
        if (idCounters.getOrDefault(deviceId, 0L) < meterId.id()) {
            return;
        }
        availableIds.computeIfAbsent(deviceId, d -> new TreeSet<>()).add(meterId.id());
    }

    // The map update and what ONOS 2.5.0's InternalMapEventListener does on
    // INSERT and UPDATE.
    private void put(MeterKey key, MeterData data) {
        MeterData old = meters.put(key, data);
        switch (data.meter.state()) {
            case PENDING_ADD:
            case PENDING_REMOVE:
                if (data.reason.isEmpty()) {
                    notifyDelegate(new MeterEvent(data.meter.state() == MeterState.PENDING_ADD
                            ? MeterEvent.Type.METER_ADD_REQ : MeterEvent.Type.METER_REM_REQ, data.meter));
                } else {
                    complete(key, MeterStoreResult.fail(data.reason.get()));
                }
                break;
            case ADDED:
                if (old != null && old.meter.state() == MeterState.PENDING_ADD) {
                    complete(key, MeterStoreResult.success());
                    notifyDelegate(new MeterEvent(MeterEvent.Type.METER_ADDED, data.meter));
                } else if (data.meter.referenceCount() == 0) {
                    notifyDelegate(new MeterEvent(MeterEvent.Type.METER_REFERENCE_COUNT_ZERO, data.meter));
                }
                break;
            default:
                break;
        }
    }

    private void complete(MeterKey key, MeterStoreResult result) {
        CompletableFuture<MeterStoreResult> future = futures.remove(key);
        if (future != null) {
            future.complete(result);
        }
    }

    private static DefaultMeter copy(Meter m, MeterState state) {
        Meter.Builder b = DefaultMeter.builder()
                .forDevice(m.deviceId())
                .withId(m.id())
                .fromApp(m.appId())
                .withUnit(m.unit())
                .withBands(m.bands());
        if (m.isBurst()) {
            b.burst();
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
