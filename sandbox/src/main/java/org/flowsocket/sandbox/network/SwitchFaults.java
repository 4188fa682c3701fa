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
 * The faults a test injects into the simulated switches
 * ({@link SimulatedNetwork#faults()}): how long they take to answer ONOS
 * (acknowledgement latency, per network or per switch) and which flow rules
 * they refuse. Thread-safe: set from any thread, read on the network's
 * thread.
 */
public final class SwitchFaults {

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final Map<DeviceId, Duration> deviceLatency = new ConcurrentHashMap<>();
    private volatile Duration ackLatency;

    /**
     * @param ackLatency the acknowledgement latency of switches without their own
     */
    SwitchFaults(Duration ackLatency) {
        this.ackLatency = requireNonNull(ackLatency);
    }

    /**
     * Sets the batch acknowledgement latency of every switch without its own.
     *
     * @param latency latency (zero or more)
     */
    public void setAckLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("Negative latency");
        }
        this.ackLatency = latency;
    }

    /**
     * Sets one switch's acknowledgement latency.
     *
     * @param deviceId switch
     * @param latency  latency, or null to use the network's
     */
    public void setAckLatency(DeviceId deviceId, Duration latency) {
        if (latency == null) {
            deviceLatency.remove(deviceId);
        } else if (latency.isNegative()) {
            throw new IllegalArgumentException("Negative latency");
        } else {
            deviceLatency.put(deviceId, latency);
        }
    }

    /**
     * Makes switches refuse the flow rules a predicate selects (partial
     * batches: other rules of the same batch are installed). Applies to rules
     * being added or modified, until the returned refusal is closed.
     *
     * @param deviceId switch, or null for every switch
     * @param which    rules to refuse
     * @param reason   OpenFlow error reported to ONOS
     * @return the refusal (close it to lift it)
     */
    public Refusal refuse(DeviceId deviceId, Predicate<FlowRule> which, FlowModFailure reason) {
        Refusal r = new Refusal(deviceId, which, reason, refusals);
        refusals.add(r);
        return r;
    }

    /**
     * Makes a switch refuse every rule it is sent (whole batches), until the
     * returned refusal is closed.
     *
     * @param deviceId switch, or null for every switch
     * @param reason   OpenFlow error reported to ONOS
     * @return the refusal
     */
    public Refusal refuseAll(DeviceId deviceId, FlowModFailure reason) {
        return refuse(deviceId, r -> true, reason);
    }

    /** Lifts every refusal. */
    public void clearRefusals() {
        refusals.clear();
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
