/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.junit.Test;
import org.onlab.packet.IpAddress;

import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;

/**
 * The synchronous calls to ONOS's distributed store each request costs (a
 * round trip each on a Raft cluster): per InstallFlow one reservation per
 * rule, the handle's creation and its change to INSTALLED (a conditional
 * replace of the handle as stored); per RemoveFlow the change to REMOVING (read, replace),
 * the deletion and per rule a conditional release naming the node the flow was created
 * through. Ids come in blocks, so they cost nothing per request.
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
        long before = parts.store.operations();
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        assertEquals("InstallFlow: reserve each rule, create, mark INSTALLED", rules + 2,
                     parts.store.operations() - before);

        before = parts.store.operations();
        parts.lifecycle.remove(planned.id(), false, 1000).get(5, TimeUnit.SECONDS);
        assertEquals("RemoveFlow: read and mark REMOVING, delete, release each rule", rules + 3,
                     parts.store.operations() - before);

        // A flow an earlier release stored names no node it was created through:
        // each reservation is read, then released.
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        parts.store.update(planned.id(), f -> f.toBuilder().createdBy(null).build());
        before = parts.store.operations();
        parts.lifecycle.remove(planned.id(), false, 1000).get(5, TimeUnit.SECONDS);
        assertEquals("RemoveFlow of an older handle: read and release each rule", 2 * rules + 3,
                     parts.store.operations() - before);
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
}
