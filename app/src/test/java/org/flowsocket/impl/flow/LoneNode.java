/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.impl.codec.RuleForms;
import org.onlab.packet.IpAddress;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.DefaultControllerNode;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipServiceAdapter;
import org.onosproject.cluster.NodeId;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;
import org.onosproject.store.service.StorageService;

import java.util.List;
import java.util.Set;

/**
 * A one-node cluster for the store's tests: the node leads FlowSocket's
 * topic (as ONOS's one-node SimpleLeadershipManager answers, term 0), and
 * every node it is asked about is active.
 */
final class LoneNode {

    static final NodeId ID = NodeId.nodeId("node1");

    private static final ControllerNode LOCAL = new DefaultControllerNode(ID, IpAddress.valueOf("127.0.0.1"));

    private LoneNode() {
    }

    /**
     * Opens a flow store on this node.
     *
     * @param storage the storage
     * @return the store
     */
    static DistributedQosFlowStore store(StorageService storage) {
        return new DistributedQosFlowStore(storage, new OnosCodecs(), new RuleForms(), new LeadershipServiceAdapter() {
            @Override
            public NodeId getLeader(String topic) {
                return ID;
            }

            @Override
            public Leadership getLeadership(String topic) {
                return new Leadership(topic, new Leader(ID, 0, 0), List.of(ID));
            }
        }, new ClusterServiceAdapter() {
            @Override
            public ControllerNode getLocalNode() {
                return LOCAL;
            }

            @Override
            public Set<ControllerNode> getNodes() {
                return Set.of(LOCAL);
            }

            @Override
            public ControllerNode.State getState(NodeId nodeId) {
                return ControllerNode.State.ACTIVE;
            }
        }, new ClusterCommunicationServiceAdapter());
    }
}
