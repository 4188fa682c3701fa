/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The leader's index of which flow owns each rule, in memory: rule key to
 * owner ({@code flowId} and the node that reserved the rule, or
 * {@link #STORED_FLOW}). Every reservation of the cluster goes through the
 * one leader, so a request's rules are checked and taken together, under one
 * lock, with no call to the store. What it holds can always be rebuilt: the
 * rules of the stored flows, and the reservations the nodes made for flows
 * they have not stored yet ({@link RuleIndexLeader}).
 */
final class RuleIndex {

    /** The node named by reservations of a stored flow: none. */
    static final String STORED_FLOW = "stored-flow";

    private final Map<String, Owner> owners = new HashMap<>();
    private final Map<String, Set<String>> keysOfFlow = new HashMap<>();

    /** A rule's owner: the flow, and the node that reserved the rule for it. */
    static final class Owner {
        final String flowId;
        final String node;

        Owner(String flowId, String node) {
            this.flowId = flowId;
            this.node = node;
        }

        /** @return the flow and node, as {@code fs-12@node1} */
        String entry() {
            return flowId + '@' + node;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Owner && ((Owner) o).flowId.equals(flowId) && ((Owner) o).node.equals(node);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flowId, node);
        }
    }

    /** What a reservation came to: reserved, taken by an owner, or undecided. */
    static final class Outcome {
        final String owner;
        final Set<Owner> undecided;

        private Outcome(String owner, Set<Owner> undecided) {
            this.owner = owner;
            this.undecided = undecided;
        }

        /** @return true if the rules are the flow's now */
        boolean reserved() {
            return owner == null && undecided.isEmpty();
        }
    }

    /**
     * Reserves every rule of a flow, or none. A rule another flow holds is
     * taken over if that flow no longer owns it (a FAILED or deleted flow,
     * or one never stored by a node that left), as the verdicts tell; an
     * owner with no verdict yet leaves the reservation undecided, to be
     * asked again with its verdict (found without holding the index, as it
     * may take a call to the store).
     *
     * @param flowId   the flow
     * @param node     the node reserving them, or {@link #STORED_FLOW}
     * @param keys     its rules' keys
     * @param verdicts whether an owner ({@link Owner#entry}) still owns its rules
     * @return the outcome; nothing is reserved unless it says so
     */
    synchronized Outcome reserve(String flowId, String node, Collection<String> keys, Map<String, Boolean> verdicts) {
        Set<Owner> undecided = new HashSet<>();
        for (String key : keys) {
            Owner current = owners.get(key);
            if (current != null && !current.flowId.equals(flowId)) {
                Boolean owns = verdicts.get(current.entry());
                if (owns == null) {
                    undecided.add(current);
                } else if (owns) {
                    return new Outcome(current.flowId, Set.of());
                }
            }
        }
        if (!undecided.isEmpty()) {
            return new Outcome(null, undecided);
        }
        Owner owner = new Owner(flowId, node);
        for (String key : keys) {
            Owner previous = owners.put(key, owner);
            if (previous != null && !previous.flowId.equals(flowId)) {
                forget(previous.flowId, key);
            }
            keysOfFlow.computeIfAbsent(flowId, f -> new HashSet<>()).add(key);
        }
        return new Outcome(null, Set.of());
    }

    /**
     * Releases some of a flow's rules; a rule another flow took over stays.
     *
     * @param flowId the flow
     * @param keys   the rules' keys
     */
    synchronized void release(String flowId, Collection<String> keys) {
        for (String key : keys) {
            Owner current = owners.get(key);
            if (current != null && current.flowId.equals(flowId)) {
                owners.remove(key);
                forget(flowId, key);
            }
        }
    }

    /**
     * Releases every rule a flow holds.
     *
     * @param flowId the flow
     */
    synchronized void releaseFlow(String flowId) {
        Set<String> keys = keysOfFlow.remove(flowId);
        if (keys != null) {
            keys.forEach(owners::remove);
        }
    }

    /**
     * Returns the flow that holds a rule.
     *
     * @param key the rule's key
     * @return flow id, if a flow holds it
     */
    synchronized Optional<String> ownerOf(String key) {
        Owner owner = owners.get(key);
        return owner == null ? Optional.empty() : Optional.of(owner.flowId);
    }

    /**
     * Returns how many rules are held.
     *
     * @return number of keys
     */
    synchronized int size() {
        return owners.size();
    }

    /**
     * Forgets every reservation; the next leader rebuilds them.
     */
    synchronized void clear() {
        owners.clear();
        keysOfFlow.clear();
    }

    /**
     * Takes reservations as they were made elsewhere, without checking
     * them: a rule two of them name keeps the first (which only a cluster
     * split into two leaders could cause).
     *
     * @param reservations flow id, node and keys of each
     * @return the keys found held by another flow already
     */
    synchronized List<String> load(Collection<Reservation> reservations) {
        List<String> clashes = new ArrayList<>();
        for (Reservation reservation : reservations) {
            Owner owner = new Owner(reservation.flowId(), reservation.node());
            for (String key : reservation.keys()) {
                Owner current = owners.putIfAbsent(key, owner);
                if (current == null || current.flowId.equals(owner.flowId)) {
                    keysOfFlow.computeIfAbsent(owner.flowId, f -> new HashSet<>()).add(key);
                } else {
                    clashes.add(key);
                }
            }
        }
        return clashes;
    }

    private void forget(String flowId, String key) {
        Set<String> keys = keysOfFlow.get(flowId);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                keysOfFlow.remove(flowId);
            }
        }
    }
}
