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
 * being added or modified, given by {@link SimulatedNetwork#refuse},
 * {@link SimulatedNetwork#refuseAll} or {@link SimulatedNetwork#refuseNext}.
 * Thread-safe.
 */
public final class Refusal implements AutoCloseable {

    private final DeviceId deviceId;
    private final Predicate<FlowRule> which;
    private final FlowModFailure reason;
    /** Rules still to refuse, or -1 for every rule. */
    private final AtomicInteger remaining;
    private final AtomicInteger refused = new AtomicInteger();
    private final Collection<Refusal> standing;

    /**
     * @param deviceId switch, or null for every switch
     * @param which    rules to refuse
     * @param reason   OpenFlow error reported to ONOS
     * @param count    how many rules to refuse, or -1 for every rule until it is lifted
     * @param standing the refusals in force, which this one leaves when lifted or done
     */
    Refusal(DeviceId deviceId, Predicate<FlowRule> which, FlowModFailure reason, int count,
            Collection<Refusal> standing) {
        this.deviceId = deviceId;
        this.which = requireNonNull(which);
        this.reason = requireNonNull(reason);
        this.remaining = new AtomicInteger(count);
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
        if (remaining.get() < 0) {
            refused.incrementAndGet();
            return true;
        }
        if (remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
            refused.incrementAndGet();
            if (remaining.get() == 0) {
                close();
            }
            return true;
        }
        return false;
    }
}
