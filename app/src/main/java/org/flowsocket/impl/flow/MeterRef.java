/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.MeterId;

import java.util.Objects;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A meter FlowSocket allocated on a device for a flow.
 */
public final class MeterRef {

    private final DeviceId deviceId;
    private final long meterId;

    /**
     * Creates a meter reference.
     *
     * @param deviceId device holding the meter
     * @param meterId  meter id on that device
     */
    public MeterRef(DeviceId deviceId, MeterId meterId) {
        this.deviceId = checkNotNull(deviceId);
        this.meterId = meterId.id();
    }

    /** @return device holding the meter */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return meter id */
    public MeterId meterId() {
        return MeterId.meterId(meterId);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MeterRef)) {
            return false;
        }
        MeterRef that = (MeterRef) o;
        return meterId == that.meterId && deviceId.equals(that.deviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, meterId);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("device", deviceId).add("meter", meterId).toString();
    }
}
