/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.DefaultMeter;
import org.onosproject.net.meter.MeterFailReason;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.meter.MeterServiceAdapter;
import org.onosproject.net.meter.MeterState;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocates meter ids per request and remembers which are live.
 */
class FakeMeters extends MeterServiceAdapter {

    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, MeterRequest> live = new ConcurrentHashMap<>();
    private final Set<DeviceId> refusing = ConcurrentHashMap.newKeySet();
    private final List<MeterRequest> removals = new CopyOnWriteArrayList<>();
    private final Map<Long, Meter> meters = new ConcurrentHashMap<>();
    private final Map<Long, MeterRequest> held = new ConcurrentHashMap<>();
    private volatile boolean holding;

    void refuseOn(DeviceId deviceId) {
        refusing.add(deviceId);
    }

    /** Keeps new meters PENDING_ADD, as ONOS does until it next reads the switches' meter statistics. */
    void holdConfirmations() {
        holding = true;
    }

    /** Confirms the held meters, as ONOS does on its next meter statistics read. */
    void confirmHeld() {
        holding = false;
        // A meter withdrawn meanwhile is confirmed too: its report may cross the withdrawal.
        held.forEach((id, request) -> {
            Meter meter = meters.get(id);
            if (meter != null) {
                ((DefaultMeter) meter).setState(MeterState.ADDED);
            }
            request.context().ifPresent(c -> c.onSuccess(request));
        });
        held.clear();
    }

    @Override
    public Meter submit(MeterRequest request) {
        long id = nextId.getAndIncrement();
        live.put(id, request);
        // As ONOS's MeterManager does once the switch reported the meter, or refused it.
        if (refusing.contains(request.deviceId())) {
            request.context().ifPresent(c -> c.onError(request, MeterFailReason.INVALID_METER));
        } else if (holding) {
            held.put(id, request);
        } else {
            request.context().ifPresent(c -> c.onSuccess(request));
        }
        DefaultMeter meter = (DefaultMeter) DefaultMeter.builder().forDevice(request.deviceId())
                .fromApp(request.appId()).withId(MeterId.meterId(id)).withUnit(request.unit())
                .withBands(request.bands()).build();
        meter.setState(refusing.contains(request.deviceId()) || holding ? MeterState.PENDING_ADD : MeterState.ADDED);
        meters.put(id, meter);
        return meter;
    }

    @Override
    public Meter getMeter(DeviceId deviceId, MeterId meterId) {
        Meter meter = meters.get(meterId.id());
        return meter != null && meter.deviceId().equals(deviceId) ? meter : null;
    }

    @Override
    public void withdraw(MeterRequest request, MeterId meterId) {
        // As ONOS 2.5.6 MeterManager.withdraw: the meter to remove is built
        // from the request, whose bands DefaultMeter.Builder.build() requires.
        Meter.Builder removal = DefaultMeter.builder().forDevice(request.deviceId()).fromApp(request.appId())
                .withBands(request.bands()).withId(meterId).withUnit(request.unit());
        if (request.isBurst()) {
            removal.burst();
        }
        removal.build();
        removals.add(request);
        live.remove(meterId.id());
        meters.remove(meterId.id());
    }

    /** @return the removal requests, in order */
    List<MeterRequest> removals() {
        return removals;
    }

    Map<Long, MeterRequest> live() {
        return live;
    }
}
