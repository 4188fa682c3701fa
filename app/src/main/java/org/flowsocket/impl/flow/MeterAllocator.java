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
import org.onosproject.net.meter.MeterContext;
import org.onosproject.net.meter.MeterFailReason;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.meter.MeterService;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Allocates and releases the rate-limiting meters of network flows through
 * ONOS's {@link MeterService}: one drop-band meter per device on the path.
 */
public final class MeterAllocator {

    private final Logger log = getLogger(getClass());

    private final MeterService meterService;
    private final ApplicationId appId;
    private final ScheduledExecutorService timer;

    /**
     * Creates an allocator.
     *
     * @param meterService ONOS meter service
     * @param appId        owner of the meters
     * @param timer        scheduler for confirmation deadlines
     */
    public MeterAllocator(MeterService meterService, ApplicationId appId, ScheduledExecutorService timer) {
        this.meterService = meterService;
        this.appId = appId;
        this.timer = timer;
    }

    /**
     * Allocates one meter on each device and waits until ONOS reports every
     * one installed on its switch, so that no rule reaches a switch before
     * the meter it points to. If any allocation fails or times out, the
     * meters already made are released.
     *
     * @param devices       devices, each once
     * @param rateKbps      rate in kb/s
     * @param burstKb       burst in kb, or null for the switch's default
     * @param timeoutMillis how long to wait for the switches
     * @return the meters, once installed
     */
    public CompletableFuture<List<MeterRef>> allocate(Collection<DeviceId> devices, long rateKbps, Long burstKb,
                                                      long timeoutMillis) {
        List<MeterRef> made = new ArrayList<>();
        List<CompletableFuture<Void>> installed = new ArrayList<>();
        try {
            for (DeviceId device : devices) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                Meter meter = meterService.submit(addition(device, rateKbps, burstKb, done));
                MeterId id = meter == null ? null : meter.id();
                if (id == null) {
                    throw new FlowSocketException(ErrorCode.FLOW_REFUSED, "ONOS could not allocate a meter on "
                            + device + "; does the switch support meters?");
                }
                made.add(new MeterRef(device, id, rateKbps, burstKb));
                installed.add(done);
            }
        } catch (RuntimeException e) {
            release(made);
            return CompletableFuture.failedFuture(e instanceof FlowSocketException ? e
                    : new FlowSocketException(ErrorCode.FLOW_REFUSED, "ONOS could not allocate a meter: "
                    + e.getMessage()));
        }
        List<MeterRef> meters = ImmutableList.copyOf(made);
        CompletableFuture<List<MeterRef>> all = CompletableFuture.allOf(installed.toArray(new CompletableFuture[0]))
                .thenApply(v -> meters);
        ScheduledFuture<?> deadline = timer.schedule(() -> all.completeExceptionally(new FlowSocketException(
                ErrorCode.CONFIRM_TIMEOUT, "the switches did not confirm the meters within " + timeoutMillis
                + " ms; nothing was installed")), timeoutMillis, TimeUnit.MILLISECONDS);
        return all.whenComplete((ok, error) -> {
            deadline.cancel(false);
            if (error != null) {
                release(meters);
            }
        });
    }

    /**
     * Releases meters. The removal request carries the meter's own band:
     * ONOS 2.5.0 to 2.5.2 and 2.6.0 refuse one without bands. A meter ONOS
     * will not release is logged and the others are still released, so that
     * removing or rolling back a flow always completes.
     *
     * @param meters meters to release
     */
    public void release(Collection<MeterRef> meters) {
        for (MeterRef meter : meters) {
            try {
                meterService.withdraw(request(meter.deviceId(), meter.rateKbps(), meter.burstKb()).remove(),
                                      meter.meterId());
            } catch (RuntimeException e) {
                log.warn("ONOS did not release meter {}: {}", meter, e.getMessage());
            }
        }
    }

    // The request for a meter, the same for its addition and its removal.
    private MeterRequest.Builder request(DeviceId device, long rateKbps, Long burstKb) {
        Band.Builder band = DefaultBand.builder().ofType(Band.Type.DROP).withRate(rateKbps);
        MeterRequest.Builder request = DefaultMeterRequest.builder().forDevice(device).fromApp(appId)
                .withUnit(Meter.Unit.KB_PER_SEC);
        if (burstKb != null) {
            band.burstSize(burstKb);
            request.burst();
        }
        return request.withBands(ImmutableSet.of(band.build()));
    }

    private MeterRequest addition(DeviceId device, long rateKbps, Long burstKb, CompletableFuture<Void> done) {
        return request(device, rateKbps, burstKb).withContext(new MeterContext() {
                    @Override
                    public void onSuccess(MeterRequest op) {
                        done.complete(null);
                    }

                    @Override
                    public void onError(MeterRequest op, MeterFailReason reason) {
                        done.completeExceptionally(new FlowSocketException(ErrorCode.FLOW_REFUSED, "switch "
                                + device + " refused the meter: " + reason + "; nothing was installed"));
                    }
                }).add();
    }
}
