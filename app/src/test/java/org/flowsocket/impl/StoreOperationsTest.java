/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.IpAddress;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The calls to ONOS's distributed store each request makes (a round trip
 * each on a Raft cluster), and the times it waits for them: per InstallFlow
 * the handle's creation and its change to INSTALLED (a conditional replace
 * of the handle as stored); per RemoveFlow the change to REMOVING (read,
 * replace) and the deletion. The rules are reserved and released by
 * FlowSocket's leader, which this node is here: no call. Ids come in blocks,
 * so they cost nothing per request.
 */
public class StoreOperationsTest extends FlowPartsTestBase {

    @Test
    public void installAndRemoveMakeTheFewestStoreCalls() throws Exception {
        // The node's election (whose duty looks at the store) is over and it has its first block of ids.
        parts.node.cluster().drain();
        parts.store.nextId();
        NetworkFlowSpec spec = NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"), IpAddress.valueOf("10.0.0.3"))
                .build();
        QosFlow planned = parts.planner.network(spec, "alice", 1000).flow();
        int rules = planned.rules().size();
        assertTrue("a flow of several rules", rules > 1);
        // The leader (this node) has built its rule index, reading the store once.
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        parts.lifecycle.remove(planned.id(), false, 1000).get(5, TimeUnit.SECONDS);
        long before = parts.store.operations();
        long waitsBefore = parts.store.operationWaits();
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        assertEquals("InstallFlow: create, mark INSTALLED, whatever the rules", 2,
                     parts.store.operations() - before);
        assertEquals("InstallFlow waits: create, mark INSTALLED", 2,
                     parts.store.operationWaits() - waitsBefore);

        before = parts.store.operations();
        waitsBefore = parts.store.operationWaits();
        parts.lifecycle.remove(planned.id(), false, 1000).get(5, TimeUnit.SECONDS);
        assertEquals("RemoveFlow: read and mark REMOVING, delete", 3, parts.store.operations() - before);
        assertEquals("RemoveFlow waits: read, mark REMOVING, delete", 3,
                     parts.store.operationWaits() - waitsBefore);

        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        parts.lifecycle.remove(planned.id(), false, 1000).get(5, TimeUnit.SECONDS);

        before = parts.store.operations();
        parts.departed.settle();
        assertEquals("the leader's look for departed nodes' flows, none", 0, parts.store.operations() - before);

        before = parts.store.operations();
        for (int i = 0; i < 100; i++) {
            parts.store.nextId();
        }
        assertEquals("ids within a block", 0, parts.store.operations() - before);
    }

    @Test
    public void aFlowOfOneRuleWaitsOnlyForTheCallsItMakes() throws Exception {
        parts.node.cluster().drain();
        parts.store.nextId();
        FlowRule rule = DefaultFlowRule.builder().forDevice(FakeDevices.id(2)).withPriority(40000)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(Ip4Prefix.valueOf("10.9.0.1/32")).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
                .fromApp(FlowParts.APP_ID).makePermanent().build();
        QosFlow planned = parts.planner.rules(List.of(rule), "alice").flow();
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        parts.lifecycle.remove(planned.id(), false, 1000).get(5, TimeUnit.SECONDS);
        long before = parts.store.operations();
        long waitsBefore = parts.store.operationWaits();
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        assertEquals("InstallFlow: create, mark INSTALLED", 2, parts.store.operations() - before);
        assertEquals("InstallFlow waits: one per call", 2, parts.store.operationWaits() - waitsBefore);

        before = parts.store.operations();
        waitsBefore = parts.store.operationWaits();
        parts.lifecycle.remove(planned.id(), false, 1000).get(5, TimeUnit.SECONDS);
        assertEquals("RemoveFlow: read and mark REMOVING, delete", 3, parts.store.operations() - before);
        assertEquals("RemoveFlow waits: one per call", 3, parts.store.operationWaits() - waitsBefore);
    }
}
