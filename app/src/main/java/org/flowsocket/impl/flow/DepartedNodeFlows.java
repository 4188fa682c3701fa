/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowStore;
import org.slf4j.Logger;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Settles the flows a node left PENDING or REMOVING when it left the
 * cluster: only that node waited for the switches' answer. The leader
 * compares them with what ONOS reports: a flow whose rules ONOS lists ADDED
 * is INSTALLED, any other pending flow is withdrawn and FAILED, and a flow
 * being removed is removed again and forgotten.
 */
public final class DepartedNodeFlows {

    /** How often the leader looks for flows of departed nodes, ms. */
    public static final long SWEEP_MILLIS = 5_000;

    private final Logger log = getLogger(getClass());

    private final QosFlowStore store;
    private final FlowLifecycle lifecycle;
    private final FlowInstaller installer;
    private final MeterAllocator meters;
    private final FlowLeadership leadership;

    /**
     * Creates the settler.
     *
     * @param store      flow store
     * @param lifecycle  flows' lifecycle, for ONOS's view of their rules
     * @param installer  rule installer
     * @param meters     meter allocator
     * @param leadership this node's place in the cluster
     */
    public DepartedNodeFlows(QosFlowStore store, FlowLifecycle lifecycle, FlowInstaller installer,
                             MeterAllocator meters, FlowLeadership leadership) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.installer = installer;
        this.meters = meters;
        this.leadership = leadership;
    }

    /**
     * Runs for leadership and settles, on the leader: when a node leaves,
     * when this node becomes the leader, and every {@value #SWEEP_MILLIS} ms
     * (a node may leave while no node leads).
     *
     * @param timer       scheduler of the periodic look
     * @param eventThread where to settle, in order with ONOS's other events
     */
    public void start(ScheduledExecutorService timer, Executor eventThread) {
        Runnable settleThere = () -> eventThread.execute(this::settle);
        leadership.start(settleThere);
        timer.scheduleWithFixedDelay(settleThere, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * On the leader, settles every flow whose acting node is not active. The
     * store's local view tells which flows have a node acting on them, so a
     * look that finds nothing to do asks the cluster nothing.
     */
    public void settle() {
        if (!leadership.isLeader()) {
            return;
        }
        store.knownActingNodes().forEach((id, node) -> {
            if (!leadership.isActive(node)) {
                store.get(id).filter(flow -> node.equals(flow.actingNode())).ifPresent(flow -> settle(flow, node));
            }
        });
    }

    private void settle(QosFlow flow, String node) {
        if (flow.state() == QosFlow.State.PENDING) {
            settleInstall(flow, node);
        } else if (flow.state() == QosFlow.State.REMOVING) {
            settleRemoval(flow, node);
        }
    }

    private void settleInstall(QosFlow flow, String node) {
        if (lifecycle.isWhole(flow)) {
            log.info("Flow {}: node {} left while installing it; ONOS lists its rules added", flow.id(), node);
            store.update(flow.id(), h -> stillActing(h, node, QosFlow.State.PENDING)
                    ? h.withState(QosFlow.State.INSTALLED, null) : h);
            return;
        }
        String reason = "node " + node + " left the cluster while installing the flow, before the switches "
                + "confirmed it; every rule and meter of the request was withdrawn";
        log.warn("Flow {} failed: {}", flow.id(), reason);
        installer.withdraw(flow.rules());
        meters.release(flow.meters());
        store.update(flow.id(), h -> stillActing(h, node, QosFlow.State.PENDING)
                ? h.withState(QosFlow.State.FAILED, reason) : h);
        lifecycle.forgetLater(flow.id());
    }

    private void settleRemoval(QosFlow flow, String node) {
        log.info("Flow {}: node {} left while removing it; removing its rules and meters", flow.id(), node);
        installer.withdraw(flow.rules());
        meters.release(flow.meters());
        store.get(flow.id()).filter(h -> stillActing(h, node, QosFlow.State.REMOVING))
                .ifPresent(h -> store.remove(flow.id()));
    }

    private static boolean stillActing(QosFlow flow, String node, QosFlow.State state) {
        return flow.state() == state && Objects.equals(flow.actingNode(), node);
    }
}
