/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onlab.packet.IpPrefix;
import org.onlab.util.KryoNamespace;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.IndexTableId;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Which flow owns each rule, cluster-wide: one entry per rule, keyed by the
 * rule as a switch tells it apart (device, table, priority and match), taken
 * with one {@code putIfAbsent}. Of two nodes installing an identical rule at
 * once exactly one gets it; the other learns the owner. An entry names the
 * flow and the node that reserved it ({@code fs-12@node1}): a flow not yet
 * stored is still owned while its node is active.
 * <p>
 * A flow's first rule (in the keys' order) is taken alone, the others all
 * at once: a request waits for two round trips to the store whatever its
 * rules. Two identical flows have the same first rule, so exactly one gets
 * past it. (Two flows that share some rules but not their first may both
 * lose, each to the other.)
 */
final class RuleReservations {

    private static final Logger log = LoggerFactory.getLogger(RuleReservations.class);
    private static final String MAP_NAME = "flowsocket-rule-owners";
    private static final String SEPARATOR = "@";
    // ONOS's IPv4 text (IpAddress and IpPrefix.toString, 2.5.0 to 2.7.0)
    // formats each number with String.format: a third of an install's
    // reservation work. Written here digit for digit the same, as long as
    // String.format writes plain digits (it follows the default locale).
    private static final boolean PLAIN_DIGITS = String.format("%d", 1234567890).equals("1234567890");

    private final AsyncConsistentMap<String, String> owners;
    // ONOS's synchronous view of that map, as its ConsistentMapBuilder.build()
    // makes it (ONOS 2.5.6 AtomixConsistentMapBuilder: buildAsyncMap().asConsistentMap()).
    private final ConsistentMap<String, String> ownersOneAtATime;
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
                .buildAsyncMap();
        this.ownersOneAtATime = owners.asConsistentMap();
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
        List<String> keys = keysOf(rules);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String first = keys.get(0);
        Optional<String> owner = settle(first, entry, flowId, owns,
                operations.count(() -> Versioned.valueOrNull(ownersOneAtATime.putIfAbsent(first, entry))));
        if (owner.isPresent()) {
            return owner;
        }
        Map<String, String> found = operations.together(MAP_NAME, keys.subList(1, keys.size()),
                key -> owners.putIfAbsent(key, entry).thenApply(Versioned::valueOrNull),
                calls -> undo(first, entry, calls));
        // An entry of this flow (made by any node) is the flow's already.
        List<String> taken = new ArrayList<>(keys.size());
        taken.add(first);
        found.forEach((key, current) -> {
            if (current == null || flowOf(current).equals(flowId)) {
                taken.add(key);
            }
        });
        try {
            for (Map.Entry<String, String> contested : found.entrySet()) {
                String key = contested.getKey();
                if (taken.contains(key)) {
                    continue;
                }
                owner = settle(key, entry, flowId, owns, contested.getValue());
                if (owner.isPresent()) {
                    operations.together(MAP_NAME, taken, k -> owners.remove(k, entry), calls -> { });
                    return owner;
                }
                taken.add(key);
            }
        } catch (RuntimeException e) {
            taken.forEach(key -> giveBack(key, entry));
            throw e;
        }
        return Optional.empty();
    }

    // Takes a rule whose entry is another flow's if that flow no longer owns it.
    private Optional<String> settle(String key, String entry, String flowId, BiPredicate<String, String> owns,
                                    String found) {
        String current = found;
        while (current != null && !flowOf(current).equals(flowId)) {
            String owner = flowOf(current);
            if (owns.test(owner, current.substring(owner.length() + SEPARATOR.length()))) {
                return Optional.of(owner);
            }
            String stale = current;
            current = operations.count(() -> ownersOneAtATime.replace(key, stale, entry)) ? null
                    : operations.count(() -> Versioned.valueOrNull(ownersOneAtATime.putIfAbsent(key, entry)));
        }
        return Optional.empty();
    }

    // The store failed while the rules were being taken all at once: gives
    // back the first and each one taken, also one whose call ends after the
    // wait gave up.
    private void undo(String first, String entry, Map<String, CompletableFuture<String>> calls) {
        giveBack(first, entry);
        calls.forEach((key, call) -> call.thenAccept(previous -> {
            if (previous == null) {
                giveBack(key, entry);
            }
        }));
    }

    private void giveBack(String key, String entry) {
        owners.remove(key, entry).whenComplete((removed, error) -> {
            if (error != null) {
                log.warn("Could not give back the reservation of rule {} after a store failure: {}",
                         key, error.toString());
            }
        });
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
        List<String> unsure = keysOf(rules);
        if (reservingNode != null && !unsure.isEmpty()) {
            // One call for an entry as that node made it.
            String likely = flowId + SEPARATOR + reservingNode;
            Map<String, Boolean> removed = operations.together(MAP_NAME, unsure,
                    key -> owners.remove(key, likely), calls -> { });
            unsure = unsure.stream().filter(key -> !removed.get(key)).collect(Collectors.toList());
        }
        if (unsure.isEmpty()) {
            return;
        }
        // Else read it: a reroute reserves under another name, and an entry
        // another flow took over stays.
        Map<String, String> current = operations.together(MAP_NAME, unsure,
                key -> owners.get(key).thenApply(Versioned::valueOrNull), calls -> { });
        List<String> ours = unsure.stream()
                .filter(key -> current.get(key) != null && flowOf(current.get(key)).equals(flowId))
                .collect(Collectors.toList());
        if (!ours.isEmpty()) {
            operations.together(MAP_NAME, ours, key -> owners.remove(key, current.get(key)), calls -> { });
        }
    }

    private static String flowOf(String entry) {
        int at = entry.indexOf(SEPARATOR);
        return at < 0 ? entry : entry.substring(0, at);
    }

    // Each rule's key once, in one order for every node.
    private static List<String> keysOf(List<FlowRule> rules) {
        return rules.stream().map(RuleReservations::keyOf).distinct().sorted().collect(Collectors.toList());
    }

    /**
     * Returns a rule's key: device, table, priority and ONOS's text of its
     * criteria ({@code of:0000000000000001/0/40000/[ETH_TYPE:ipv4, IPV4_DST:10.0.0.2/32]}).
     * ONOS keeps a selector's criteria sorted by type (DefaultTrafficSelector),
     * so the text is the same on every node. Keys are stored: this text must
     * never change, or the reservations of flows stored before would no
     * longer be found.
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
