/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Objects;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One switch a flow crosses: where it enters and where it leaves.
 */
public final class Hop {

    private final DeviceId deviceId;
    private final PortNumber inPort;
    private final PortNumber outPort;

    /**
     * Creates a hop.
     *
     * @param deviceId the switch
     * @param inPort   port the traffic arrives on
     * @param outPort  port the traffic leaves by
     */
    public Hop(DeviceId deviceId, PortNumber inPort, PortNumber outPort) {
        this.deviceId = checkNotNull(deviceId);
        this.inPort = checkNotNull(inPort);
        this.outPort = checkNotNull(outPort);
    }

    /** @return the switch */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return ingress port */
    public PortNumber inPort() {
        return inPort;
    }

    /** @return egress port */
    public PortNumber outPort() {
        return outPort;
    }

    /**
     * Returns the same switch crossed the other way.
     *
     * @return hop entering by this hop's egress port
     */
    public Hop reverse() {
        return new Hop(deviceId, outPort, inPort);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Hop)) {
            return false;
        }
        Hop hop = (Hop) o;
        return deviceId.equals(hop.deviceId) && inPort.equals(hop.inPort) && outPort.equals(hop.outPort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, inPort, outPort);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("device", deviceId).add("in", inPort).add("out", outPort).toString();
    }
}
