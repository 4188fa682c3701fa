/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.NodeId;
import org.osgi.service.component.annotations.Component;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link ClusterService} of a one-node ONOS: the local node, READY once ONOS
 * has started. As ONOS 2.5.6 ClusterManager over AtomixClusterStore, a node
 * it does not know has no node and no state (null), and a null id is refused.
 */
@Component(immediate = true, service = ClusterService.class)
public class ClusterStandIn extends ClusterServiceAdapter {

    // As ONOS 2.5.6 ClusterManager.INSTANCE_ID_NULL.
    private static final String INSTANCE_ID_NULL = "Instance ID cannot be null";

    @Override
    public ControllerNode getNode(NodeId nodeId) {
        checkNotNull(nodeId, INSTANCE_ID_NULL);
        return getLocalNode().id().equals(nodeId) ? getLocalNode() : null;
    }

    @Override
    public ControllerNode.State getState(NodeId nodeId) {
        checkNotNull(nodeId, INSTANCE_ID_NULL);
        return getLocalNode().id().equals(nodeId) ? ControllerNode.State.READY : null;
    }
}
