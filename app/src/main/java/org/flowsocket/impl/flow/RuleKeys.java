/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onlab.packet.IpPrefix;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.IndexTableId;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.IPCriterion;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The keys rules are reserved by: a rule as a switch tells it apart
 * (device, table, priority and match), as text.
 */
final class RuleKeys {

    // ONOS's IPv4 text (IpAddress and IpPrefix.toString, 2.5.0 to 2.7.0)
    // formats each number with String.format: a third of an install's
    // reservation work. Written here digit for digit the same, as long as
    // String.format writes plain digits (it follows the default locale).
    private static final boolean PLAIN_DIGITS = String.format("%d", 1234567890).equals("1234567890");

    private RuleKeys() {
    }

    /**
     * Returns each rule's key once, in one order for every node.
     *
     * @param rules the rules
     * @return their keys, sorted
     */
    static List<String> keysOf(List<FlowRule> rules) {
        return rules.stream().map(RuleKeys::keyOf).distinct().sorted().collect(Collectors.toList());
    }

    /**
     * Returns a rule's key: device, table, priority and ONOS's text of its
     * criteria ({@code of:0000000000000001/0/40000/[ETH_TYPE:ipv4, IPV4_DST:10.0.0.2/32]}).
     * ONOS keeps a selector's criteria sorted by type (DefaultTrafficSelector),
     * so the text is the same on every node. Every node of a cluster must make
     * the same text for the same rule.
     *
     * @param rule the rule
     * @return its key
     */
    static String keyOf(FlowRule rule) {
        Object table = rule.table() instanceof IndexTableId ? ((IndexTableId) rule.table()).id() : rule.table();
        StringBuilder key = new StringBuilder(128).append(rule.deviceId()).append('/').append(table)
                .append('/').append(rule.priority()).append("/[");
        String separator = "";
        for (Criterion criterion : rule.selector().criteria()) {
            key.append(separator);
            appendCriterion(key, criterion);
            separator = ", ";
        }
        return key.append(']').toString();
    }

    private static void appendCriterion(StringBuilder key, Criterion criterion) {
        IpPrefix ip = criterion instanceof IPCriterion ? ((IPCriterion) criterion).ip() : null;
        if (ip == null || !ip.isIp4() || !PLAIN_DIGITS) {
            key.append(criterion);
            return;
        }
        // IPCriterion.toString: type, Criterion.SEPARATOR, prefix
        key.append(criterion.type()).append(Criterion.SEPARATOR);
        byte[] octets = ip.address().toOctets();
        key.append(octets[0] & 0xff).append('.').append(octets[1] & 0xff).append('.')
                .append(octets[2] & 0xff).append('.').append(octets[3] & 0xff)
                .append('/').append(ip.prefixLength());
    }
}
