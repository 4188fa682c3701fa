/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import java.util.List;

/**
 * What an administrator sees of FlowSocket's front doors: the sessions
 * open on this node.
 */
public interface FlowSocketAdminService {

    /**
     * Returns a snapshot of the open sessions.
     *
     * @return session descriptions, oldest first
     */
    List<SessionInfo> sessions();

    /**
     * Returns how many calls this node made to ONOS's distributed store
     * for flows, each a round trip on a Raft cluster:
     * dividing its growth by the requests served gives the calls per request.
     *
     * @return calls since FlowSocket started on this node
     */
    long storeOperations();

    /**
     * Returns how many times this node waited for ONOS's distributed store
     * for flows: once per call, or once for calls made together (a flow's
     * rule reservations). Each wait is about one round trip of a request's
     * latency on a Raft cluster.
     *
     * @return waits since FlowSocket started on this node
     */
    long storeWaits();
}
