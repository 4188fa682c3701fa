/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.QosFlow;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.net.flow.FlowRule;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The rule index moves with FlowSocket's leadership: three nodes of one
 * cluster ({@link ClusterStorage}, {@link TestCluster}, ONOS's messaging
 * between them), node1 leading; when it leaves, node2 leads with an index
 * built from the stored flows and from the reservations node3 made for a
 * flow it was still storing. A fourth node of the cluster does not run
 * FlowSocket (not activated there yet): it is not asked.
 */
public class RuleIndexFailoverTest {

    private final ClusterStorage storage = new ClusterStorage();
    private final TestCluster cluster = new TestCluster();
    private ClusterStorage.NodeStorage storage1;
    private ClusterStorage.NodeStorage storage2;
    private ClusterStorage.NodeStorage storage3;
    private FlowParts node1;
    private FlowParts node2;
    private FlowParts node3;

    @Before
    public void startNodes() throws Exception {
        storage1 = storage.node();
        storage2 = storage.node();
        storage3 = storage.node();
        node1 = new FlowParts(null, storage1, cluster, "node1", true);
        node2 = new FlowParts(node1, storage2, cluster, "node2", false);
        node3 = new FlowParts(node1, storage3, cluster, "node3", false);
        cluster.node("node4");
        cluster.drain();
        assertTrue("node1 ran first and leads", node1.leadership.isLeader());
    }

    @After
    public void stopNodes() {
        node3.stop();
        node2.stop();
        node1.stop();
        storage1.stop();
        storage2.stop();
        storage3.stop();
        cluster.stop();
    }

    private static FlowRule rule(String dst) {
        return ClusterFlowsTest.rule(dst);
    }

    private static QosFlow flow(String id, String node, List<FlowRule> rules) {
        return QosFlow.builder().id(id).kind(QosFlow.Kind.DEVICE).owner("onos").state(QosFlow.State.PENDING)
                .actingNode(node).createdBy(node).rules(rules).build();
    }

    @Test
    public void aNewLeaderKnowsTheRulesOfStoredFlowsAndOfFlowsBeingStored() throws Exception {
        List<FlowRule> stored = List.of(rule("15.0.0.1/32"), rule("15.0.0.2/32"));
        List<FlowRule> beingStored = List.of(rule("15.0.1.1/32"), rule("15.0.1.2/32"));
        assertEquals(Optional.empty(), node3.store.create(flow("fs-900", "node3", stored)));

        // node3 has the leader reserve a flow's rules, then its write of the flow hangs.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = storage3.holdWritesOf("fs-901"::equals, release);
        CompletableFuture<Optional<String>> storing = CompletableFuture.supplyAsync(
                () -> node3.store.create(flow("fs-901", "node3", beingStored)));
        assertTrue("node3's write of the flow waits", holding.await(10, TimeUnit.SECONDS));
        assertEquals("the leader holds node3's reservation", Optional.of("fs-901"),
                     node2.store.create(flow("fs-902", "node2", beingStored.subList(0, 1))));

        cluster.leave("node1");
        cluster.drain();
        assertTrue("node2 leads", node2.leadership.isLeader());
        assertEquals("node3 told the new leader the rules of the flow it is storing", Optional.of("fs-901"),
                     node2.store.create(flow("fs-903", "node2", beingStored.subList(1, 2))));
        assertEquals("the new leader read the stored flow's rules", Optional.of("fs-900"),
                     node2.store.create(flow("fs-904", "node2", stored.subList(1, 2))));

        release.countDown();
        assertEquals("node3 stored its flow", Optional.empty(), storing.get(10, TimeUnit.SECONDS));
        assertEquals("other rules are free", Optional.empty(),
                     node2.store.create(flow("fs-905", "node2", List.of(rule("15.0.2.1/32")))));
        node3.store.remove("fs-901");
        assertEquals("a removed flow's rules are free", Optional.empty(),
                     node3.store.create(flow("fs-906", "node3", beingStored)));
    }
}
