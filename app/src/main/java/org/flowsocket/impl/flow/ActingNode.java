/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.NodeId;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.DeviceId;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Decides which single node of a cluster acts on an event that every node
 * sees: the master of the first of the event's devices that has one (ONOS
 * lets only a device's master program it); if none has a master (all
 * offline), the active node with the lowest id. Every node answers the same
 * from ONOS's mastership and cluster stores.
 */
public final class ActingNode {

    private final MastershipService mastershipService;
    private final ClusterService clusterService;

    /**
     * Creates the helper.
     *
     * @param mastershipService ONOS mastership service
     * @param clusterService    ONOS cluster service
     */
    public ActingNode(MastershipService mastershipService, ClusterService clusterService) {
        this.mastershipService = mastershipService;
        this.clusterService = clusterService;
    }

    /**
     * Tells whether this node acts for an event about some devices.
     *
     * @param anchors the devices, most relevant first
     * @return true if this node acts
     */
    public boolean actsFor(Collection<DeviceId> anchors) {
        NodeId local = clusterService.getLocalNode().id();
        NodeId master = anchors.stream().map(mastershipService::getMasterFor).filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (master != null) {
            return master.equals(local);
        }
        return clusterService.getNodes().stream()
                .filter(n -> isActive(clusterService.getState(n.id())))
                .map(ControllerNode::id).min(Comparator.comparing(NodeId::toString))
                .map(local::equals).orElse(true);
    }

    private static boolean isActive(ControllerNode.State state) {
        return state != null && state.isActive();
    }
}
