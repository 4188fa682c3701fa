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
import java.util.function.Predicate;

/**
 * Which flow owns each rule, cluster-wide: one entry per rule, keyed by the
 * rule as a switch tells it apart (device, table, priority and match), taken
 * with one {@code putIfAbsent}. Of two nodes installing an identical rule at
 * once exactly one gets it; the other learns the owner.
 */
final class RuleReservations {

    private static final String MAP_NAME = "flowsocket-rule-owners";

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
     * (deleted, FAILED, or never stored by a node that stopped before
     * storing it) is taken over with a conditional replace.
     *
     * @param flowId the flow
     * @param rules  its rules
     * @param live   tells whether a flow still owns its rules
     * @return the id of a flow that already owns one of the rules, if any;
     *         then nothing is reserved
     */
    Optional<String> reserve(String flowId, List<FlowRule> rules, Predicate<String> live) {
        List<FlowRule> taken = new ArrayList<>(rules.size());
        for (FlowRule rule : rules) {
            String key = keyOf(rule);
            String owner = operations.count(() -> Versioned.valueOrNull(owners.putIfAbsent(key, flowId)));
            while (owner != null && !owner.equals(flowId)) {
                if (live.test(owner)) {
                    release(flowId, taken);
                    return Optional.of(owner);
                }
                String stale = owner;
                owner = operations.count(() -> owners.replace(key, stale, flowId)) ? null
                        : operations.count(() -> Versioned.valueOrNull(owners.putIfAbsent(key, flowId)));
            }
            taken.add(rule);
        }
        return Optional.empty();
    }

    /**
     * Releases a flow's rules; an entry another flow took over stays.
     *
     * @param flowId the flow
     * @param rules  its rules
     */
    void release(String flowId, List<FlowRule> rules) {
        rules.forEach(rule -> operations.count(() -> owners.remove(keyOf(rule), flowId)));
    }

    // ONOS keeps a selector's criteria sorted by type (DefaultTrafficSelector),
    // so its text is the same on every node.
    static String keyOf(FlowRule rule) {
        Object table = rule.table() instanceof IndexTableId ? ((IndexTableId) rule.table()).id() : rule.table();
        return rule.deviceId() + "/" + table + "/" + rule.priority() + "/" + rule.selector().criteria();
    }
}
