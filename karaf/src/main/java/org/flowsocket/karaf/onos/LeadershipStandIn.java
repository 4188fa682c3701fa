/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableList;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.LeadershipServiceAdapter;
import org.onosproject.cluster.NodeId;
import org.onosproject.event.ListenerRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * {@link LeadershipService} of a one-node ONOS, as ONOS 2.5.6
 * LeadershipManager over DistributedLeadershipStore: the node that runs for
 * a topic leads it at once (term 1, a new term after each withdrawal), the
 * call returns the new leadership, and listeners hear of the change later,
 * on ONOS's event thread, as CoreEventDispatcher delivers the store's
 * events; a withdrawal leaves the topic with no leader.
 */
@Component(immediate = true, service = LeadershipService.class)
public class LeadershipStandIn extends LeadershipServiceAdapter {

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ClusterService clusterService;

    private final Map<String, Leadership> leaderships = new ConcurrentHashMap<>();
    private final Map<String, Long> terms = new ConcurrentHashMap<>();
    private final ListenerRegistry<LeadershipEvent, LeadershipEventListener> listeners = new ListenerRegistry<>();
    private ExecutorService events;
    private NodeId local;

    @Activate
    protected void activate() {
        local = clusterService.getLocalNode().id();
        events = Executors.newSingleThreadExecutor(r -> new Thread(r, "leadership-events"));
    }

    @Deactivate
    protected void deactivate() {
        events.shutdownNow();
    }

    @Override
    public NodeId getLeader(String topic) {
        Leadership leadership = leaderships.get(topic);
        return leadership == null ? null : leadership.leaderNodeId();
    }

    @Override
    public Leadership getLeadership(String topic) {
        return leaderships.get(topic);
    }

    @Override
    public List<NodeId> getCandidates(String topic) {
        Leadership leadership = leaderships.get(topic);
        return leadership == null ? ImmutableList.of() : leadership.candidates();
    }

    @Override
    public Set<String> ownedTopics(NodeId nodeId) {
        return leaderships.entrySet().stream()
                .filter(e -> Objects.equals(nodeId, e.getValue().leaderNodeId()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public synchronized Leadership runForLeadership(String topic) {
        Leadership current = leaderships.get(topic);
        if (current != null && local.equals(current.leaderNodeId())) {
            return current;
        }
        long term = terms.merge(topic, 1L, Long::sum);
        Leadership now = new Leadership(topic, new Leader(local, term, System.currentTimeMillis()),
                                        ImmutableList.of(local));
        leaderships.put(topic, now);
        post(new LeadershipEvent(LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED, now));
        return now;
    }

    @Override
    public synchronized void withdraw(String topic) {
        if (leaderships.remove(topic) != null) {
            post(new LeadershipEvent(LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED,
                                     new Leadership(topic, null, ImmutableList.of())));
        }
    }

    @Override
    public void addListener(LeadershipEventListener listener) {
        listeners.addListener(listener);
    }

    @Override
    public void removeListener(LeadershipEventListener listener) {
        listeners.removeListener(listener);
    }

    private void post(LeadershipEvent event) {
        events.execute(() -> listeners.process(event));
    }
}
