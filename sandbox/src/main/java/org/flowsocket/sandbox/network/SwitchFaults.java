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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The faults a test injects into the simulated switches: how long they take
 * to answer ONOS (acknowledgement latency, per network or per switch) and
 * which flow rules they refuse. Thread-safe: set from any thread, read on
 * the network's thread.
 */
final class SwitchFaults {

    private final List<StandingRefusal> refusals = new CopyOnWriteArrayList<>();
    private final Map<DeviceId, Duration> deviceLatency = new ConcurrentHashMap<>();
    private volatile Duration ackLatency;

    /**
     * @param ackLatency the acknowledgement latency of switches without their own
     */
    SwitchFaults(Duration ackLatency) {
        this.ackLatency = requireNonNull(ackLatency);
    }

    /** @return the acknowledgement latency of switches without their own */
    Duration ackLatency() {
        return ackLatency;
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
    SimulatedNetwork.Refusal refuse(DeviceId deviceId, Predicate<FlowRule> which, FlowModFailure reason,
                                    int count) {
        StandingRefusal r = new StandingRefusal(deviceId, which, reason, count);
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
        for (StandingRefusal r : refusals) {
            if (r.take(rule)) {
                return Optional.of(r.reason);
            }
        }
        return Optional.empty();
    }

    private final class StandingRefusal implements SimulatedNetwork.Refusal {
        private final DeviceId deviceId;
        private final Predicate<FlowRule> which;
        private final FlowModFailure reason;
        /** Rules still to refuse, or -1 for every rule. */
        private final AtomicInteger remaining;
        private final AtomicInteger refused = new AtomicInteger();

        StandingRefusal(DeviceId deviceId, Predicate<FlowRule> which, FlowModFailure reason, int count) {
            this.deviceId = deviceId;
            this.which = requireNonNull(which);
            this.reason = requireNonNull(reason);
            this.remaining = new AtomicInteger(count);
        }

        @Override
        public int refusedCount() {
            return refused.get();
        }

        @Override
        public FlowModFailure reason() {
            return reason;
        }

        @Override
        public void close() {
            refusals.remove(this);
        }

        // Returns true if this refusal takes the rule.
        boolean take(FlowRule rule) {
            if (deviceId != null && !deviceId.equals(rule.deviceId())) {
                return false;
            }
            if (!which.test(rule)) {
                return false;
            }
            if (remaining.get() < 0) {
                refused.incrementAndGet();
                return true;
            }
            if (remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
                refused.incrementAndGet();
                if (remaining.get() == 0) {
                    refusals.remove(this);
                }
                return true;
            }
            return false;
        }
    }
}
