/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static com.google.common.base.MoreObjects.toStringHelper;

/**
 * Traffic counted over a time window: packets and bytes, and the rates they
 * make. Immutable.
 */
public final class Rate {

    private final long packets;
    private final long bytes;
    private final long fromMillis;
    private final long toMillis;
    private final boolean restarted;

    Rate(long packets, long bytes, long fromMillis, long toMillis, boolean restarted) {
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

    /**
     * Adds the rates to a JSON object: {@code packetRate} (per second, one
     * decimal) and {@code bitRate} (bits per second).
     *
     * @param json the object
     * @return the object
     */
    ObjectNode putRates(ObjectNode json) {
        json.put("packetRate", Math.round(packetRate() * 10) / 10.0);
        json.put("bitRate", bitRate());
        return json;
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("packets", packets).add("bytes", bytes).add("from", fromMillis)
                .add("to", toMillis).add("restarted", restarted).toString();
    }
}
