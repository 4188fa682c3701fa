/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * A standing instruction to the simulated switches to refuse flow rules
 * being added or modified, given by {@link SwitchFaults#refuse} or
 * {@link SwitchFaults#refuseAll}.
 * Thread-safe.
 */
public final class Refusal implements AutoCloseable {

    private final DeviceId deviceId;
    private final Predicate<FlowRule> which;
    private final FlowModFailure reason;
    private final AtomicInteger refused = new AtomicInteger();
    private final Collection<Refusal> standing;

    /**
     * @param deviceId switch, or null for every switch
     * @param which    rules to refuse
     * @param reason   OpenFlow error reported to ONOS
     * @param standing the refusals in force, which this one leaves when lifted
     */
    Refusal(DeviceId deviceId, Predicate<FlowRule> which, FlowModFailure reason, Collection<Refusal> standing) {
        this.deviceId = deviceId;
        this.which = requireNonNull(which);
        this.reason = requireNonNull(reason);
        this.standing = requireNonNull(standing);
    }

    /** @return how many rules this refusal has refused so far */
    public int refusedCount() {
        return refused.get();
    }

    /** @return the error it reports */
    public FlowModFailure reason() {
        return reason;
    }

    /** Lifts this refusal. */
    @Override
    public void close() {
        standing.remove(this);
    }

    /**
     * Tells whether this refusal takes a rule, and counts it if it does.
     *
     * @param rule a rule being added or modified
     * @return true if the switch refuses it
     */
    boolean take(FlowRule rule) {
        if (deviceId != null && !deviceId.equals(rule.deviceId())) {
            return false;
        }
        if (!which.test(rule)) {
            return false;
        }
        refused.incrementAndGet();
        return true;
    }
}
