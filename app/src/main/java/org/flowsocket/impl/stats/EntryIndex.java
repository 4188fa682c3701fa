/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import org.flowsocket.api.RuleSample;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;

import java.util.HashMap;
import java.util.Map;

/**
 * ONOS's flow entries of the devices asked about, each device's read once:
 * a snapshot for one round of measurements. Not thread-safe.
 */
final class EntryIndex {

    private final FlowRuleService rules;
    private final Map<DeviceId, Map<FlowId, FlowEntry>> tables = new HashMap<>();

    EntryIndex(FlowRuleService rules) {
        this.rules = rules;
    }

    /**
     * Returns ONOS's entry of a rule.
     *
     * @param rule the rule
     * @return its entry, or null if ONOS has none
     */
    FlowEntry entry(FlowRule rule) {
        Map<FlowId, FlowEntry> table = tables.computeIfAbsent(rule.deviceId(), d -> {
            Map<FlowId, FlowEntry> byId = new HashMap<>();
            rules.getFlowEntries(d).forEach(e -> byId.put(e.id(), e));
            return byId;
        });
        FlowEntry entry = table.get(rule.id());
        return entry != null && rule.equals(entry) ? entry : null;
    }

    /**
     * Returns the counters of a rule the switch holds (ONOS's entry is ADDED).
     *
     * @param rule the rule
     * @return its sample, or null if the switch has not reported it
     */
    RuleSample sample(FlowRule rule) {
        FlowEntry entry = entry(rule);
        return entry != null && entry.state() == FlowEntry.FlowEntryState.ADDED ? RuleSample.of(entry) : null;
    }
}
