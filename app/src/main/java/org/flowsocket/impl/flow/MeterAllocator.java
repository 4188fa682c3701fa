/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlowMeter;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Allocates and releases the rate-limiting meters of network flows through
 * ONOS's {@link MeterService}: drop-band meters on the devices
 * {@link MeterPlacement} chooses.
 */
public final class MeterAllocator {

    /**
     * How long, at least, FlowSocket waits for ONOS to report a meter
     * installed. ONOS's OpenFlow meter provider learns of a meter only from
     * the switch's meter statistics, read every {@code meterStatsPollInterval}
     * (10 s by default), and fails a meter they have not shown within 30 s
     * with {@code TIMEOUT} (OpenFlowMeterProvider, ONOS 2.5.0 to 2.7.0); the
     * wait lasts a little longer so that ONOS's own verdict comes first.
     */
    public static final long METER_CONFIRM_MILLIS = 35_000;

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
     * Submits one meter per device given; ONOS allocates their ids at once.
     * If ONOS cannot allocate one, the meters already made are released.
     * The allocation's future completes when ONOS reports every meter
     * installed on its switch: no rule may use a meter before, since ONOS
     * gives no order between a meter and rules sent to one switch (its meter
     * and flow rule managers hand them to the providers on threads of their
     * own) and a switch refuses a rule whose meter it lacks.
     *
     * @param devices       one device per meter, in the order the meters are
     *                      returned; a device twice gets two meters
     * @param rateKbps      rate in kb/s
     * @param burstKb       burst in kb, or null for the switch's default
     * @param timeoutMillis the request's confirmation wait; the meters get
     *                      at least {@link #METER_CONFIRM_MILLIS}
     * @return the meters and the future of their installation
     */
    public MeterAllocation allocate(Collection<DeviceId> devices, long rateKbps, Long burstKb, long timeoutMillis) {
        List<QosFlowMeter> made = new ArrayList<>();
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
                made.add(new QosFlowMeter(device, id, rateKbps, burstKb));
                installed.add(done);
            }
        } catch (RuntimeException e) {
            release(made);
            throw e instanceof FlowSocketException ? (FlowSocketException) e
                    : new FlowSocketException(ErrorCode.FLOW_REFUSED, "ONOS could not allocate a meter: "
                    + e.getMessage());
        }
        long waitMillis = Math.max(timeoutMillis, METER_CONFIRM_MILLIS);
        CompletableFuture<Void> all = CompletableFuture.allOf(installed.toArray(new CompletableFuture[0]));
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(() -> all.completeExceptionally(new FlowSocketException(
                    ErrorCode.CONFIRM_TIMEOUT, "ONOS did not report the meters installed within " + waitMillis
                    + " ms")), waitMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            release(made);
            throw new FlowSocketException(ErrorCode.UNAVAILABLE, "FlowSocket is stopping; nothing was installed");
        }
        all.whenComplete((ok, error) -> deadline.cancel(false));
        return new MeterAllocation(made, all);
    }

    /**
     * Returns the state ONOS gives a meter now.
     *
     * @param meter the meter
     * @return ONOS's meter state ({@code PENDING_ADD}, {@code ADDED},
     *         {@code PENDING_REMOVE}, {@code REMOVED}), or {@code NOT_IN_ONOS}
     */
    public String stateOf(QosFlowMeter meter) {
        Meter live = meterService.getMeter(meter.deviceId(), meter.meterId());
        return live == null || live.state() == null ? "NOT_IN_ONOS" : live.state().name();
    }

    /**
     * Releases meters. The removal request carries the meter's own band:
     * ONOS 2.5.0 to 2.5.2 and 2.6.0 refuse one without bands. A meter ONOS
     * will not release is logged and the others are still released, so that
     * removing or rolling back a flow always completes.
     *
     * @param meters meters to release
     */
    public void release(Collection<QosFlowMeter> meters) {
        for (QosFlowMeter meter : meters) {
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
                        done.completeExceptionally(reason == MeterFailReason.TIMEOUT
                                ? new FlowSocketException(ErrorCode.CONFIRM_TIMEOUT, "ONOS gave up waiting for "
                                        + device + " to report the meter (TIMEOUT)")
                                : new FlowSocketException(ErrorCode.FLOW_REFUSED, "switch " + device
                                        + " refused the meter: " + reason));
                    }
                }).add();
    }
}
