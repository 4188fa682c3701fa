/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.impl.protocol.ErrorCode;
import org.flowsocket.impl.protocol.FlowSocketException;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.DefaultBand;
import org.onosproject.net.meter.DefaultMeterRequest;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.meter.MeterService;

import java.util.Collection;
import java.util.List;

/**
 * Allocates and releases the rate-limiting meters of network flows through
 * ONOS's {@link MeterService}: one drop-band meter per device on the path.
 */
public final class MeterAllocator {

    private final MeterService meterService;
    private final ApplicationId appId;

    /**
     * Creates an allocator.
     *
     * @param meterService ONOS meter service
     * @param appId        owner of the meters
     */
    public MeterAllocator(MeterService meterService, ApplicationId appId) {
        this.meterService = meterService;
        this.appId = appId;
    }

    /**
     * Allocates one meter on each device. If any allocation fails, those
     * already made are released.
     *
     * @param devices  devices, each once
     * @param rateKbps rate in kb/s
     * @param burstKb  burst in kb, or null for the switch's default
     * @return the meters
     */
    public List<MeterRef> allocate(Collection<DeviceId> devices, long rateKbps, Long burstKb) {
        ImmutableList.Builder<MeterRef> made = ImmutableList.builder();
        try {
            for (DeviceId device : devices) {
                Meter meter = meterService.submit(request(device, rateKbps, burstKb));
                MeterId id = meter == null ? null : meter.id();
                if (id == null) {
                    throw new FlowSocketException(ErrorCode.FLOW_REFUSED, "ONOS could not allocate a meter on "
                            + device + "; does the switch support meters?");
                }
                made.add(new MeterRef(device, id));
            }
        } catch (RuntimeException e) {
            release(made.build());
            if (e instanceof FlowSocketException) {
                throw e;
            }
            throw new FlowSocketException(ErrorCode.FLOW_REFUSED, "ONOS could not allocate a meter: "
                    + e.getMessage());
        }
        return made.build();
    }

    /**
     * Releases meters.
     *
     * @param meters meters to release
     */
    public void release(Collection<MeterRef> meters) {
        for (MeterRef meter : meters) {
            MeterRequest removal = DefaultMeterRequest.builder().forDevice(meter.deviceId()).fromApp(appId)
                    .withUnit(Meter.Unit.KB_PER_SEC).remove();
            meterService.withdraw(removal, meter.meterId());
        }
    }

    private MeterRequest request(DeviceId device, long rateKbps, Long burstKb) {
        Band.Builder band = DefaultBand.builder().ofType(Band.Type.DROP).withRate(rateKbps);
        MeterRequest.Builder request = DefaultMeterRequest.builder().forDevice(device).fromApp(appId)
                .withUnit(Meter.Unit.KB_PER_SEC);
        if (burstKb != null) {
            band.burstSize(burstKb);
            request.burst();
        }
        return request.withBands(ImmutableSet.of(band.build())).add();
    }
}
