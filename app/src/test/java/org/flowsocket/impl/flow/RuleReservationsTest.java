/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.junit.After;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.IpAddress;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.DefaultControllerNode;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipServiceAdapter;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;
import org.onosproject.store.cluster.messaging.MessageSubject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * A node's reservations across a change of FlowSocket's leader: once the
 * node has told a new leader its reservations, the answer of the old leader
 * to a request still in flight is not taken; the request goes to the new
 * leader, whose answer counts. A leader that does not answer makes the
 * request UNAVAILABLE when the wait is over.
 */
public class RuleReservationsTest {

    private static final NodeId OLD = NodeId.nodeId("node1");
    private static final NodeId LOCAL = NodeId.nodeId("node2");
    private static final NodeId NEW = NodeId.nodeId("node3");

    private volatile Leadership leadership = new Leadership(FlowLeadership.TOPIC, new Leader(OLD, 1, 0),
                                                            List.of(OLD, LOCAL, NEW));
    private LeadershipEventListener leadershipListener;
    private Function<byte[], byte[]> answerNewLeader;
    private final List<String> toldNewLeader = new ArrayList<>();
    private final List<Long> termsTheNewLeaderGot = new ArrayList<>();
    private RuleReservations reservations;

    @After
    public void stop() {
        reservations.stop();
    }

    private static FlowRule rule(String dst) {
        return DefaultFlowRule.builder().forDevice(DeviceId.deviceId("of:0000000000000001"))
                .fromApp(new DefaultApplicationId(7, "org.flowsocket.app"))
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(Ip4Prefix.valueOf(dst)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .withPriority(40000).makePermanent().build();
    }

    // This node (node2) over the test's leadership and messaging.
    private RuleReservations open(ClusterCommunicationServiceAdapter messaging, long waitMillis) {
        RuleReservations opened = new RuleReservations(new LeadershipServiceAdapter() {
            @Override
            public Leadership getLeadership(String topic) {
                return leadership;
            }

            @Override
            public void addListener(LeadershipEventListener listener) {
                leadershipListener = listener;
            }
        }, new ClusterServiceAdapter() {
            @Override
            public ControllerNode getLocalNode() {
                return new DefaultControllerNode(LOCAL, IpAddress.valueOf("127.0.0.1"));
            }
        }, messaging, (flow, node) -> true, new StoreOperations(), waitMillis);
        opened.start();
        return opened;
    }

    @Test
    public void anOldLeadersAnswerAfterTheNodeToldANewLeaderIsNotTaken() {
        reservations = open(new ClusterCommunicationServiceAdapter() {
            @Override
            public <M, R> void addSubscriber(MessageSubject subject, Function<byte[], M> decoder,
                                             Function<M, R> handler, Function<R, byte[]> encoder,
                                             Executor executor) {
                if (subject.equals(RuleIndexMessages.PENDING)) {
                    answerNewLeader = bytes -> encoder.apply(handler.apply(decoder.apply(bytes)));
                }
            }

            @Override
            public <M, R> CompletableFuture<R> sendAndReceive(M message, MessageSubject subject,
                                                              Function<M, byte[]> encoder,
                                                              Function<byte[], R> decoder, NodeId to,
                                                              Duration timeout) {
                RuleIndexMessages.Request request = RuleIndexMessages.decodeRequest(encoder.apply(message));
                if (to.equals(OLD)) {
                    // While the old leader answers, node3 takes over and asks this node.
                    RuleIndexMessages.decodeReservations(answerNewLeader.apply(RuleIndexMessages.encodeTerm(2)))
                            .forEach(r -> toldNewLeader.add(r.flowId()));
                    leadership = new Leadership(FlowLeadership.TOPIC, new Leader(NEW, 2, 0), List.of(NEW, LOCAL));
                    leadershipListener.event(new LeadershipEvent(
                            LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED, leadership));
                    return CompletableFuture.completedFuture(
                            decoder.apply(RuleIndexMessages.encodeReply(RuleIndexMessages.OK)));
                }
                termsTheNewLeaderGot.add(request.term);
                return CompletableFuture.completedFuture(
                        decoder.apply(RuleIndexMessages.encodeReply(RuleIndexMessages.TAKEN + "fs-7")));
            }
        }, RuleReservations.WAIT_MILLIS);

        assertEquals("the new leader's answer", Optional.of("fs-7"),
                     reservations.reserve("fs-1", LOCAL.id(), List.of(rule("10.1.0.1/32"))));
        assertEquals("asked again, of the new leader's term", List.of(2L), termsTheNewLeaderGot);
        assertEquals("no reservation granted when the node told the new leader", List.of(), toldNewLeader);
    }

    @Test
    public void aLeaderThatDoesNotAnswerMakesTheRequestUnavailableInTime() {
        reservations = open(new ClusterCommunicationServiceAdapter() {
            @Override
            public <M, R> CompletableFuture<R> sendAndReceive(M message, MessageSubject subject,
                                                              Function<M, byte[]> encoder,
                                                              Function<byte[], R> decoder, NodeId to,
                                                              Duration timeout) {
                return CompletableFuture.failedFuture(new IllegalStateException("no route to " + to));
            }
        }, 300);
        long started = System.nanoTime();
        try {
            reservations.reserve("fs-1", LOCAL.id(), List.of(rule("10.1.0.1/32")));
            fail("reserved with no leader answering");
        } catch (FlowSocketException e) {
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("FlowSocket's leader (node1) did not answer"));
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue("gave up after the wait, not before nor long after: " + waited + " ms",
                   waited >= 300 && waited < 5000);
    }
}
