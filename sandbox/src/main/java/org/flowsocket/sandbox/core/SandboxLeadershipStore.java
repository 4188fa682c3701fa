/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipStore;
import org.onosproject.cluster.LeadershipStoreDelegate;
import org.onosproject.cluster.NodeId;
import org.onosproject.store.AbstractStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Leader elections for ONOS's real {@code LeadershipManager} in the
 * sandbox's cluster of one (ONOS's own store, DistributedLeadershipStore, is
 * only in the unpublished onos-core-dist). As ONOS 2.5.6
 * DistributedLeadershipStore over its LeaderElector: candidates queue per
 * topic, the first leads, a new leader starts a new term, and each change is
 * told as LEADER_CHANGED, CANDIDATES_CHANGED or LEADER_AND_CANDIDATES_CHANGED.
 */
public final class SandboxLeadershipStore extends AbstractStore<LeadershipEvent, LeadershipStoreDelegate>
        implements LeadershipStore {

    private final NodeId localNode;
    private final Map<String, Leadership> leaderships = new HashMap<>();

    /**
     * Creates the store.
     *
     * @param localNode the sandbox's node
     */
    public SandboxLeadershipStore(NodeId localNode) {
        this.localNode = localNode;
    }

    @Override
    public synchronized Leadership addRegistration(String topic) {
        return change(topic, candidates -> {
            if (!candidates.contains(localNode)) {
                candidates.add(localNode);
            }
        });
    }

    @Override
    public synchronized void removeRegistration(String topic) {
        change(topic, candidates -> candidates.remove(localNode));
    }

    @Override
    public synchronized void removeRegistration(NodeId nodeId) {
        ImmutableList.copyOf(leaderships.keySet()).forEach(topic -> change(topic, c -> c.remove(nodeId)));
    }

    @Override
    public synchronized boolean moveLeadership(String topic, NodeId toNodeId) {
        Leadership now = leaderships.get(topic);
        if (now == null || !now.candidates().contains(toNodeId)) {
            return false;
        }
        change(topic, candidates -> {
            candidates.remove(toNodeId);
            candidates.add(0, toNodeId);
        });
        return true;
    }

    @Override
    public synchronized boolean makeTopCandidate(String topic, NodeId nodeId) {
        return moveLeadership(topic, nodeId);
    }

    @Override
    public synchronized Leadership getLeadership(String topic) {
        return leaderships.get(topic);
    }

    @Override
    public synchronized Map<String, Leadership> getLeaderships() {
        return ImmutableMap.copyOf(leaderships);
    }

    private Leadership change(String topic, Consumer<List<NodeId>> how) {
        Leadership before = leaderships.get(topic);
        List<NodeId> candidates = new ArrayList<>(before == null ? List.of() : before.candidates());
        how.accept(candidates);
        NodeId leaderNode = candidates.isEmpty() ? null : candidates.get(0);
        Leader leader = before != null && before.leader() != null
                && Objects.equals(before.leaderNodeId(), leaderNode) ? before.leader()
                : leaderNode == null ? null
                : new Leader(leaderNode, before == null || before.leader() == null ? 1 : before.leader().term() + 1,
                             System.currentTimeMillis());
        Leadership after = new Leadership(topic, leader, ImmutableList.copyOf(candidates));
        leaderships.put(topic, after);
        boolean leaderChanged = !Objects.equals(before == null ? null : before.leaderNodeId(), leaderNode);
        boolean candidatesChanged = !Objects.equals(before == null ? List.of() : before.candidates(),
                                                    after.candidates());
        if (leaderChanged || candidatesChanged) {
            notifyDelegate(new LeadershipEvent(leaderChanged && candidatesChanged
                    ? LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED
                    : leaderChanged ? LeadershipEvent.Type.LEADER_CHANGED
                    : LeadershipEvent.Type.CANDIDATES_CHANGED, after));
        }
        return after;
    }
}
