/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowStore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits, before a removal, until a flow another node of the cluster is
 * installing is settled (no longer PENDING): only that node hears ONOS
 * answer the addition, and a deletion sent before that answer can overtake
 * the addition inside ONOS and leave the rules on the switches (see
 * {@link FlowInstaller}). The state is this node's last known one, which
 * ONOS's distributed map brings with each change.
 */
final class InstallsElsewhere {

    /** How often the flow's state is looked at while waiting. */
    static final long POLL_MILLIS = 20;

    private final QosFlowStore store;
    private final FlowLeadership leadership;
    private final ScheduledExecutorService timer;

    InstallsElsewhere(QosFlowStore store, FlowLeadership leadership, ScheduledExecutorService timer) {
        this.store = store;
        this.leadership = leadership;
        this.timer = timer;
    }

    /**
     * Returns a future completed once a flow is not being installed by
     * another active node, at the latest after a timeout.
     *
     * @param id            flow id
     * @param timeoutMillis longest wait
     * @return the future, completed already when there is nothing to wait for
     */
    CompletableFuture<Void> settled(String id, long timeoutMillis) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        poll(id, settled, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        return settled;
    }

    private void poll(String id, CompletableFuture<Void> settled, long deadlineNanos) {
        if (!installingElsewhere(id) || System.nanoTime() - deadlineNanos >= 0) {
            settled.complete(null);
            return;
        }
        try {
            timer.schedule(() -> poll(id, settled, deadlineNanos), POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            settled.complete(null);
        }
    }

    // A node that left the cluster answers for nothing: the leader settles its flows.
    private boolean installingElsewhere(String id) {
        if (store.knownState(id) != QosFlow.State.PENDING) {
            return false;
        }
        String acting = store.knownActingNode(id);
        return acting != null && !acting.equals(QosFlowStore.UNRECORDED_NODE)
                && !acting.equals(leadership.localNode()) && leadership.isActive(acting);
    }
}
