/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.southbound.SouthboundThread;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowId;

import java.util.Collection;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The traffic the simulated network's hosts send through the switches'
 * rules, and the switches' counters of it, as an administrator changes them
 * ({@link SimulatedNetwork#traffic()}). By default a rule carries its
 * traffic class's rate (told by the DSCP it marks); a rate set for a rule
 * replaces it. Before each change the traffic until then is counted at the
 * rates that held until then, so a change never rewrites what was counted.
 * The methods run on the network's thread and return once it is done.
 */
public final class SimulatedTraffic {

    private final SouthboundThread thread;
    private final SimSwitches switches;

    SimulatedTraffic(SouthboundThread thread, SimSwitches switches) {
        this.thread = requireNonNull(thread);
        this.switches = requireNonNull(switches);
    }

    /**
     * Sets the bit rate of the traffic some rules carry, in place of their
     * traffic class's. The traffic counted so far keeps its old rate.
     *
     * @param rules         the rules' ids (a flow's rules on every switch)
     * @param bitsPerSecond the rate, zero or more
     * @throws IllegalArgumentException if the rate is negative
     */
    public void setRate(Collection<FlowId> rules, long bitsPerSecond) {
        thread.run(() -> {
            countUntilNow();
            switches.traffic().setRate(rules, bitsPerSecond);
        });
    }

    /**
     * Gives rules their traffic class's rate again.
     *
     * @param rules the rules' ids
     */
    public void clearRate(Collection<FlowId> rules) {
        thread.run(() -> {
            countUntilNow();
            switches.traffic().clearRate(rules);
        });
    }

    /**
     * Returns the rules whose rate was set in place of their class's.
     *
     * @return their ids and rates, in bits per second
     */
    public Map<FlowId, Long> rates() {
        return thread.call(() -> switches.traffic().rates());
    }

    /**
     * Restarts the packet and byte counters and the durations of a switch's
     * rules, as a switch reports them after it restarted and its rules were
     * restored.
     *
     * @param deviceId switch
     * @throws IllegalArgumentException if the network has no such switch
     */
    public void resetCounters(DeviceId deviceId) {
        thread.run(() -> {
            countUntilNow();
            switches.get(deviceId).resetCounters(System.currentTimeMillis());
        });
    }

    // Counts every switch's traffic until now at the rates that held until now.
    private void countUntilNow() {
        long now = System.currentTimeMillis();
        switches.all().forEach(s -> s.count(now, switches.traffic()));
    }
}
