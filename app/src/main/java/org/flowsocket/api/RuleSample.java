/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.net.flow.FlowEntry;

import static com.google.common.base.MoreObjects.toStringHelper;

/**
 * One reading of a rule's counters as ONOS holds them: packets and bytes
 * since the switch installed the rule, the rule's life the switch reported,
 * and when ONOS got that report ({@link FlowEntry#lastSeen()}, which ONOS's
 * flow rule store sets on every statistics update). Immutable.
 */
public final class RuleSample {

    private final long packets;
    private final long bytes;
    private final long lifeSeconds;
    private final long seenMillis;

    /**
     * Creates a sample.
     *
     * @param packets     packets since the rule was installed
     * @param bytes       bytes since the rule was installed
     * @param lifeSeconds the rule's life as the switch reported it
     * @param seenMillis  when ONOS got the counters, epoch ms
     */
    public RuleSample(long packets, long bytes, long lifeSeconds, long seenMillis) {
        this.packets = packets;
        this.bytes = bytes;
        this.lifeSeconds = lifeSeconds;
        this.seenMillis = seenMillis;
    }

    /**
     * Reads an entry's counters.
     *
     * @param entry ONOS's flow entry
     * @return the sample
     */
    public static RuleSample of(FlowEntry entry) {
        return new RuleSample(entry.packets(), entry.bytes(), entry.life(), entry.lastSeen());
    }

    /** @return packets the rule matched since it was installed */
    public long packets() {
        return packets;
    }

    /** @return bytes the rule matched since it was installed */
    public long bytes() {
        return bytes;
    }

    /** @return when ONOS got these counters, epoch ms */
    public long seenMillis() {
        return seenMillis;
    }

    /**
     * Tells whether this sample is newer than another of the same rule.
     *
     * @param other an earlier sample, or null
     * @return true if ONOS got these counters after the other's
     */
    public boolean newerThan(RuleSample other) {
        return other == null || seenMillis > other.seenMillis;
    }

    /**
     * Tells whether another sample of the same rule holds the same reading:
     * the same counters and life, whenever ONOS noted it.
     *
     * @param other another sample
     * @return true if the switch reported the same
     */
    public boolean sameReading(RuleSample other) {
        return packets == other.packets && bytes == other.bytes && lifeSeconds == other.lifeSeconds;
    }

    /**
     * Returns the traffic since an earlier sample of the same rule. When the
     * counters or the rule's life went down, the switch restarted counting
     * (the rule was reinstalled, or the switch restarted): the traffic is
     * then what was counted since the restart, over the rule's life. The
     * same holds without an earlier sample.
     *
     * @param earlier an earlier sample, or null
     * @return the traffic between the two
     */
    public TrafficRate since(RuleSample earlier) {
        boolean restarted = earlier != null && (packets < earlier.packets || bytes < earlier.bytes
                || lifeSeconds < earlier.lifeSeconds);
        if (earlier == null || restarted) {
            return new TrafficRate(packets, bytes, seenMillis - lifeSeconds * 1000, seenMillis, restarted);
        }
        return new TrafficRate(packets - earlier.packets, bytes - earlier.bytes, earlier.seenMillis, seenMillis, false);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("packets", packets).add("bytes", bytes).add("life", lifeSeconds)
                .add("seen", seenMillis).toString();
    }
}
