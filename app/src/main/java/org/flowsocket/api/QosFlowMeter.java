/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.MeterId;

import java.util.Objects;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A meter FlowSocket allocated on a device for a flow, with the band it was
 * given: ONOS 2.5.0 to 2.5.2 and 2.6.0 refuse a meter removal request
 * without bands ({@code DefaultMeterRequest.Builder.remove()} validates
 * them), so the removal repeats the meter's own band.
 */
public final class QosFlowMeter {

    private final DeviceId deviceId;
    private final long meterId;
    private final long rateKbps;
    private final Long burstKb;

    /**
     * Creates a meter reference.
     *
     * @param deviceId device holding the meter
     * @param meterId  meter id on that device
     * @param rateKbps rate of its drop band in kb/s
     * @param burstKb  burst of its drop band in kb, or null for the switch's default
     */
    public QosFlowMeter(DeviceId deviceId, MeterId meterId, long rateKbps, Long burstKb) {
        this.deviceId = checkNotNull(deviceId);
        this.meterId = meterId.id();
        this.rateKbps = rateKbps;
        this.burstKb = burstKb;
    }

    /** @return device holding the meter */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return meter id */
    public MeterId meterId() {
        return MeterId.meterId(meterId);
    }

    /** @return rate of the meter's drop band in kb/s */
    public long rateKbps() {
        return rateKbps;
    }

    /** @return burst of the meter's drop band in kb, or null for the switch's default */
    public Long burstKb() {
        return burstKb;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QosFlowMeter)) {
            return false;
        }
        QosFlowMeter that = (QosFlowMeter) o;
        return meterId == that.meterId && rateKbps == that.rateKbps && deviceId.equals(that.deviceId)
                && Objects.equals(burstKb, that.burstKb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, meterId, rateKbps, burstKb);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("device", deviceId).add("meter", meterId)
                .add("rateKbps", rateKbps).add("burstKb", burstKb).toString();
    }
}
