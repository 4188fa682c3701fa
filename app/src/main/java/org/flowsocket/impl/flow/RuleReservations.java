/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onlab.util.KryoNamespace;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.IndexTableId;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Which flow owns each rule, cluster-wide: one entry per rule, keyed by the
 * rule as a switch tells it apart (device, table, priority and match), taken
 * with one {@code putIfAbsent}. Of two nodes installing an identical rule at
 * once exactly one gets it; the other learns the owner. An entry names the
 * flow and the node that reserved it ({@code fs-12@node1}): a flow not yet
 * stored is still owned while its node is active.
 */
final class RuleReservations {

    private static final String MAP_NAME = "flowsocket-rule-owners";
    private static final String SEPARATOR = "@";

    private final ConsistentMap<String, String> owners;
    private final StoreOperations operations;

    /**
     * Opens the reservations.
     *
     * @param storageService ONOS storage service
     * @param operations     counts the calls made to the store
     */
    RuleReservations(StorageService storageService, StoreOperations operations) {
        this.owners = storageService.<String, String>consistentMapBuilder().withName(MAP_NAME)
                .withSerializer(Serializer.using(KryoNamespace.newBuilder().nextId(KryoNamespace.INITIAL_ID)
                        .register(String.class, Versioned.class).build(MAP_NAME)))
                .build();
        this.operations = operations;
    }

    /**
     * Reserves every rule of a flow, or none. An entry whose owner is gone
     * is taken over with a conditional replace: a FAILED or deleted flow, or
     * one never stored by a node that left before storing it.
     *
     * @param flowId the flow
     * @param node   the node reserving them
     * @param rules  its rules
     * @param owns   tells whether an entry's flow (first argument) still owns
     *               its rules, given the node that reserved them
     * @return the id of a flow that already owns one of the rules, if any;
     *         then nothing is reserved
     */
    Optional<String> reserve(String flowId, String node, List<FlowRule> rules, BiPredicate<String, String> owns) {
        String entry = flowId + SEPARATOR + node;
        List<FlowRule> taken = new ArrayList<>(rules.size());
        for (FlowRule rule : rules) {
            String key = keyOf(rule);
            String current = operations.count(() -> Versioned.valueOrNull(owners.putIfAbsent(key, entry)));
            // An entry of this flow (made by any node) is the flow's already.
            while (current != null && !flowOf(current).equals(flowId)) {
                String owner = flowOf(current);
                if (owns.test(owner, current.substring(owner.length() + SEPARATOR.length()))) {
                    taken.forEach(r -> operations.count(() -> owners.remove(keyOf(r), entry)));
                    return Optional.of(owner);
                }
                String stale = current;
                current = operations.count(() -> owners.replace(key, stale, entry)) ? null
                        : operations.count(() -> Versioned.valueOrNull(owners.putIfAbsent(key, entry)));
            }
            taken.add(rule);
        }
        return Optional.empty();
    }

    /**
     * Releases a flow's rules; an entry another flow took over stays.
     *
     * @param flowId        the flow
     * @param reservingNode the node that most likely reserved them (the one
     *                      the flow was created through), or null
     * @param rules         its rules
     */
    void release(String flowId, String reservingNode, List<FlowRule> rules) {
        String likely = reservingNode == null ? null : flowId + SEPARATOR + reservingNode;
        for (FlowRule rule : rules) {
            String key = keyOf(rule);
            // One call for an entry as that node made it. Else read it: a
            // reroute reserves under another name, and an entry another flow
            // took over stays.
            if (likely != null && operations.count(() -> owners.remove(key, likely))) {
                continue;
            }
            String current = operations.count(() -> Versioned.valueOrNull(owners.get(key)));
            if (current != null && flowOf(current).equals(flowId)) {
                operations.count(() -> owners.remove(key, current));
            }
        }
    }

    private static String flowOf(String entry) {
        int at = entry.indexOf(SEPARATOR);
        return at < 0 ? entry : entry.substring(0, at);
    }

    // ONOS keeps a selector's criteria sorted by type (DefaultTrafficSelector),
    // so its text is the same on every node.
    static String keyOf(FlowRule rule) {
        Object table = rule.table() instanceof IndexTableId ? ((IndexTableId) rule.table()).id() : rule.table();
        return rule.deviceId() + "/" + table + "/" + rule.priority() + "/" + rule.selector().criteria();
    }
}
