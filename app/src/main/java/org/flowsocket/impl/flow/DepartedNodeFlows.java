/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowStore;
import org.slf4j.Logger;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Settles the flows a node left PENDING or REMOVING when it left the
 * cluster: only that node waited for the switches' answer. The leader
 * compares them with what ONOS reports: a flow whose rules ONOS lists ADDED
 * is INSTALLED, any other pending flow is withdrawn and FAILED, and a flow
 * being removed is removed again and forgotten. A node that restarts before
 * the cluster saw it leave (Atomix notices a dead member after some
 * seconds) settles the same way what its previous run left: the cluster
 * still counts it active, so no other node would. The leader settles so
 * too the flows an earlier FlowSocket release left PENDING or REMOVING
 * without naming its node: replacing the application stopped that release
 * on every node, so nobody waits for them.
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
    // Flows this node was acting on when it started: its previous run's.
    private final Set<String> previousRun;

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
        String self = leadership.localNode();
        this.previousRun = store.knownActingNodes().entrySet().stream()
                .filter(e -> self.equals(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * Runs for leadership and settles, on the leader: when a node leaves,
     * when this node becomes the leader, and every {@value #SWEEP_MILLIS} ms
     * (a node may leave while no node leads), when this node also makes sure
     * it is still a candidate.
     *
     * @param timer       scheduler of the periodic look
     * @param eventThread where to settle, in order with ONOS's other events
     */
    public void start(ScheduledExecutorService timer, Executor eventThread) {
        eventThread.execute(this::settlePreviousRun);
        leadership.start(() -> eventThread.execute(this::settle), eventThread);
        timer.scheduleWithFixedDelay(() -> eventThread.execute(() -> {
            leadership.stayCandidate();
            settle();
        }), SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
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
            boolean unrecorded = QosFlowStore.UNRECORDED_NODE.equals(node);
            if (unrecorded || !leadership.isActive(node)) {
                String what = unrecorded ? "an earlier FlowSocket release, which did not record its node, stopped"
                        : "node " + node + " left the cluster";
                store.get(id).filter(flow -> node.equals(actingNodeOf(flow)))
                        .ifPresent(flow -> settle(flow, node, what));
            }
        });
    }

    /**
     * Settles the flows this node's previous run left PENDING or REMOVING,
     * known from the store when this node started; nothing of this run is
     * among them.
     */
    public void settlePreviousRun() {
        String self = leadership.localNode();
        previousRun.forEach(id -> store.get(id).filter(flow -> self.equals(flow.actingNode()))
                .ifPresent(flow -> settle(flow, self, "node " + self + " restarted")));
        previousRun.clear();
    }

    // what: what became of the acting node ("node n2 left the cluster").
    private void settle(QosFlow flow, String node, String what) {
        if (flow.state() == QosFlow.State.PENDING) {
            settleInstall(flow, node, what);
        } else if (flow.state() == QosFlow.State.REMOVING) {
            settleRemoval(flow, node, what);
        }
    }

    private void settleInstall(QosFlow flow, String node, String what) {
        if (lifecycle.isWhole(flow)) {
            log.info("Flow {}: {} while installing it; ONOS lists its rules added", flow.id(), what);
            store.update(flow.id(), h -> stillActing(h, node, QosFlow.State.PENDING)
                    ? h.withState(QosFlow.State.INSTALLED, null) : h);
            return;
        }
        String reason = what + " while installing the flow, before the switches "
                + "confirmed it; every rule and meter of the request was withdrawn";
        log.warn("Flow {} failed: {}", flow.id(), reason);
        installer.withdraw(flow.rules());
        meters.release(flow.meters());
        store.update(flow.id(), h -> stillActing(h, node, QosFlow.State.PENDING)
                ? h.withState(QosFlow.State.FAILED, reason) : h);
        lifecycle.forgetLater(flow.id());
    }

    private void settleRemoval(QosFlow flow, String node, String what) {
        log.info("Flow {}: {} while removing it; removing its rules and meters", flow.id(), what);
        installer.withdraw(flow.rules());
        meters.release(flow.meters());
        store.get(flow.id()).filter(h -> stillActing(h, node, QosFlow.State.REMOVING))
                .ifPresent(h -> store.remove(flow.id()));
    }

    private static boolean stillActing(QosFlow flow, String node, QosFlow.State state) {
        return flow.state() == state && Objects.equals(actingNodeOf(flow), node);
    }

    private static String actingNodeOf(QosFlow flow) {
        return flow.actingNode() != null ? flow.actingNode() : QosFlowStore.UNRECORDED_NODE;
    }
}
