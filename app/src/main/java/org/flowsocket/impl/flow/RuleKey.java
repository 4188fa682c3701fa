/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

/**
 * A rule as ONOS tells it apart (SimpleFlowRuleStore and the distributed
 * flow rule store find an entry by device and flow id, then compare the
 * rule): device, flow id, table, priority and match. The key of every map
 * FlowSocket keeps by rule.
 * <p>
 * {@link FlowRule#hashCode} (ONOS 2.5.0 to 2.7.0) hashes the match's
 * addresses with {@code Arrays.hashCode} of their bytes: destinations that
 * differ in their last two bytes share a hash by the handful, and a map of
 * the rules in flight compares rule after rule. The flow id's low 32 bits
 * are ONOS's murmur3 hash of device, match, priority and table, so this key
 * spreads; the rest of the comparison only confirms, as two rules may share
 * a flow id. FlowSocket's rules all carry its application's id, so two of
 * its rules equal as FlowRules have the same flow id.
 */
final class RuleKey {
    private final FlowRule rule;
    private final DeviceId deviceId;
    private final long flowId;

    /**
     * Makes the key of a rule.
     *
     * @param rule the rule
     */
    RuleKey(FlowRule rule) {
        this.rule = rule;
        this.deviceId = rule.deviceId();
        this.flowId = rule.id().value();
    }

    /**
     * Returns the rule this key was made of.
     *
     * @return the rule
     */
    FlowRule rule() {
        return rule;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RuleKey)) {
            return false;
        }
        RuleKey k = (RuleKey) o;
        return k.flowId == flowId && k.deviceId.equals(deviceId) && k.rule.priority() == rule.priority()
                && k.rule.table().equals(rule.table()) && k.rule.selector().equals(rule.selector());
    }

    @Override
    public int hashCode() {
        return deviceId.hashCode() * 31 + Long.hashCode(flowId);
    }
}
