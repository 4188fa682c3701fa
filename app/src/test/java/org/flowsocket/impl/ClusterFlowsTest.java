/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.base.Throwables;
import com.google.common.collect.Lists;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.impl.flow.FlowLeadership;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;
import org.onosproject.cluster.NodeId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.store.service.StorageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Two FlowSocket nodes of one ONOS cluster on one network: the flow store
 * of each over the cluster's storage ({@link ClusterStorage}, strict as
 * Atomix), the cluster's membership and leader election
 * ({@link TestCluster}), and ONOS's rule events raised on node1 only, the
 * devices' master.
 */
public class ClusterFlowsTest {

    private static final IpAddress H1 = IpAddress.valueOf("10.0.0.1");
    private static final IpAddress H3 = IpAddress.valueOf("10.0.0.3");

    private final ClusterStorage storage = new ClusterStorage();
    private final TestCluster cluster = new TestCluster();
    private ClusterStorage.NodeStorage storage1;
    private ClusterStorage.NodeStorage storage2;
    private FlowParts node1;
    private FlowParts node2;

    @Before
    public void startNodes() throws Exception {
        storage1 = storage.node();
        storage2 = storage.node();
        node1 = new FlowParts(null, storage1, cluster, "node1", true);
        node2 = new FlowParts(node1, storage2, cluster, "node2", false);
        node1.host("00:00:00:00:00:01", H1.toString(), 1);
        node1.host("00:00:00:00:00:03", H3.toString(), 3);
        cluster.drain();
        assertTrue("node1 ran first and leads", node1.leadership.isLeader());
    }

    @After
    public void stopNodes() {
        node2.stop();
        node1.stop();
        storage1.stop();
        storage2.stop();
        cluster.stop();
    }

