/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.QosFlow;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.NodeId;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * The rule index on FlowSocket's leader: answers the nodes' reservations
 * from {@link RuleIndex}, and builds that index when this node becomes the
 * leader. Until it is built the leader answers {@link RuleIndexMessages#RETRY}.
 * <p>
 * A new leader first asks every node running FlowSocket (the candidates of
 * its election) for the reservations it was granted for flows it has not
 * stored yet, then takes the rules of the stored flows as this node heard
 * of them: every node keeps them from the store's map events, so a new
 * leader does not read the store, whose partitions may still be electing
 * their own leaders after the node that failed. A node that
 * answered a leader's question no longer takes the answers of an earlier
 * leader ({@link RuleReservations}): a reservation an old leader still
 * grants is either among those a node reported or sent again to the new
 * leader. A flow another node stores while the index is being built is
 * indexed when its map event arrives ({@link #seen}).
 */
final class RuleIndexLeader {

    private static final long NOT_SERVING = Long.MIN_VALUE;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    private static final long ASK_PAUSE_MILLIS = 200;
    // Longer than a store call that crossed the building can take to be heard of.
    private static final long SEEN_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Logger log = getLogger(getClass());
    private final RuleIndex index = new RuleIndex();
    private final ClusterService clusterService;
    private final ClusterCommunicationService messaging;
    private final NodeId localNode;
    private final Supplier<Leader> leader;
    private final Supplier<Collection<NodeId>> candidates;
    // The rules' keys of each stored flow that owns its rules, from the map's events.
    private final Map<String, List<String>> storedKeys = new ConcurrentHashMap<>();
    private final BiPredicate<String, String> owns;
    private final LongFunction<List<Reservation>> localPending;
    private final ExecutorService builder = Executors.newSingleThreadExecutor(
            groupedThreads("onos/flowsocket", "rule-index-build", log));
    private final ExecutorService answering = Executors.newSingleThreadExecutor(
            groupedThreads("onos/flowsocket", "rule-index", log));
    // The term whose index is complete; guarded by index.
    private long servingTerm = NOT_SERVING;
    // The term an index is being built for; guarded by index.
    private long buildingTerm = NOT_SERVING;
    // When the index was built (System.nanoTime); guarded by index.
    private long servingSince;

    /**
     * Creates the leader's side.
     *
     * @param clusterService ONOS cluster membership
     * @param messaging      ONOS cluster messaging
     * @param leader         the current leader as this node last heard it, or null
     * @param candidates     reads the nodes running FlowSocket: the candidates of its election
     * @param owns           tells whether a flow (first argument) still owns
     *                       its rules, given the node that reserved them
     * @param localPending   this node's answer to a new leader of that term
     */
    RuleIndexLeader(ClusterService clusterService, ClusterCommunicationService messaging, Supplier<Leader> leader,
                    Supplier<Collection<NodeId>> candidates, BiPredicate<String, String> owns,
                    LongFunction<List<Reservation>> localPending) {
        this.clusterService = clusterService;
        this.messaging = messaging;
        this.localNode = clusterService.getLocalNode().id();
        this.leader = leader;
        this.candidates = candidates;
        this.owns = owns;
        this.localPending = localPending;
    }

    /** Starts answering the nodes' requests. */
    void start() {
        messaging.addSubscriber(RuleIndexMessages.REQUEST, RuleIndexMessages::decodeRequest,
                                this::handle, RuleIndexMessages::encodeReply, answering);
    }

    /** Stops answering, and forgets the index. */
    void stop() {
        messaging.removeSubscriber(RuleIndexMessages.REQUEST);
        answering.shutdownNow();
        builder.shutdownNow();
        synchronized (index) {
            servingTerm = NOT_SERVING;
            index.clear();
        }
    }

    /**
     * Answers a node's request (this node's own, or one sent).
     *
     * @param request the request
     * @return {@link RuleIndexMessages#OK}, {@link RuleIndexMessages#RETRY}
     *         or {@link RuleIndexMessages#TAKEN} and the owner
     */
    String handle(RuleIndexMessages.Request request) {
        Leader now = leader.get();
        if (now == null || !localNode.equals(now.nodeId()) || now.term() != request.term) {
            return RuleIndexMessages.RETRY;
        }
        Reservation r = request.reservation;
        Map<String, Boolean> verdicts = new HashMap<>();
        while (true) {
            Set<RuleIndex.Owner> undecided;
            synchronized (index) {
                if (servingTerm != request.term) {
                    build(request.term);
                    return RuleIndexMessages.RETRY;
                }
                switch (request.kind) {
                    case RESERVE:
                        RuleIndex.Outcome outcome = index.reserve(r.flowId(), r.node(), r.keys(), verdicts);
                        if (outcome.owner != null) {
                            return RuleIndexMessages.TAKEN + outcome.owner;
                        }
                        if (outcome.reserved()) {
                            return RuleIndexMessages.OK;
                        }
                        undecided = outcome.undecided;
                        break;
                    case RELEASE:
                        index.release(r.flowId(), r.keys());
                        return RuleIndexMessages.OK;
                    case RELEASE_FLOW:
                    default:
                        index.releaseFlow(r.flowId());
                        return RuleIndexMessages.OK;
                }
            }
            // Rare (a rule of a flow that may be gone): asked of the store without holding the index.
            undecided.forEach(o -> verdicts.put(o.entry(), owns.test(o.flowId, o.node)));
        }
    }

    /**
     * Notes the leader's change: a new leader builds its index, a former
     * one forgets it.
     *
     * @param now the leader now, or null
     */
    void leaderChanged(Leader now) {
        synchronized (index) {
            if (now != null && localNode.equals(now.nodeId())) {
                build(now.term());
            } else if (servingTerm != NOT_SERVING || buildingTerm != NOT_SERVING) {
                servingTerm = NOT_SERVING;
                buildingTerm = NOT_SERVING;
                index.clear();
            }
        }
    }

    /**
     * Notes a flow stored, or changed, as the store's map event tells it on
     * this node.
     *
     * @param before the flow before the change, or null if new
     * @param after  the flow now
     */
    void flowStored(QosFlow before, QosFlow after) {
        if (after.state() == QosFlow.State.FAILED || after.rules().isEmpty()) {
            storedKeys.remove(after.id());
        } else if (before == null || !before.rules().equals(after.rules()) || !storedKeys.containsKey(after.id())) {
            storedKeys.put(after.id(), RuleKeys.keysOf(after.rules()));
        }
        seen(after);
    }

    /**
     * Notes a flow deleted from the store.
     *
     * @param flowId the flow
     */
    void flowRemoved(String flowId) {
        storedKeys.remove(flowId);
    }

    /**
     * Indexes a flow the leader saw stored, if its rules are not indexed:
     * one stored by a node while this leader's index was being built, whose
     * event reached this node only after that. Only for a while after the
     * index was built: later, a late event of a flow removed since would
     * index the rules of a flow that is gone.
     *
     * @param flow the stored flow
     */
    private void seen(QosFlow flow) {
        if (flow.rules().isEmpty() || flow.state() == QosFlow.State.FAILED) {
            return;
        }
        synchronized (index) {
            if (servingTerm == NOT_SERVING || System.nanoTime() - servingSince > SEEN_WINDOW_NANOS
                    || index.ownerOf(RuleKeys.keyOf(flow.rules().get(0))).map(flow.id()::equals).orElse(false)) {
                return;
            }
            // Rare: only a flow whose store call crossed the index's building.
            List<String> clashes = index.load(List.of(new Reservation(flow.id(), RuleIndex.STORED_FLOW,
                                                                      RuleKeys.keysOf(flow.rules()))));
            if (!clashes.isEmpty()) {
                log.warn("Flow {} is stored with {} rule(s) another flow holds, such as {}", flow.id(),
                         clashes.size(), clashes.get(0));
            }
        }
    }

    // Guarded by index.
    private void build(long term) {
        if (buildingTerm == term || servingTerm == term) {
            return;
        }
        buildingTerm = term;
        servingTerm = NOT_SERVING;
        index.clear();
        try {
            builder.execute(() -> buildIndex(term));
        } catch (RejectedExecutionException e) {
            // Stopped: no index to build.
            buildingTerm = NOT_SERVING;
        }
    }

    private void buildIndex(long term) {
        try {
            List<Reservation> pending = new ArrayList<>();
            // A node where FlowSocket is not running (not yet activated, or
            // stopped) has no reservations and no one to answer.
            for (NodeId node : candidates.get()) {
                if (!askPending(node, term, pending)) {
                    return;
                }
            }
            List<Reservation> stored = new ArrayList<>();
            storedKeys.forEach((flowId, keys) -> stored.add(new Reservation(flowId, RuleIndex.STORED_FLOW, keys)));
            synchronized (index) {
                if (buildingTerm != term) {
                    return;
                }
                List<String> clashes = new ArrayList<>(index.load(stored));
                clashes.addAll(index.load(pending));
                servingTerm = term;
                servingSince = System.nanoTime();
                buildingTerm = NOT_SERVING;
                log.info("This node ({}) now keeps FlowSocket's rule index: {} rules of {} stored flows and "
                                 + "{} reservations of flows being stored", localNode, index.size(), stored.size(),
                         pending.size());
                if (!clashes.isEmpty()) {
                    log.warn("{} rule(s) are held by two flows, such as {}; the first stored keeps them",
                             clashes.size(), clashes.get(0));
                }
            }
        } catch (RuntimeException e) {
            // The next request builds it again.
            log.warn("Could not build FlowSocket's rule index: {}", e.toString());
            synchronized (index) {
                if (buildingTerm == term) {
                    buildingTerm = NOT_SERVING;
                }
            }
        }
    }

    // Asks a node until it answers, leaves the cluster or the election, or this node stops leading that term.
    private boolean askPending(NodeId node, long term, List<Reservation> into) {
        while (true) {
            synchronized (index) {
                if (buildingTerm != term) {
                    return false;
                }
            }
            if (localNode.equals(node)) {
                into.addAll(localPending.apply(term));
                return true;
            }
            ControllerNode.State state = clusterService.getState(node);
            if (state == null || !state.isActive()) {
                return true;
            }
            try {
                into.addAll(messaging.<Long, List<Reservation>>sendAndReceive(
                        term, RuleIndexMessages.PENDING, RuleIndexMessages::encodeTerm,
                        RuleIndexMessages::decodeReservations, node, ASK_TIMEOUT)
                                    .get(ASK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                log.debug("Node {} did not tell its pending reservations yet: {}", node, e.toString());
                if (!candidates.get().contains(node)) {
                    return true;
                }
            }
            try {
                Thread.sleep(ASK_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
