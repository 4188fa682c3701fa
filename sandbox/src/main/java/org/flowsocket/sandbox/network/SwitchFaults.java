/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The faults a test injects into the simulated switches: how long they take
 * to answer ONOS (acknowledgement latency, per network or per switch) and
 * which flow rules they refuse. Thread-safe: set from any thread, read on
 * the network's thread.
 */
final class SwitchFaults {

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final Map<DeviceId, Duration> deviceLatency = new ConcurrentHashMap<>();
    private volatile Duration ackLatency;

    /**
     * @param ackLatency the acknowledgement latency of switches without their own
     */
    SwitchFaults(Duration ackLatency) {
        this.ackLatency = requireNonNull(ackLatency);
    }

    void setAckLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("Negative latency");
        }
        this.ackLatency = latency;
    }

    void setAckLatency(DeviceId deviceId, Duration latency) {
        if (latency == null) {
            deviceLatency.remove(deviceId);
        } else if (latency.isNegative()) {
            throw new IllegalArgumentException("Negative latency");
        } else {
            deviceLatency.put(deviceId, latency);
        }
    }

    /**
     * Returns how long a switch takes to answer ONOS.
     *
     * @param deviceId the switch
     * @return its own latency, or the network's
     */
    Duration latencyFor(DeviceId deviceId) {
        return deviceLatency.getOrDefault(deviceId, ackLatency);
    }

    /**
     * Adds a refusal.
     *
     * @param deviceId switch, or null for every switch
     * @param which    rules to refuse
     * @param reason   OpenFlow error reported to ONOS
     * @param count    how many rules to refuse, or -1 for every rule until it is lifted
     * @return the refusal
     */
    Refusal refuse(DeviceId deviceId, Predicate<FlowRule> which, FlowModFailure reason, int count) {
        Refusal r = new Refusal(deviceId, which, reason, count, refusals);
        refusals.add(r);
        return r;
    }

    /** Lifts every refusal. */
    void clearRefusals() {
        refusals.clear();
    }

    /**
     * Tells whether a switch refuses a rule; a refusal that takes it counts it.
     *
     * @param rule the rule being added or modified
     * @return the error the switch reports, or empty if it accepts the rule
     */
    Optional<FlowModFailure> refusal(FlowRule rule) {
        for (Refusal r : refusals) {
            if (r.take(rule)) {
                return Optional.of(r.reason());
            }
        }
        return Optional.empty();
    }
}
