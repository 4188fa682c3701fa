/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import java.util.Objects;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkArgument;

/**
 * The bandwidth of one direction of a link: its capacity (the smaller of
 * its ports', from ONOS's {@code bandwidthCapacity} port configuration or
 * the port speed) and what network flows reserved on it.
 */
public final class LinkBandwidth {

    private final long capacityKbps;
    private final long reservedKbps;

    /**
     * Creates a value.
     *
     * @param capacityKbps capacity, kb/s
     * @param reservedKbps reserved by network flows, kb/s
     */
    public LinkBandwidth(long capacityKbps, long reservedKbps) {
        checkArgument(capacityKbps >= 0 && reservedKbps >= 0, "negative bandwidth");
        this.capacityKbps = capacityKbps;
        this.reservedKbps = reservedKbps;
    }

    /** @return capacity, kb/s */
    public long capacityKbps() {
        return capacityKbps;
    }

    /** @return reserved by network flows, kb/s */
    public long reservedKbps() {
        return reservedKbps;
    }

    /** @return capacity not reserved, kb/s (0 if more is reserved than a lowered capacity allows) */
    public long availableKbps() {
        return Math.max(0, capacityKbps - reservedKbps);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LinkBandwidth)) {
            return false;
        }
        LinkBandwidth that = (LinkBandwidth) o;
        return capacityKbps == that.capacityKbps && reservedKbps == that.reservedKbps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacityKbps, reservedKbps);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("capacityKbps", capacityKbps).add("reservedKbps", reservedKbps).toString();
    }
}
