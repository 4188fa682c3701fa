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

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocates meter ids per request and remembers which are live.
 */
class FakeMeters extends MeterServiceAdapter {

    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, MeterRequest> live = new ConcurrentHashMap<>();
    private final Set<DeviceId> refusing = ConcurrentHashMap.newKeySet();

    void refuseOn(DeviceId deviceId) {
        refusing.add(deviceId);
    }

    @Override
    public Meter submit(MeterRequest request) {
        long id = nextId.getAndIncrement();
        live.put(id, request);
        // As ONOS's MeterManager does once the switch reported the meter, or refused it.
        if (refusing.contains(request.deviceId())) {
            request.context().ifPresent(c -> c.onError(request, MeterFailReason.INVALID_METER));
        } else {
            request.context().ifPresent(c -> c.onSuccess(request));
        }
        return DefaultMeter.builder().forDevice(request.deviceId()).fromApp(request.appId())
                .withId(MeterId.meterId(id)).withUnit(request.unit()).withBands(request.bands()).build();
    }

    @Override
    public void withdraw(MeterRequest request, MeterId meterId) {
        live.remove(meterId.id());
    }

    Map<Long, MeterRequest> live() {
        return live;
    }
}
