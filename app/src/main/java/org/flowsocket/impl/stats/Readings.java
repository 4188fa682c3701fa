/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import org.flowsocket.api.RuleSample;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last two distinct readings of rules' counters: a rate is measured
 * from the earlier to the later, and stays the same until ONOS has newer
 * counters. Thread-safe; two samples per rule.
 */
final class Readings {

    private final Map<FlowId, Reading> readings = new ConcurrentHashMap<>();

    /**
     * Returns the sample a rule's current one is measured from.
     *
     * @param rule    the rule
     * @param current its current sample
     * @return the earlier sample, or null if there is none
     */
    RuleSample earlier(FlowRule rule, RuleSample current) {
        Reading r = readings.get(rule.id());
        if (r == null) {
            return null;
        }
        return current.newerThan(r.latest) ? r.latest : r.earlier;
    }

    /**
     * Returns the latest sample recorded of a rule.
     *
     * @param rule the rule
     * @return its sample, or null if none was recorded
     */
    RuleSample latest(FlowRule rule) {
        Reading r = readings.get(rule.id());
        return r == null ? null : r.latest;
    }

    /**
     * Records a rule's sample, if it is newer than the latest recorded.
     *
     * @param rule   the rule
     * @param sample its sample
     */
    void record(FlowRule rule, RuleSample sample) {
        readings.compute(rule.id(), (id, r) -> r == null ? new Reading(null, sample)
                : sample.newerThan(r.latest) ? new Reading(r.latest, sample) : r);
    }

    /**
     * Forgets a rule.
     *
     * @param rule the rule
     */
    void forget(FlowRule rule) {
        readings.remove(rule.id());
    }

    /**
     * Forgets every rule but some.
     *
     * @param kept the rules to keep
     */
    void retainOnly(Set<FlowId> kept) {
        readings.keySet().retainAll(kept);
    }

    /** @return number of rules recorded */
    int size() {
        return readings.size();
    }

    private static final class Reading {
        final RuleSample earlier;
        final RuleSample latest;

        Reading(RuleSample earlier, RuleSample latest) {
            this.earlier = earlier;
            this.latest = latest;
        }
    }
}
