/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onlab.packet.IpAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.store.Store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The QoS flows of the cluster: whatever FlowSocket remembers beyond ONOS's
 * own stores. Every change reaches the delegate as a {@link QosFlowEvent},
 * whichever node made it.
 */
public interface QosFlowStore extends Store<QosFlowEvent, QosFlowStoreDelegate> {

    /**
     * Returns a new cluster-wide unique flow id.
     *
     * @return flow id such as {@code fs-17}
     */
    String nextId();

    /**
     * Stores a new flow and reserves its rules, atomically for each rule:
     * of two flows with an identical rule (device, table, priority and
     * match) stored at once on two nodes, exactly one is stored.
     *
     * @param flow the flow
     * @return the id of a flow that owns one of its rules already; then
     *         nothing was stored
     */
    Optional<String> create(QosFlow flow);

    /**
     * Reserves further rules for a stored flow (a new path's), atomically
     * for each rule, or none: a rule another flow owns is not taken.
     *
     * @param flowId the flow
     * @param rules  the rules it is about to install
     * @return the id of another flow that owns one of the rules already;
     *         then nothing was reserved
     */
    Optional<String> reserveRules(String flowId, List<FlowRule> rules);

    /**
     * Releases rules a stored flow no longer has (an old path's, or a new
     * path's it did not take).
     *
     * @param flowId the flow
     * @param rules  rules it reserved
     */
    void releaseRules(String flowId, List<FlowRule> rules);

    /**
     * Returns a flow.
     *
     * @param id flow id
     * @return the flow, if it exists
     */
    Optional<QosFlow> get(String id);

    /**
     * Changes a flow atomically.
     *
     * @param id     flow id
     * @param change how to change it
     * @return the changed flow, if it exists
     */
    Optional<QosFlow> update(String id, UnaryOperator<QosFlow> change);

    /**
     * Changes a flow if it is still exactly as expected, in one call to the
     * store.
     *
     * @param expected the flow as it should be now
     * @param next     what it becomes; same id
     * @return true if it was as expected and changed
     */
    boolean replace(QosFlow expected, QosFlow next);

    /**
     * Deletes a flow.
     *
     * @param id flow id
     * @return the deleted flow, if it existed
     */
    Optional<QosFlow> remove(String id);

    /**
     * Returns every flow, oldest first.
     *
     * @return flows
     */
    List<QosFlow> list();

    /**
     * Returns the id of the flow that owns a rule.
     *
     * @param rule the rule
     * @return flow id, if a flow owns it
     */
    Optional<String> ownerOf(FlowRule rule);

    /**
     * Returns the ids of the flows with a rule on a device.
     *
     * @param deviceId device
     * @return flow ids
     */
    Collection<String> flowsOn(DeviceId deviceId);

    /**
     * Tells, without asking the cluster, which network flows have an IP
     * address as their source or destination.
     *
     * @param ip host address
     * @return flow ids, as this node last heard of them
     */
    Collection<String> flowsWithEndpoint(IpAddress ip);

    /**
     * Tells, without asking the cluster, a flow's last known state.
     *
     * @param id flow id
     * @return its state as this node last heard it, or null if unknown
     */
    QosFlow.State knownState(String id);

    /**
     * Tells, without asking the cluster, whether this node knows of any flow
     * in a state: a question asked at every rule event (ONOS refreshes every
     * rule's statistics every few seconds) before looking up the rule's flow.
     *
     * @param state a state
     * @return true if some flow is in it as this node last heard
     */
    boolean anyKnownIn(QosFlow.State state);

    /**
     * The node {@link #knownActingNodes()} gives for a flow being installed
     * or removed that names none: one stored by an earlier FlowSocket
     * release, which did not record the node. No node of this release waits
     * for the switches' answer about it.
     */
    String UNRECORDED_NODE = "";

    /**
     * Tells, without asking the cluster, which flows are being installed or
     * removed, and by which node.
     *
     * @return flow id to ONOS node id, as this node last heard, or
     *         {@link #UNRECORDED_NODE} where the flow names no node
     */
    Map<String, String> knownActingNodes();

    /**
     * Tells, without asking the cluster, which node is installing or
     * removing a flow.
     *
     * @param id flow id
     * @return ONOS node id as this node last heard, {@link #UNRECORDED_NODE}
     *         where the flow names none, or null if no node is acting on it
     */
    default String knownActingNode(String id) {
        return knownActingNodes().get(id);
    }

    /**
     * Returns how many calls this node made to the cluster's store (each a
     * round trip on a Raft cluster, some made together).
     *
     * @return calls since the store opened
     */
    long operations();

    /**
     * Returns how many times this node waited for the cluster's store: once
     * per call, or once for calls made together. On a Raft cluster each wait
     * is about one round trip of a request's latency.
     *
     * @return waits since the store opened
     */
    long operationWaits();
}
