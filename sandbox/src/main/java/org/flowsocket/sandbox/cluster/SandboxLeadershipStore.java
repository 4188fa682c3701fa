/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipStore;
import org.onosproject.cluster.LeadershipStoreDelegate;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.Version;
import org.onosproject.core.VersionService;
import org.onosproject.event.Change;
import org.onosproject.store.AbstractStore;
import org.onosproject.store.service.CoordinationService;
import org.onosproject.store.service.DistributedPrimitive.Status;
import org.onosproject.store.service.LeaderElector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.onlab.util.Tools.groupedThreads;

/**
 * ONOS's leadership store on Atomix's leader elector.
 * <p>
 * As ONOS 2.5.6 {@code DistributedLeadershipStore} (onos-core-dist, not
 * published): one leader elector {@code onos-leadership-elections} built by
 * the {@link CoordinationService} (the Raft {@code system} group) with a
 * 2500 ms election timeout and relaxed read consistency; topics are
 * namespaced with the node's version ({@code topic|version}); a change of
 * leader and/or candidates becomes LEADER_CHANGED, CANDIDATES_CHANGED or
 * LEADER_AND_CANDIDATES_CHANGED; the elector's SUSPENDED status becomes
 * SERVICE_DISRUPTED for the topics this node leads, ACTIVE again re-runs for
 * them and gives SERVICE_RESTORED for all. Left out: the electionTimeoutMillis
 * component property (fixed at ONOS's default) and upgrades (ONOS's
 * UpgradeService reports the running version when no upgrade is under way,
 * so the active topic's version is the node's).
 */
@Component(immediate = true, service = LeadershipStore.class)
public class SandboxLeadershipStore extends AbstractStore<LeadershipEvent, LeadershipStoreDelegate>
        implements LeadershipStore {

    /** ONOS's default election timeout (OsgiPropertyConstants.ELECTION_TIMEOUT_MILLIS_DEFAULT). */
    public static final long ELECTION_TIMEOUT_MILLIS = 2500;
    private static final char VERSION_SEP = '|';

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ClusterService clusterService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoordinationService storageService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected VersionService versionService;

    private ExecutorService statusChangeHandler;
    private NodeId localNodeId;
    private LeaderElector leaderElector;
    private final Map<String, Leadership> localLeaderCache = new ConcurrentHashMap<>();

    private final Consumer<Change<Leadership>> leadershipChangeListener = change -> {
        Leadership oldValue = change.oldValue();
        Leadership newValue = change.newValue();
        if (!isLocalTopic(newValue.topic())) {
            return;
        }
        boolean leaderChanged = !Objects.equals(oldValue.leader(), newValue.leader());
        boolean candidatesChanged = !Objects.equals(oldValue.candidates(), newValue.candidates());
        LeadershipEvent.Type eventType = null;
        if (leaderChanged && candidatesChanged) {
            eventType = LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED;
        }
        if (leaderChanged && !candidatesChanged) {
            eventType = LeadershipEvent.Type.LEADER_CHANGED;
        }
        if (!leaderChanged && candidatesChanged) {
            eventType = LeadershipEvent.Type.CANDIDATES_CHANGED;
        }
        notifyDelegate(new LeadershipEvent(eventType, new Leadership(
                parseTopic(newValue.topic()), newValue.leader(), newValue.candidates())));
        if (Objects.equals(newValue.leaderNodeId(), localNodeId)) {
            localLeaderCache.put(newValue.topic(), newValue);
        } else {
            localLeaderCache.remove(newValue.topic());
        }
    };

    private final Consumer<Status> clientStatusListener = status ->
            statusChangeHandler.execute(() -> handleStatusChange(status));

    private void handleStatusChange(Status status) {
        if (status == Status.ACTIVE) {
            localLeaderCache.forEach((topic, leadership) -> leaderElector.run(topic, localNodeId));
            leaderElector.getLeaderships().forEach((topic, leadership) ->
                    notifyDelegate(new LeadershipEvent(LeadershipEvent.Type.SERVICE_RESTORED,
                            new Leadership(parseTopic(leadership.topic()), leadership.leader(),
                                           leadership.candidates()))));
        } else if (status == Status.SUSPENDED) {
            localLeaderCache.forEach((topic, leadership) ->
                    notifyDelegate(new LeadershipEvent(LeadershipEvent.Type.SERVICE_DISRUPTED,
                            new Leadership(parseTopic(leadership.topic()), leadership.leader(),
                                           leadership.candidates()))));
        }
    }

    @Activate
    public void activate() {
        statusChangeHandler = Executors.newSingleThreadExecutor(
                groupedThreads("onos/store/dist/cluster/leadership", "status-change-handler", log));
        localNodeId = clusterService.getLocalNode().id();
        leaderElector = storageService.leaderElectorBuilder()
                .withName("onos-leadership-elections")
                .withElectionTimeout(ELECTION_TIMEOUT_MILLIS)
                .withRelaxedReadConsistency()
                .build()
                .asLeaderElector();
        leaderElector.addChangeListener(leadershipChangeListener);
        leaderElector.addStatusChangeListener(clientStatusListener);
        log.info("Started");
    }

    @Deactivate
    public void deactivate() {
        leaderElector.removeChangeListener(leadershipChangeListener);
        leaderElector.removeStatusChangeListener(clientStatusListener);
        statusChangeHandler.shutdown();
        log.info("Stopped");
    }

    @Override
    public Leadership addRegistration(String topic) {
        leaderElector.run(getLocalTopic(topic), localNodeId);
        return getLeadership(topic);
    }

    @Override
    public void removeRegistration(String topic) {
        leaderElector.withdraw(getLocalTopic(topic));
    }

    @Override
    public void removeRegistration(NodeId nodeId) {
        leaderElector.evict(nodeId);
    }

    @Override
    public boolean moveLeadership(String topic, NodeId toNodeId) {
        return leaderElector.anoint(getTopicFor(topic, toNodeId), toNodeId);
    }

    @Override
    public boolean makeTopCandidate(String topic, NodeId nodeId) {
        return leaderElector.promote(getTopicFor(topic, nodeId), nodeId);
    }

    @Override
    public Leadership getLeadership(String topic) {
        Leadership leadership = leaderElector.getLeadership(getLocalTopic(topic));
        return leadership != null
                ? new Leadership(parseTopic(leadership.topic()), leadership.leader(), leadership.candidates())
                : null;
    }

    @Override
    public Map<String, Leadership> getLeaderships() {
        return leaderElector.getLeaderships().entrySet().stream()
                .filter(e -> isLocalTopic(e.getKey()))
                .collect(Collectors.toMap(e -> parseTopic(e.getKey()),
                        e -> new Leadership(parseTopic(e.getKey()), e.getValue().leader(),
                                            e.getValue().candidates())));
    }

    private String getLocalTopic(String topic) {
        return topic + VERSION_SEP + versionService.version();
    }

    private boolean isLocalTopic(String topic) {
        return topic.endsWith(VERSION_SEP + versionService.version().toString());
    }

    private static String parseTopic(String topic) {
        return topic.substring(0, topic.lastIndexOf(VERSION_SEP));
    }

    private String getTopicFor(String topic, NodeId nodeId) {
        Version nodeVersion = clusterService.getVersion(nodeId);
        return topic + VERSION_SEP + (nodeVersion != null ? nodeVersion : versionService.version());
    }
}
