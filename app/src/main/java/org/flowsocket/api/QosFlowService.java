/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.event.ListenerService;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Installs QoS flows confirmed by the switches, and removes, gets and lists
 * them, cluster-wide. What the WebSocket commands InstallFlow, RemoveFlow,
 * GetFlow and ListFlows do, for other ONOS applications.
 * <p>
 * A failed future completes exceptionally with a {@link FlowSocketException}
 * itself (what {@code whenComplete} and {@code handle} on it see, and the
 * cause of what {@code get} throws) whose {@link ErrorCode} says what went
 * wrong (e.g. {@code UNKNOWN_HOST}, {@code NO_PATH}, {@code FLOW_REFUSED},
 * {@code CONFIRM_TIMEOUT}, {@code INVALID_FIELD} for an argument out of
 * range). A null argument throws {@link NullPointerException} at once.
 */
public interface QosFlowService extends ListenerService<QosFlowEvent, QosFlowListener> {

    /**
     * Installs a flow as one batch. For a network flow, both hosts are
     * resolved and a rule is made for every hop of the path between them,
     * metered if asked.
     *
     * @param request what to install
     * @return the flow, INSTALLED once every switch confirmed its rules (or
     *         PENDING right away if the request does not confirm)
     */
    CompletableFuture<QosFlow> install(QosFlowRequest request);

    /**
     * Removes a flow: all its rules and meters.
     *
     * @param flowId        flow id
     * @param force         forget the flow even if the switches do not confirm
     * @param timeoutMillis how long to wait for the switches, or 0 for the configured default
     * @return the flow as it was, once the switches confirmed the deletions
     */
    CompletableFuture<QosFlow> remove(String flowId, boolean force, long timeoutMillis);

    /**
     * Returns a flow.
     *
     * @param flowId flow id
     * @return the flow, if it exists
     */
    Optional<QosFlow> getFlow(String flowId);

    /**
     * Returns the flows that pass a filter, oldest first.
     *
     * @param filter which flows
     * @return flows
     */
    List<QosFlow> getFlows(QosFlowFilter filter);
}
