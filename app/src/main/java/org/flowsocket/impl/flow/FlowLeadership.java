/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.cluster.ClusterEvent;
import org.onosproject.cluster.ClusterEventListener;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.slf4j.Logger;

import java.util.Objects;
import java.util.concurrent.Executor;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * FlowSocket's place in the ONOS cluster: its node id, whether it is the
 * elected leader (the one node that acts on events every node receives, such
 * as device events, and that settles the flows of nodes that left), and
 * which nodes are active.
 */
public final class FlowLeadership {

    /** The leadership topic FlowSocket's nodes run for. */
    public static final String TOPIC = "org.flowsocket.flows";

    private final Logger log = getLogger(getClass());

    private final LeadershipService leadershipService;
    private final ClusterService clusterService;
    private final NodeId localNode;
    private final LeadershipEventListener leadershipListener = this::leadershipEvent;
    private final ClusterEventListener clusterListener = this::clusterEvent;
    private volatile Runnable onDuty = () -> { };
    private volatile Executor background = Runnable::run;
    private volatile boolean running;
    // What this node last logged about its leadership.
    private boolean leading;

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
     * @param background     where to run for leadership again (a call to the
     *                       store, kept off ONOS's event thread)
     */
    public void start(Runnable whenDutyArises, Executor background) {
        onDuty = whenDutyArises;
        this.background = background;
        leadershipService.addListener(leadershipListener);
        clusterService.addListener(clusterListener);
        running = true;
        Leadership now = leadershipService.runForLeadership(TOPIC);
        noteLeader(now != null ? now.leaderNodeId() : null);
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

    /**
     * Runs for leadership again if this node is no longer a candidate. When
     * Atomix ends a live node's session (its cluster connection was lost for
     * longer than the session timeout), ONOS 2.5.6's DistributedLeadershipStore
     * runs again only for the topics the node led: a mere candidate drops
     * out for good, and once the others are gone no node would lead. As ONOS's
     * WorkPartitionManager does for its topics, this is checked on every
     * leadership event and periodically.
     */
    public void stayCandidate() {
        if (!running) {
            return;
        }
        try {
            Leadership now = leadershipService.getLeadership(TOPIC);
            if (now == null || !now.candidates().contains(localNode)) {
                log.info("This node ({}) is no longer a candidate to lead FlowSocket's flows (its cluster "
                                 + "session ended); running again", localNode);
                Leadership after = leadershipService.runForLeadership(TOPIC);
                if (noteLeader(after != null ? after.leaderNodeId() : null)) {
                    onDuty.run();
                }
            }
        } catch (RuntimeException e) {
            // The store may not answer while the cluster reorganises; the next look tries again.
            log.warn("Could not check this node's candidacy to lead FlowSocket's flows: {}", e.toString());
        }
    }

    private void leadershipEvent(LeadershipEvent event) {
        if (!TOPIC.equals(event.subject().topic())) {
            return;
        }
        if (noteLeader(event.subject().leaderNodeId())) {
            onDuty.run();
        }
        if (running && !event.subject().candidates().contains(localNode)) {
            background.execute(this::stayCandidate);
        }
    }

    // Logs a change of this node's part; which node settles, degrades and
    // reroutes is an operator's first question after a failure.
    private synchronized boolean noteLeader(NodeId leader) {
        boolean leads = localNode.equals(leader);
        if (leads != leading) {
            leading = leads;
            if (leads) {
                log.info("This node ({}) now leads FlowSocket's flows on the cluster", localNode);
            } else {
                log.info("This node ({}) no longer leads FlowSocket's flows; the leader is {}", localNode, leader);
            }
        }
        return leads;
    }

    private void clusterEvent(ClusterEvent event) {
        if ((event.type() == ClusterEvent.Type.INSTANCE_DEACTIVATED
                || event.type() == ClusterEvent.Type.INSTANCE_REMOVED) && isLeader()) {
            onDuty.run();
        }
    }
}
