/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.impl.flow.MeterAllocator;
import org.flowsocket.api.QosFlowMeter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.DefaultMeter;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.meter.MeterService;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocates and releases two meters with {@link MeterAllocator}, through a
 * meter service that confirms every meter and records what each removal
 * request carries. {@link MeterReleaseOnOlderOnosTest} runs it in a class
 * loader holding another onos-api release; the service is a proxy so that
 * it implements that release's interface, whatever its methods.
 */
public final class MeterReleaseProbe implements Callable<List<String>> {

    @Override
    public List<String> call() throws Exception {
        List<String> removals = new ArrayList<>();
        AtomicLong ids = new AtomicLong(1);
        MeterService service = (MeterService) Proxy.newProxyInstance(MeterService.class.getClassLoader(),
                new Class<?>[]{MeterService.class}, (proxy, method, args) -> {
                    MeterRequest request = (MeterRequest) args[0];
                    if ("submit".equals(method.getName())) {
                        request.context().ifPresent(c -> c.onSuccess(request));
                        return DefaultMeter.builder().forDevice(request.deviceId()).fromApp(request.appId())
                                .withId(MeterId.meterId(ids.getAndIncrement())).withUnit(request.unit())
                                .withBands(request.bands()).build();
                    }
                    if ("withdraw".equals(method.getName())) {
                        StringBuilder bands = new StringBuilder(args[1] + " " + request.unit()
                                + (request.isBurst() ? " burst" : "") + ":");
                        request.bands().forEach(b -> bands.append(' ').append(b.type()).append('/')
                                .append(b.rate()).append('/').append(b.burst()));
                        removals.add(bands.toString());
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            MeterAllocator allocator = new MeterAllocator(service, new DefaultApplicationId(7, "org.flowsocket.app"),
                                                          timer);
            List<QosFlowMeter> made = allocator.allocate(List.of(DeviceId.deviceId("of:0000000000000001"),
                    DeviceId.deviceId("of:0000000000000002")), 512, 64L, 5000).meters();
            allocator.release(made);
            return removals;
        } finally {
            timer.shutdownNow();
        }
    }
}
