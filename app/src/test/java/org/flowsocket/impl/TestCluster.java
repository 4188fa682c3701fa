/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableList;
import org.onlab.packet.IpAddress;
import org.onosproject.cluster.ClusterEvent;
import org.onosproject.cluster.ClusterEventListener;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.DefaultControllerNode;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipServiceAdapter;
import org.onosproject.cluster.NodeId;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The membership and leader elections of an ONOS cluster, seen from each
 * node. As in ONOS 2.5.6 (LeadershipManager over DistributedLeadershipStore),
 * the first candidate of a topic leads until it withdraws or its node leaves,
 * then the next one does; a node leaving ends its candidacies and its
 * INSTANCE_DEACTIVATED reaches the other nodes. Events reach listeners on an
 * event thread, after the change, as ONOS's CoreEventDispatcher delivers them.
 */
final class TestCluster {

    private final Map<NodeId, ControllerNode.State> states = new ConcurrentHashMap<>();
    private final Map<String, List<NodeId>> candidates = new ConcurrentHashMap<>();
    private final Map<String, Long> terms = new ConcurrentHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor();
    private final TestMessaging messaging =
            new TestMessaging(n -> states.getOrDefault(n, ControllerNode.State.INACTIVE).isActive());

    /**
     * Adds an active node.
     *
     * @param id node id
     * @return the node's cluster and leadership services
     */
    synchronized Node node(String id) {
        Node node = new Node(NodeId.nodeId(id));
        states.put(node.id, ControllerNode.State.ACTIVE);
        nodes.add(node);
        return node;
    }

    /**
     * Takes a node out: its candidacies end (its session expired), then the
     * others hear it deactivated.
     *
     * @param id node id
     */
    synchronized void leave(String id) {
        NodeId gone = NodeId.nodeId(id);
        candidates.keySet().forEach(topic -> withdraw(topic, gone));
        states.put(gone, ControllerNode.State.INACTIVE);
        ControllerNode node = new DefaultControllerNode(gone, IpAddress.valueOf("127.0.0.1"));
        post(new ClusterEvent(ClusterEvent.Type.INSTANCE_DEACTIVATED, node));
    }

    /**
     * Ends a live node's candidacies, as when Atomix expires its session:
     * ONOS's DistributedLeadershipStore runs again only for the topics the
     * node led, so a mere candidate is left out.
     *
     * @param id node id
     */
    synchronized void endSession(String id) {
        NodeId node = NodeId.nodeId(id);
        candidates.keySet().forEach(topic -> withdraw(topic, node));
    }

    /** Shuts the event thread down. */
    void stop() {
        events.shutdownNow();
        messaging.stop();
    }

    /** Waits until the listeners heard of every change made so far. */
    void drain() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        events.execute(done::countDown);
        done.await(10, TimeUnit.SECONDS);
    }

    private synchronized Leadership leadership(String topic) {
        List<NodeId> running = candidates.getOrDefault(topic, List.of());
        if (running.isEmpty()) {
            return null;
        }
        return new Leadership(topic, new Leader(running.get(0), terms.getOrDefault(topic, 1L), 0),
                              ImmutableList.copyOf(running));
    }

    private synchronized void run(String topic, NodeId node) {
        List<NodeId> running = candidates.computeIfAbsent(topic, t -> new ArrayList<>());
        if (!running.contains(node)) {
            running.add(node);
            if (running.size() == 1) {
                terms.merge(topic, 1L, Long::sum);
            }
            post(new LeadershipEvent(running.size() == 1 ? LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED
                    : LeadershipEvent.Type.CANDIDATES_CHANGED, leadership(topic)));
        }
    }

    private synchronized void withdraw(String topic, NodeId node) {
        List<NodeId> running = candidates.getOrDefault(topic, new ArrayList<>());
        boolean wasLeader = !running.isEmpty() && running.get(0).equals(node);
        if (running.remove(node)) {
            if (wasLeader) {
                terms.merge(topic, 1L, Long::sum);
            }
            Leadership now = leadership(topic);
            post(new LeadershipEvent(wasLeader ? LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED
                    : LeadershipEvent.Type.CANDIDATES_CHANGED,
                    now != null ? now : new Leadership(topic, null, ImmutableList.of())));
        }
    }

    // Every active node's listeners hear of it.
    private void post(Object event) {
        List<Node> listening = new ArrayList<>(nodes);
        events.execute(() -> listening.stream().filter(n -> states.get(n.id).isActive()).forEach(n -> {
            if (event instanceof ClusterEvent) {
                n.clusterListeners.process((ClusterEvent) event);
            } else {
                n.leadershipListeners.process((LeadershipEvent) event);
            }
        }));
    }

    /** One node's view. */
    final class Node {
        final NodeId id;
        private final ListenerRegistry<ClusterEvent, ClusterEventListener> clusterListeners =
                new ListenerRegistry<>();
        private final ListenerRegistry<LeadershipEvent, LeadershipEventListener> leadershipListeners =
                new ListenerRegistry<>();

        final ClusterServiceAdapter clusterService = new ClusterServiceAdapter() {
            @Override
            public ControllerNode getLocalNode() {
                return new DefaultControllerNode(id, IpAddress.valueOf("127.0.0.1"));
            }

            @Override
            public Set<ControllerNode> getNodes() {
                return states.keySet().stream().map(n -> new DefaultControllerNode(n, IpAddress.valueOf("127.0.0.1")))
                        .collect(Collectors.toSet());
            }

            @Override
            public ControllerNode.State getState(NodeId nodeId) {
                return states.getOrDefault(nodeId, ControllerNode.State.INACTIVE);
            }

            @Override
            public void addListener(ClusterEventListener listener) {
                clusterListeners.addListener(listener);
            }

            @Override
            public void removeListener(ClusterEventListener listener) {
                clusterListeners.removeListener(listener);
            }
        };

        final LeadershipServiceAdapter leadershipService = new LeadershipServiceAdapter() {
            @Override
            public NodeId getLeader(String topic) {
                Leadership leadership = leadership(topic);
                return leadership == null ? null : leadership.leaderNodeId();
            }

            @Override
            public Leadership getLeadership(String topic) {
                return leadership(topic);
            }

            @Override
            public Leadership runForLeadership(String topic) {
                run(topic, id);
                return leadership(topic);
            }

            @Override
            public void withdraw(String topic) {
                TestCluster.this.withdraw(topic, id);
            }

            @Override
            public void addListener(LeadershipEventListener listener) {
                leadershipListeners.addListener(listener);
            }

            @Override
            public void removeListener(LeadershipEventListener listener) {
                leadershipListeners.removeListener(listener);
            }
        };

        /** ONOS's cluster messaging of this node: nothing reaches a node that left. */
        final ClusterCommunicationServiceAdapter messaging;

        private Node(NodeId id) {
            this.id = id;
            this.messaging = TestCluster.this.messaging.node(id);
        }

        /** @return the cluster this node is in */
        TestCluster cluster() {
            return TestCluster.this;
        }
    }
}