    // A rule on switch 2 to a destination; also RuleIndexFailoverTest's.
    static FlowRule rule(String dst) {
        return DefaultFlowRule.builder().forDevice(FakeDevices.id(2)).withPriority(40000)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(Ip4Prefix.valueOf(dst)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
                .fromApp(FlowParts.APP_ID).makePermanent().build();
    }

    private static CompletableFuture<QosFlow> install(FlowParts node, List<FlowRule> rules) {
        try {
            return node.lifecycle.install(node.planner.rules(rules, "alice").flow(), true, 2000);
        } catch (FlowSocketException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Test
    public void concurrentDuplicateInstallsOnTwoNodesGiveOneSuccess() throws Exception {
        for (int round = 0; round < 30; round++) {
            List<FlowRule> rules = List.of(rule("11.0." + round + ".1/32"), rule("11.0." + round + ".2/32"));
            assertOneOfTwoInstallsSucceeds(round, rules, rules);
        }
        storage.drain();
        assertEquals("one flow per round in the store", 30, node1.store.list().size());
    }

    // Each node takes the rules' reservations in one order, whatever the
    // order they were sent in: else each could take one first and both lose.
    @Test
    public void concurrentDuplicateInstallsListingTheRulesInAnotherOrderGiveOneSuccess() throws Exception {
        for (int round = 0; round < 30; round++) {
            List<FlowRule> rules = List.of(rule("12.0." + round + ".1/32"), rule("12.0." + round + ".2/32"),
                                           rule("12.0." + round + ".3/32"), rule("12.0." + round + ".4/32"));
            assertOneOfTwoInstallsSucceeds(round, rules, Lists.reverse(rules));
        }
        storage.drain();
        assertEquals("one flow per round in the store", 30, node1.store.list().size());
    }

    private void assertOneOfTwoInstallsSucceeds(int round, List<FlowRule> on1Rules, List<FlowRule> on2Rules)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<QosFlow> on1 = CompletableFuture.supplyAsync(() -> {
            await(start);
            return install(node1, on1Rules);
        }).thenCompose(f -> f);
        CompletableFuture<QosFlow> on2 = CompletableFuture.supplyAsync(() -> {
            await(start);
            return install(node2, on2Rules);
        }).thenCompose(f -> f);
        List<Throwable> errors = new ArrayList<>();
        int installed = 0;
        for (CompletableFuture<QosFlow> answer : List.of(on1, on2)) {
            try {
                answer.get(10, TimeUnit.SECONDS);
                installed++;
            } catch (ExecutionException e) {
                errors.add(e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause());
            }
        }
        assertEquals("round " + round + ": installs that succeeded; errors " + errors, 1, installed);
        FlowSocketException refused = (FlowSocketException) errors.get(0);
        assertEquals(ErrorCode.DUPLICATE_FLOW, refused.code());
    }

    // The rules are reserved by the leader, then the flow is stored: when the
    // store fails, the rules are given back, or they would stay this node's
    // for as long as it is active.
    @Test
    public void storeFailingToStoreTheFlowLeavesItsRulesFree() throws Exception {
        List<FlowRule> rules = List.of(rule("13.0.0.1/32"), rule("13.0.0.2/32"), rule("13.0.0.3/32"));
        storage2.refuseWritesOf(key -> key.toString().startsWith("fs-"));
        Throwable failure = null;
        try {
            install(node2, rules).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (StorageException e) {
            failure = e;
        }
        assertTrue("the store's failure, not " + failure,
                   failure != null && Throwables.getRootCause(failure) instanceof StorageException.Unavailable);
        storage.drain();
        assertTrue("nothing of the flow stored", node1.store.list().isEmpty());

        storage2.refuseWritesOf(key -> false);
        assertEquals("the same rules, through the leader", QosFlow.State.INSTALLED,
                     install(node1, rules).get(10, TimeUnit.SECONDS).state());
    }

    // The leader keeps the rule index: a request through another node costs
    // one call to it, whatever its rules.
    @Test
    public void aNodeThatDoesNotLeadCallsTheLeaderOncePerRequest() throws Exception {
        node2.store.nextId();
        List<FlowRule> rules = List.of(rule("14.0.0.1/32"), rule("14.0.0.2/32"), rule("14.0.0.3/32"));
        // The leader answers once it has built its index.
        QosFlow first = install(node2, rules).get(10, TimeUnit.SECONDS);
        node2.lifecycle.remove(first.id(), false, 2000).get(10, TimeUnit.SECONDS);
        long before = node2.store.operations();
        QosFlow flow = install(node2, rules).get(10, TimeUnit.SECONDS);
        assertEquals("InstallFlow: reserve at the leader, create, mark INSTALLED", 3,
                     node2.store.operations() - before);
        Throwable refused = install(node1, rules.subList(1, 2)).handle((f, e) -> e).get(10, TimeUnit.SECONDS);
        refused = refused instanceof CompletionException ? refused.getCause() : refused;
        assertTrue("a rule of node2's flow, through the leader: " + refused, refused instanceof FlowSocketException
                && ((FlowSocketException) refused).code() == ErrorCode.DUPLICATE_FLOW);

        before = node2.store.operations();
        node2.lifecycle.remove(flow.id(), false, 2000).get(10, TimeUnit.SECONDS);
        assertEquals("RemoveFlow: read and mark REMOVING, delete, release at the leader", 4,
                     node2.store.operations() - before);
        assertEquals("the rules are free again", QosFlow.State.INSTALLED,
                     install(node1, rules).get(10, TimeUnit.SECONDS).state());
    }

    @Test
    public void onlyTheLeaderActsOnADeviceEventAndEachNodeHearsEachChangeOnce() throws Exception {
        List<QosFlow> flows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flows.add(install(i % 2 == 0 ? node1 : node2, List.of(rule("12.0.0." + i + "/32")))
                              .get(5, TimeUnit.SECONDS));
        }
        storage.drain();
        node1.events.clear();
        node2.events.clear();
        long callsOf2 = node2.store.operations();

        node1.devices.setAvailable(FakeDevices.id(2), false);
        node1.drainEvents();
        node2.drainEvents();
        storage.drain();

        assertEquals("errors handling the device event on node1", List.of(), node1.eventErrors);
        assertEquals("errors handling the device event on node2", List.of(), node2.eventErrors);
        assertEquals("store calls node2, not the leader, made for the device event", callsOf2,
                     node2.store.operations());
        for (FlowParts node : List.of(node1, node2)) {
            assertHeardDegradedOnce(node, flows);
            assertTrue(node.events.stream().allMatch(e -> e.type() == QosFlowEvent.Type.FLOW_UPDATED));
        }
    }

    @Test
    public void onlyTheLeaderHealsAFlowWhoseLinkWentDownAndEachNodeHearsItOnce() throws Exception {
        List<QosFlow> flows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            FlowParts node = i % 2 == 0 ? node1 : node2;
            NetworkFlowSpec spec = NetworkFlowSpec.builder(H1, H3).protocol(IpProto.UDP)
                    .dstPort(TpPort.tpPort(5000 + i)).build();
            flows.add(node.lifecycle.install(node.planner.network(spec, "alice", 2000).flow(), true, 2000)
                              .get(5, TimeUnit.SECONDS));
        }
        storage.drain();
        node1.events.clear();
        node2.events.clear();
        long callsOf2 = node2.store.operations();

        // The cable between switches 1 and 2 is cut: the line has no other path.
        node1.paths.cut(1);
        node1.links.cut(1);
        LinkEvent removed = new LinkEvent(LinkEvent.Type.LINK_REMOVED, LinearPaths.link(1, 2));
        node1.linkEvent(removed);
        node2.linkEvent(removed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (flows.stream().anyMatch(f -> node1.store.get(f.id()).get().state() != QosFlow.State.DEGRADED)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);     // anything a second actor would do
        node1.drainEvents();
        node2.drainEvents();
        storage.drain();

        assertEquals(List.of(), node1.eventErrors);
        assertEquals(List.of(), node2.eventErrors);
        assertEquals("store calls node2, not the leader, made for the link event", callsOf2,
                     node2.store.operations());
        for (QosFlow flow : flows) {
            QosFlow now = node2.store.get(flow.id()).get();
            assertEquals(QosFlow.State.DEGRADED, now.state());
            assertTrue(now.reason(), now.reason().startsWith("NO_PATH: "));
        }
        for (FlowParts node : List.of(node1, node2)) {
            assertHeardDegradedOnce(node, flows);
        }
    }

    // Each flow's one change a node heard of: it became DEGRADED.
    private static void assertHeardDegradedOnce(FlowParts node, List<QosFlow> flows) {
        Map<String, List<QosFlow.State>> heard = node.events.stream()
                .collect(Collectors.groupingBy(e -> e.subject().id(),
                                               Collectors.mapping(e -> e.subject().state(), Collectors.toList())));
        for (QosFlow flow : flows) {
            assertEquals(node.node.id + " heard of " + flow.id(), List.of(QosFlow.State.DEGRADED),
                         heard.get(flow.id()));
        }
    }

    @Test
    public void survivorSettlesWhatADepartedNodeLeftPendingOrRemoving() throws Exception {
        QosFlow removing = install(node2, List.of(rule("13.0.0.1/32"))).get(5, TimeUnit.SECONDS);
        QosFlow added = install(node2, List.of(rule("13.0.0.2/32"))).get(5, TimeUnit.SECONDS);
        node1.switches.mode(FakeSwitches.Mode.SILENT);
        // node2 removes one flow and installs two more; the switches do not answer.
        node2.lifecycle.remove(removing.id(), false, 60_000);
        QosFlow pending = node2.planner.network(NetworkFlowSpec.builder(H1, H3).build(), "bob", 60_000).flow();
        node2.lifecycle.install(pending, true, 60_000);
        storage.drain();
        assertEquals(QosFlow.State.REMOVING, node1.store.get(removing.id()).get().state());
        assertEquals(QosFlow.State.PENDING, node1.store.get(pending.id()).get().state());
        assertEquals("node2", node1.store.get(pending.id()).get().actingNode());

        node2.kill();
        storage2.stop();
        cluster.leave("node2");
        cluster.drain();
        node1.drainEvents();

        assertTrue("the survivor forgot the flow being removed", node1.store.get(removing.id()).isEmpty());
        QosFlow failed = node1.store.get(pending.id()).get();
        assertEquals(QosFlow.State.FAILED, failed.state());
        assertTrue(failed.reason(), failed.reason().contains("node2 left the cluster"));
        assertEquals(null, failed.actingNode());
        assertEquals("untouched", QosFlow.State.INSTALLED, node1.store.get(added.id()).get().state());
        node1.switches.mode(FakeSwitches.Mode.CONFIRM);
    }

    @Test
    public void nodeRestartedBeforeTheClusterSawItLeaveSettlesWhatItsPreviousRunLeft() throws Exception {
        QosFlow removing = install(node2, List.of(rule("17.0.0.1/32"))).get(5, TimeUnit.SECONDS);
        node1.switches.mode(FakeSwitches.Mode.SILENT);
        node2.lifecycle.remove(removing.id(), false, 60_000);
        QosFlow pending = node2.planner.rules(List.of(rule("17.0.0.2/32")), "bob").flow();
        node2.lifecycle.install(pending, true, 60_000);
        storage.drain();
        assertEquals(QosFlow.State.PENDING, node1.store.get(pending.id()).get().state());

        // node2 dies and comes back before the cluster noticed: it never left.
        node2.kill();
        storage2.stop();
        storage2 = storage.node();
        node2 = new FlowParts(node1, storage2, cluster, "node2", false);
        storage.drain();
        node2.drainEvents();
        node1.drainEvents();

        assertTrue("the node forgot the flow its previous run was removing",
                   node1.store.get(removing.id()).isEmpty());
        QosFlow failed = node1.store.get(pending.id()).get();
        assertEquals(QosFlow.State.FAILED, failed.state());
        assertTrue(failed.reason(), failed.reason().contains("node2 restarted"));
        assertEquals(null, failed.actingNode());
        node1.switches.mode(FakeSwitches.Mode.CONFIRM);
    }

    @Test
    public void pendingFlowOfADepartedNodeWhoseRulesOnosListsAddedIsInstalled() throws Exception {
        node1.switches.mode(FakeSwitches.Mode.UNCONFIRMED);
        QosFlow pending = node2.planner.rules(List.of(rule("15.0.0.1/32")), "bob").flow();
        node2.lifecycle.install(pending, true, 60_000);
        node1.switches.statistics();
        storage.drain();
        assertEquals(QosFlow.State.PENDING, node1.store.get(pending.id()).get().state());

        node2.kill();
        storage2.stop();
        cluster.leave("node2");
        cluster.drain();
        node1.drainEvents();

        QosFlow settled = node1.store.get(pending.id()).get();
        assertEquals(QosFlow.State.INSTALLED, settled.state());
        assertEquals(null, settled.actingNode());
        assertEquals(1, node1.switches.ruleCount());
        node1.switches.mode(FakeSwitches.Mode.CONFIRM);
    }

    @Test
    public void nodeThatBecomesLeaderSettlesWhatTheDepartedLeaderLeft() throws Exception {
        node2SettlesWhatTheLeaderLeavesPending("16.0.0.1/32");
    }

    @Test
    public void nodeWhoseCandidacyEndedRunsAgainAndSettlesWhenTheLeaderLeaves() throws Exception {
        cluster.endSession("node2");
        cluster.drain();
        node2.drainEvents();
        cluster.drain();
        assertTrue("node2 is a candidate again",
                   node2.node.leadershipService.getLeadership(FlowLeadership.TOPIC).candidates()
                           .contains(NodeId.nodeId("node2")));
        node2SettlesWhatTheLeaderLeavesPending("19.0.0.1/32");
    }

    // Node1, the leader, leaves with a flow PENDING: node2 takes over and fails it.
    private void node2SettlesWhatTheLeaderLeavesPending(String dst) throws Exception {
        node1.switches.mode(FakeSwitches.Mode.SILENT);
        QosFlow pending = node1.planner.rules(List.of(rule(dst)), "bob").flow();
        node1.lifecycle.install(pending, true, 60_000);
        storage.drain();
        assertTrue(node2.store.knownActingNodes().containsKey(pending.id()));

        node1.kill();
        storage1.stop();
        cluster.leave("node1");
        cluster.drain();
        node2.drainEvents();

        assertTrue("node2 leads", node2.leadership.isLeader());
        assertEquals(QosFlow.State.FAILED, node2.store.get(pending.id()).get().state());
        node1.switches.mode(FakeSwitches.Mode.CONFIRM);
    }

    @Test
    public void leaderSettlesWhatAnEarlierReleaseLeftPendingOrRemovingWithoutNamingItsNode() throws Exception {
        QosFlow removing = install(node2, List.of(rule("18.0.0.1/32"))).get(5, TimeUnit.SECONDS);
        node1.switches.mode(FakeSwitches.Mode.SILENT);
        // Stored as a release that did not record the acting node left them.
        node2.store.update(removing.id(), h -> h.withState(QosFlow.State.REMOVING, "removal requested", null));
        QosFlow pending = node2.planner.rules(List.of(rule("18.0.0.2/32")), "bob").flow()
                .withState(QosFlow.State.PENDING, null, null);
        assertTrue(node2.store.create(pending).isEmpty());
        storage.drain();
        // Stored; the leader may have settled it already, on an election
        // event of the nodes' start still on its event thread.
        assertTrue(node1.store.get(pending.id()).isPresent());

        // Both nodes are up: the leader's look at the acting nodes finds them.
        node1.departed.settle();
        storage.drain();

        assertTrue("the flow being removed was forgotten", node1.store.get(removing.id()).isEmpty());
        QosFlow failed = node1.store.get(pending.id()).get();
        assertEquals(QosFlow.State.FAILED, failed.state());
        assertTrue(failed.reason(), failed.reason().startsWith("an earlier FlowSocket release"));
        assertTrue("nothing is left acting", node2.store.knownActingNodes().isEmpty());
        node1.switches.mode(FakeSwitches.Mode.CONFIRM);
    }

    @Test
    public void concurrentRemovalsOnTwoNodesRemoveOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            QosFlow flow = install(node1, List.of(rule("14.0." + round + ".1/32"))).get(5, TimeUnit.SECONDS);
            storage.drain();
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<QosFlow>> removals = new ArrayList<>();
            for (FlowParts node : List.of(node1, node2)) {
                removals.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    try {
                        return node.lifecycle.remove(flow.id(), false, 2000);
                    } catch (FlowSocketException e) {
                        return CompletableFuture.<QosFlow>failedFuture(e);
                    }
                }).thenCompose(f -> f));
            }
            int removed = 0;
            for (CompletableFuture<QosFlow> removal : removals) {
                try {
                    removal.get(10, TimeUnit.SECONDS);
                    removed++;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause()
                            : e.getCause();
                    assertTrue("round " + round + ": " + cause, cause instanceof FlowSocketException);
                }
            }
            assertEquals("round " + round + ": removals that went on", 1, removed);
        }
    }

    // Only node1 hears ONOS answer its addition; a deletion node2 sent before
    // that could overtake the addition inside ONOS (see FlowInstaller).
    @Test
    public void removalThroughAnotherNodeWaitsUntilTheInstallingNodeHeardOnosAnswer() throws Exception {
        node1.switches.mode(FakeSwitches.Mode.HELD);
        QosFlow flow = node1.lifecycle.install(node1.planner.rules(List.of(rule("15.0.0.1/32")), "alice").flow(),
                                               false, 2000).get(5, TimeUnit.SECONDS);
        storage.drain();
        CompletableFuture<QosFlow> removal = node2.lifecycle.remove(flow.id(), false, 3000);
        Thread.sleep(200);
        assertEquals("only node1's addition went to ONOS", 1, node1.switches.heldCount());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!removal.isDone() && System.nanoTime() < deadline) {
            node1.switches.releaseHeldLatestFirst();
            Thread.sleep(10);
        }
        assertEquals(flow.id(), removal.get(1, TimeUnit.SECONDS).id());
        assertEquals("nothing is left on the switches", 0, node1.switches.ruleCount());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
