/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableSet;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.DefaultControllerNode;
import org.onosproject.cluster.NodeId;
import org.onosproject.mastership.MastershipServiceAdapter;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;

/** Exactly one node of a cluster acts for a flow, whichever node asks. */
public class ActingNodeTest {

    private static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId S2 = DeviceId.deviceId("of:0000000000000002");
    private static final List<NodeId> NODES = List.of(NodeId.nodeId("n1"), NodeId.nodeId("n2"), NodeId.nodeId("n3"));

    private static ActingNode on(NodeId local, Map<DeviceId, NodeId> masters, Set<NodeId> active) {
        return new ActingNode(new MastershipServiceAdapter() {
            @Override
            public NodeId getMasterFor(DeviceId deviceId) {
                return masters.get(deviceId);
            }
        }, new ClusterServiceAdapter() {
            @Override
            public ControllerNode getLocalNode() {
                return new DefaultControllerNode(local, IpAddress.valueOf("127.0.0.1"));
            }

            @Override
            public Set<ControllerNode> getNodes() {
                return NODES.stream().map(n -> (ControllerNode) new DefaultControllerNode(n,
                        IpAddress.valueOf("127.0.0.1"))).collect(ImmutableSet.toImmutableSet());
            }

            @Override
            public ControllerNode.State getState(NodeId nodeId) {
                return active.contains(nodeId) ? ControllerNode.State.READY : ControllerNode.State.INACTIVE;
            }
        });
    }

    private static long acting(Map<DeviceId, NodeId> masters, Set<NodeId> active, List<DeviceId> anchors) {
        return NODES.stream().filter(n -> on(n, masters, active).actsFor(anchors)).count();
    }

    @Test
    public void theMasterOfTheFirstDeviceWithOneActs() {
        Map<DeviceId, NodeId> masters = Map.of(S1, NODES.get(1), S2, NODES.get(2));
        Set<NodeId> all = Set.copyOf(NODES);
        assertEquals(1, acting(masters, all, List.of(S1, S2)));
        assertEquals(true, on(NODES.get(1), masters, all).actsFor(List.of(S1, S2)));
        assertEquals("S1 has no master: S2's acts", true,
                     on(NODES.get(2), Map.of(S2, NODES.get(2)), all).actsFor(List.of(S1, S2)));
    }

    @Test
    public void withoutAnyMasterTheLowestActiveNodeActs() {
        Set<NodeId> twoAndThree = Set.of(NODES.get(1), NODES.get(2));
        assertEquals(1, acting(Map.of(), twoAndThree, List.of(S1, S2)));
        assertEquals(true, on(NODES.get(1), Map.of(), twoAndThree).actsFor(List.of(S1)));
    }
}
