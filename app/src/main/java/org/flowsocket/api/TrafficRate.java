/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import static com.google.common.base.MoreObjects.toStringHelper;

/**
 * Traffic counted over a time window: packets and bytes, and the rates they
 * make. Immutable.
 */
public final class TrafficRate {

    private final long packets;
    private final long bytes;
    private final long fromMillis;
    private final long toMillis;
    private final boolean restarted;

    /**
     * Creates a measurement.
     *
     * @param packets    packets counted in the window
     * @param bytes      bytes counted in the window
     * @param fromMillis start of the window, epoch ms
     * @param toMillis   end of the window, epoch ms (not before the start)
     * @param restarted  whether the switch restarted counting within the window
     */
    public TrafficRate(long packets, long bytes, long fromMillis, long toMillis, boolean restarted) {
        this.packets = packets;
        this.bytes = bytes;
        this.fromMillis = fromMillis;
        this.toMillis = Math.max(fromMillis, toMillis);
        this.restarted = restarted;
    }

    /** @return packets counted in the window */
    public long packets() {
        return packets;
    }

    /** @return bytes counted in the window */
    public long bytes() {
        return bytes;
    }

    /** @return start of the window, epoch ms */
    public long fromMillis() {
        return fromMillis;
    }

    /** @return end of the window, epoch ms */
    public long toMillis() {
        return toMillis;
    }

    /** @return whether the switch restarted counting within the window */
    public boolean restarted() {
        return restarted;
    }

    /** @return packets per second over the window; 0 for an empty window */
    public double packetRate() {
        long window = toMillis - fromMillis;
        return window == 0 ? 0 : packets * 1000.0 / window;
    }

    /** @return bits per second over the window; 0 for an empty window */
    public long bitRate() {
        long window = toMillis - fromMillis;
        return window == 0 ? 0 : Math.round(bytes * 8000.0 / window);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("packets", packets).add("bytes", bytes).add("from", fromMillis)
                .add("to", toMillis).add("restarted", restarted).toString();
    }
}
