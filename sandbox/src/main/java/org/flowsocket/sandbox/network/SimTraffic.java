/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import com.google.common.collect.ImmutableMap;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.PortCriterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The traffic the simulated hosts send through the rules that carry it: a
 * constant bit rate per rule, by default the rate of the traffic class the
 * rule marks (its DSCP), or a rate set for the rule. A rule that marks no
 * DSCP carries nothing unless a rate is set for it. Used on the network's
 * thread.
 */
final class SimTraffic {

    /** A traffic class's default rate and packet size. */
    static final class Profile {
        final long bitsPerSecond;
        final int packetBytes;

        Profile(long bitsPerSecond, int packetBytes) {
            this.bitsPerSecond = bitsPerSecond;
            this.packetBytes = packetBytes;
        }
    }

    /** Packet size of traffic without a class: a full Ethernet frame. */
    static final int DEFAULT_PACKET_BYTES = 1514;

    /**
     * Default traffic per DSCP, after what such traffic typically is: one
     * G.711 call (50 frames of 218 bytes a second), a video call, a business
     * application, web browsing, a backup.
     */
    static final Map<Integer, Profile> CLASS_PROFILES = ImmutableMap.of(
            46, new Profile(87_200, 218),
            34, new Profile(2_000_000, 1200),
            26, new Profile(1_000_000, 800),
            0, new Profile(5_000_000, DEFAULT_PACKET_BYTES),
            10, new Profile(20_000_000, DEFAULT_PACKET_BYTES));

    private final Map<FlowId, Long> ruleRates = new HashMap<>();

    /**
     * Sets the rate of some rules, replacing their class's.
     *
     * @param rules         the rules' ids
     * @param bitsPerSecond the rate, zero or more
     */
    void setRate(Collection<FlowId> rules, long bitsPerSecond) {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("a rate cannot be negative: " + bitsPerSecond);
        }
        rules.forEach(r -> ruleRates.put(r, bitsPerSecond));
    }

    /**
     * Gives rules their class's rate again.
     *
     * @param rules the rules' ids
     */
    void clearRate(Collection<FlowId> rules) {
        rules.forEach(ruleRates::remove);
    }

    /** @return the rules with a rate set, and their rates */
    Map<FlowId, Long> rates() {
        return ImmutableMap.copyOf(ruleRates);
    }

    /**
     * Returns the bit rate a rule carries.
     *
     * @param rule the rule
     * @return bits per second
     */
    long bitsPerSecond(FlowRule rule) {
        Long set = ruleRates.get(rule.id());
        if (set != null) {
            return set;
        }
        OptionalInt dscp = dscpOf(rule);
        Profile profile = dscp.isPresent() ? CLASS_PROFILES.get(dscp.getAsInt()) : null;
        return profile == null ? 0 : profile.bitsPerSecond;
    }

    /**
     * Returns the size of the packets a rule carries.
     *
     * @param rule the rule
     * @return bytes per packet, Ethernet header included
     */
    int packetBytes(FlowRule rule) {
        OptionalInt dscp = dscpOf(rule);
        Profile profile = dscp.isPresent() ? CLASS_PROFILES.get(dscp.getAsInt()) : null;
        return profile == null ? DEFAULT_PACKET_BYTES : profile.packetBytes;
    }

    /**
     * Returns the port a rule's traffic comes in by.
     *
     * @param rule the rule
     * @return its IN_PORT, or null if it matches none
     */
    static PortNumber inPort(FlowRule rule) {
        Criterion c = rule.selector().getCriterion(Criterion.Type.IN_PORT);
        return c == null ? null : ((PortCriterion) c).port();
    }

    /**
     * Returns the ports a rule's traffic goes out of.
     *
     * @param rule the rule
     * @return its OUTPUT ports that are physical ports
     */
    static List<PortNumber> outPorts(FlowRule rule) {
        List<PortNumber> out = new ArrayList<>();
        for (Instruction i : rule.treatment().allInstructions()) {
            if (i instanceof Instructions.OutputInstruction) {
                PortNumber port = ((Instructions.OutputInstruction) i).port();
                if (!port.isLogical()) {
                    out.add(port);
                }
            }
        }
        return out;
    }

    private static OptionalInt dscpOf(FlowRule rule) {
        for (Instruction i : rule.treatment().allInstructions()) {
            if (i instanceof L3ModificationInstruction.ModDscpInstruction) {
                return OptionalInt.of(((L3ModificationInstruction.ModDscpInstruction) i).dscp());
            }
        }
        return OptionalInt.empty();
    }
}
