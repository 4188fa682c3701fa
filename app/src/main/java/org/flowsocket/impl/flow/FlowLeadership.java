/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.cluster.ClusterEvent;
import org.onosproject.cluster.ClusterEventListener;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;

import java.util.Objects;

/**
 * FlowSocket's place in the ONOS cluster: its node id, whether it is the
 * elected leader (the one node that acts on events every node receives, such
 * as device events, and that settles the flows of nodes that left), and
 * which nodes are active.
 */
public final class FlowLeadership {

    /** The leadership topic FlowSocket's nodes run for. */
    public static final String TOPIC = "org.flowsocket.flows";

    private final LeadershipService leadershipService;
    private final ClusterService clusterService;
    private final NodeId localNode;
    private final LeadershipEventListener leadershipListener = this::leadershipEvent;
    private final ClusterEventListener clusterListener = this::clusterEvent;
    private volatile Runnable onDuty = () -> { };
    private volatile boolean running;

    /**
     * Creates the leadership view.
     *
     * @param leadershipService ONOS leadership service
     * @param clusterService    ONOS cluster service
     */
    public FlowLeadership(LeadershipService leadershipService, ClusterService clusterService) {
        this.leadershipService = leadershipService;
        this.clusterService = clusterService;
        this.localNode = clusterService.getLocalNode().id();
    }

    /**
     * Runs for leadership and follows the cluster.
     *
     * @param whenDutyArises run when this node becomes the leader, and on the
     *                       leader when a node leaves the cluster
     */
    public void start(Runnable whenDutyArises) {
        onDuty = whenDutyArises;
        leadershipService.addListener(leadershipListener);
        clusterService.addListener(clusterListener);
        running = true;
        leadershipService.runForLeadership(TOPIC);
    }

    /** Withdraws from the election, leaving the duties to the other nodes. */
    public void stop() {
        running = false;
        clusterService.removeListener(clusterListener);
        leadershipService.removeListener(leadershipListener);
        leadershipService.withdraw(TOPIC);
    }

    /**
     * Returns this node's id.
     *
     * @return ONOS node id, as text
     */
    public String localNode() {
        return localNode.id();
    }

    /**
     * Tells whether this node is the leader now.
     *
     * @return true on exactly one node of a healthy cluster; false once stopped
     */
    public boolean isLeader() {
        // ONOS's one-node SimpleLeadershipManager fails on a topic no node runs for.
        return running && Objects.equals(leadershipService.getLeader(TOPIC), localNode);
    }

    /**
     * Tells whether a node is an active member of the cluster.
     *
     * @param nodeId ONOS node id, as text
     * @return true if ONOS sees it ACTIVE or READY
     */
    public boolean isActive(String nodeId) {
        ControllerNode.State state = clusterService.getState(NodeId.nodeId(nodeId));
        return state != null && state.isActive();
    }

    private void leadershipEvent(LeadershipEvent event) {
        if (TOPIC.equals(event.subject().topic()) && localNode.equals(event.subject().leaderNodeId())) {
            onDuty.run();
        }
    }

    private void clusterEvent(ClusterEvent event) {
        if ((event.type() == ClusterEvent.Type.INSTANCE_DEACTIVATED
                || event.type() == ClusterEvent.Type.INSTANCE_REMOVED) && isLeader()) {
            onDuty.run();
        }
    }
}
