/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ONOS holds for FlowSocket's rules: their flow entries, looked up the
 * cheapest way the running ONOS release allows, and their ids as ONOS's REST
 * API writes them.
 */
public final class OnosFlowEntries {

    // Whether this ONOS's FlowRuleService looks up one rule (see entriesOf).
    private static final boolean ONE_RULE_LOOKUP = hasOneRuleLookup();

    private OnosFlowEntries() {
    }

    /**
     * Returns ONOS's entry of a rule: same id and same rule.
     *
     * @param flowRuleService ONOS's flow rule service
     * @param rule            the rule
     * @return the entry, or null if ONOS has none
     */
    public static FlowEntry entryOf(FlowRuleService flowRuleService, FlowRule rule) {
        return entriesOf(flowRuleService, List.of(rule)).get(rule);
    }

    /**
     * Returns ONOS's entries for rules: looked up one by one in ONOS's store
     * where FlowRuleService can (getFlowEntry, in ONOS 2.5.6 and 2.7.0, but
     * not in 2.5.0 or 2.6.0), otherwise reading each device's table once.
     * Every getFlowEntries copies the device's whole table: a read per rule
     * made removing a flow cost its rules times the table's size.
     *
     * @param flowRuleService ONOS's flow rule service
     * @param rules           the rules
     * @return the entries ONOS has, by rule; rules ONOS does not list are absent
     */
    public static Map<FlowRule, FlowEntry> entriesOf(FlowRuleService flowRuleService, Collection<FlowRule> rules) {
        if (ONE_RULE_LOOKUP) {
            Map<FlowRule, FlowEntry> found = new HashMap<>();
            for (FlowRule rule : rules) {
                FlowEntry entry = flowRuleService.getFlowEntry(rule);
                if (entry != null) {
                    found.put(rule, entry);
                }
            }
            return found;
        }
        Map<DeviceId, Map<FlowId, List<FlowRule>>> wanted = new HashMap<>();
        for (FlowRule rule : rules) {
            wanted.computeIfAbsent(rule.deviceId(), d -> new HashMap<>())
                    .computeIfAbsent(rule.id(), i -> new ArrayList<>(1)).add(rule);
        }
        Map<FlowRule, FlowEntry> found = new HashMap<>();
        wanted.forEach((deviceId, byId) -> {
            for (FlowEntry entry : flowRuleService.getFlowEntries(deviceId)) {
                List<FlowRule> candidates = byId.get(entry.id());
                if (candidates != null) {
                    // Flow ids are hashes: equal ids need not be equal rules.
                    candidates.stream().filter(rule -> rule.equals(entry)).forEach(rule -> found.put(rule, entry));
                }
            }
        });
        return found;
    }

    /**
     * Returns a rule's id as ONOS's REST API writes and reads it: decimal
     * (as ONOS 2.5.6 FlowRuleCodec writes {@code id} and FlowsWebResource
     * parses {@code /flows/{deviceId}/{flowId}}). ONOS's CLI prints the same
     * number in hexadecimal.
     *
     * @param rule the rule
     * @return its flow id
     */
    public static String flowIdOf(FlowRule rule) {
        return Long.toString(rule.id().value());
    }

    private static boolean hasOneRuleLookup() {
        try {
            FlowRuleService.class.getMethod("getFlowEntry", FlowRule.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
