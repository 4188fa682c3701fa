/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.service.StorageException;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Which flow owns each rule, cluster-wide, as one node sees it: every
 * reservation is one request to FlowSocket's leader ({@link FlowLeadership#TOPIC}),
 * which keeps the index ({@link RuleIndexLeader}), so of two nodes
 * installing an identical rule at once exactly one gets it, and a request
 * costs one message whatever its rules (none when this node leads).
 * <p>
 * Until a flow is stored, this node keeps the reservation the leader granted
 * it, to tell a new leader. Each request names the leader's term it was sent
 * to; once this node has told a newer leader its reservations, an older
 * leader's answer is not taken and the request goes to the newer one. So a
 * new leader learns every reservation a node acts on: those the nodes told
 * it, and those in the store.
 */
final class RuleReservations {

    /** How long a request waits for the leader: as long as ONOS 2.5.6 DefaultConsistentMap waits for its Raft partition. */
    static final long WAIT_MILLIS = 15_000;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final long PAUSE_MILLIS = 20;

    private final Logger log = getLogger(getClass());
    private final LeadershipService leadershipService;
    private final ClusterCommunicationService messaging;
    private final NodeId localNode;
    private final RuleIndexLeader leaderSide;
    private final StoreOperations operations;
    private final long waitMillis;
    private final LeadershipEventListener leadershipListener = this::leadershipEvent;
    private volatile Leader leader;
    // Reservations granted for flows not stored yet, by flow; guarded by this.
    private final Map<String, Reservation> pending = new HashMap<>();
    // The newest term this node told its reservations to; guarded by this.
    private long toldTerm = Long.MIN_VALUE;

    /**
     * Creates this node's side.
     *
     * @param leadershipService ONOS leadership service
     * @param clusterService    ONOS cluster membership
     * @param messaging         ONOS cluster messaging
     * @param owns              tells whether a flow (first argument) still owns
     *                          its rules, given the node that reserved them
     * @param operations        counts the calls to the leader on another node
     * @param waitMillis        how long a request waits for a leader's answer
     */
    RuleReservations(LeadershipService leadershipService, ClusterService clusterService,
                     ClusterCommunicationService messaging, BiPredicate<String, String> owns, StoreOperations operations, long waitMillis) {
        this.operations = operations;
        this.waitMillis = waitMillis;
        this.leadershipService = leadershipService;
        this.messaging = messaging;
        this.localNode = clusterService.getLocalNode().id();
        this.leaderSide = new RuleIndexLeader(clusterService, messaging, () -> leader, this::candidates,
                                              owns, this::tell);
    }

    /** Starts following the leader, and answering a new leader. */
    void start() {
        messaging.addSubscriber(RuleIndexMessages.PENDING, RuleIndexMessages::decodeTerm, this::tell,
                                RuleIndexMessages::encodeReservations, Runnable::run);
        leadershipService.addListener(leadershipListener);
        leaderSide.start();
        refreshLeader();
    }

    /** Stops. */
    void stop() {
        leadershipService.removeListener(leadershipListener);
        leaderSide.stop();
        messaging.removeSubscriber(RuleIndexMessages.PENDING);
    }

    /**
     * Reserves every rule of a flow, or none; the reservation stays with
     * this node until {@link #stored} or a release.
     *
     * @param flowId the flow
     * @param node   the node reserving them, or {@link RuleIndex#STORED_FLOW}
     * @param rules  its rules
     * @return the id of a flow that already owns one of the rules, if any;
     *         then nothing is reserved
     */
    Optional<String> reserve(String flowId, String node, List<FlowRule> rules) {
        List<String> keys = RuleKeys.keysOf(rules);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        // On a failure whether the leader took them is not known: the caller releases them.
        String reply = ask(RuleIndexMessages.Kind.RESERVE, new Reservation(flowId, node, keys));
        return reply.startsWith(RuleIndexMessages.TAKEN)
                ? Optional.of(reply.substring(RuleIndexMessages.TAKEN.length())) : Optional.empty();
    }

    /**
     * Notes that a flow is stored with the rules reserved for it (or will
     * never be): a new leader finds them in the store.
     *
     * @param flowId the flow
     */
    synchronized void stored(String flowId) {
        pending.remove(flowId);
    }

    /**
     * Releases some of a flow's rules; a rule another flow took over stays.
     *
     * @param flowId the flow
     * @param rules  the rules
     */
    void release(String flowId, List<FlowRule> rules) {
        List<String> keys = RuleKeys.keysOf(rules);
        if (keys.isEmpty()) {
            stored(flowId);
        } else {
            ask(RuleIndexMessages.Kind.RELEASE, new Reservation(flowId, localNode.id(), keys));
        }
    }

    /**
     * Releases every rule a flow holds.
     *
     * @param flowId the flow
     */
    void releaseFlow(String flowId) {
        ask(RuleIndexMessages.Kind.RELEASE_FLOW, new Reservation(flowId, localNode.id(), List.of()));
    }

    /**
     * Notes a flow stored or changed by any node, as the store's map event
     * tells it: what a new leader takes as the stored flows' rules.
     *
     * @param before the flow before the change, or null if new
     * @param after  the flow now
     */
    void flowStored(QosFlow before, QosFlow after) {
        leaderSide.flowStored(before, after);
    }

    /**
     * Notes a flow deleted by any node, as the store's map event tells it.
     *
     * @param flowId the flow
     */
    void flowRemoved(String flowId) {
        leaderSide.flowRemoved(flowId);
    }

    // This node's reservations not stored yet, told to the leader of a term.
    private synchronized List<Reservation> tell(long term) {
        toldTerm = Math.max(toldTerm, term);
        return new ArrayList<>(pending.values());
    }

    private synchronized long toldTerm() {
        return toldTerm;
    }

    // Takes a leader's answer unless a newer leader asked for this node's
    // reservations meanwhile; with it, what this node keeps to tell.
    private synchronized boolean accepted(RuleIndexMessages.Request request, String reply) {
        if (toldTerm > request.term) {
            return false;
        }
        String flowId = request.reservation.flowId();
        if (request.kind != RuleIndexMessages.Kind.RESERVE) {
            pending.remove(flowId);
        } else if (RuleIndexMessages.OK.equals(reply)) {
            pending.merge(flowId, request.reservation, RuleReservations::union);
        }
        return true;
    }

    // Asks the leader until one of the current term answers.
    private String ask(RuleIndexMessages.Kind kind, Reservation reservation) {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            Leader now = leader;
            if (now != null && now.term() >= toldTerm()) {
                RuleIndexMessages.Request request = new RuleIndexMessages.Request(kind, now.term(), reservation);
                String reply = send(request, now.nodeId());
                if (reply != null && !RuleIndexMessages.RETRY.equals(reply) && accepted(request, reply)) {
                    return reply;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                String leaderNode = now == null ? "none elected" : now.nodeId().id();
                log.warn("FlowSocket's leader ({}) did not answer a {} of flow {} in {} s", leaderNode, kind,
                         reservation.flowId(), waitMillis / 1000.0);
                throw new FlowSocketException(ErrorCode.UNAVAILABLE, "FlowSocket's leader (" + leaderNode
                        + ") did not answer in " + waitMillis / 1000 + " s (a cluster node may be leaving or "
                        + "rejoining); whether a change was made is unknown until GetFlow or ListFlows tells it");
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException.Interrupted();
            }
            refreshLeader();
        }
    }

    // The leader's answer, or null if it could not be reached.
    private String send(RuleIndexMessages.Request request, NodeId to) {
        if (localNode.equals(to)) {
            return leaderSide.handle(request);
        }
        return operations.count(() -> {
            try {
                return messaging.<RuleIndexMessages.Request, String>sendAndReceive(
                        request, RuleIndexMessages.REQUEST, RuleIndexMessages::encode,
                        RuleIndexMessages::decodeReply, to, SEND_TIMEOUT)
                        .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException.Interrupted();
            } catch (Exception e) {
                log.debug("FlowSocket's leader {} did not answer: {}", to, e.toString());
                return null;
            }
        });
    }

    // The nodes running FlowSocket, read from the store.
    private Collection<NodeId> candidates() {
        Leadership now = leadershipService.getLeadership(FlowLeadership.TOPIC);
        return now != null ? now.candidates() : List.of();
    }

    private void refreshLeader() {
        try {
            Leadership now = leadershipService.getLeadership(FlowLeadership.TOPIC);
            noteLeader(now != null ? now.leader() : null);
        } catch (RuntimeException e) {
            log.debug("Could not read FlowSocket's leader: {}", e.toString());
        }
    }

    private void leadershipEvent(LeadershipEvent event) {
        if (FlowLeadership.TOPIC.equals(event.subject().topic())) {
            noteLeader(event.subject().leader());
        }
    }

    private synchronized void noteLeader(Leader now) {
        Leader before = leader;
        if (now != null && before != null && now.term() < before.term()) {
            return;
        }
        leader = now;
        if (before == null || now == null || !before.nodeId().equals(now.nodeId()) || before.term() != now.term()) {
            leaderSide.leaderChanged(now);
        }
    }

    private static Reservation union(Reservation a, Reservation b) {
        Set<String> keys = new LinkedHashSet<>(a.keys());
        keys.addAll(b.keys());
        return new Reservation(b.flowId(), b.node(), keys);
    }
}
