/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.flowsocket.sandbox.web.TrafficControlServlet;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The simulated traffic of FlowSocket's flow handles: a handle's rate is
 * kept by handle and set on every one of its current rules, on every switch
 * of its path. When the handle's rules change (a reroute), the rate moves
 * to the new rules and the old ones get their class's rate back; when the
 * handle goes, its rules' rates are cleared and the rate is forgotten.
 */
final class FlowTrafficControl implements TrafficControlServlet.FlowTraffic, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowTrafficControl.class);

    private final QosFlowService flows;
    private final SimulatedNetwork network;
    /** Each handle's rate and the rules it is set on; guarded by this. */
    private final Map<String, Rated> rated = new HashMap<>();
    // FlowSocket tells its listeners on its event thread: the network's thread is not waited for there.
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-flow-traffic");
        t.setDaemon(true);
        return t;
    });
    private final QosFlowListener listener = this::flowEvent;

    FlowTrafficControl(QosFlowService flows, SimulatedNetwork network) {
        this.flows = requireNonNull(flows);
        this.network = requireNonNull(network);
        flows.addListener(listener);
    }

    @Override
    public synchronized void set(String flowId, long bitsPerSecond) {
        QosFlow flow = existing(flowId);
        Set<FlowId> rules = ruleIds(flow);
        network.traffic().setRate(rules, bitsPerSecond);
        Rated before = rated.put(flowId, new Rated(bitsPerSecond, rules));
        if (before != null) {
            clearRemoved(before.rules, rules);
        }
    }

    @Override
    public synchronized void clear(String flowId) {
        Set<FlowId> rules = ruleIds(existing(flowId));
        Rated before = rated.remove(flowId);
        if (before != null) {
            rules.addAll(before.rules);
        }
        network.traffic().clearRate(rules);
    }

    @Override
    public void close() {
        flows.removeListener(listener);
        events.shutdownNow();
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void flowEvent(QosFlowEvent event) {
        boolean rulesChanged = event.type() == QosFlowEvent.Type.FLOW_REMOVED || event.prevSubject() == null
                || !event.prevSubject().rules().equals(event.subject().rules());
        if (rulesChanged && !events.isShutdown()) {
            String flowId = event.subject().id();
            events.execute(() -> follow(flowId));
        }
    }

    // Sets the handle's rate on the rules it has now, or forgets it once the handle is gone.
    private synchronized void follow(String flowId) {
        Rated before = rated.get(flowId);
        if (before == null) {
            return;
        }
        try {
            Optional<QosFlow> flow = flows.getFlow(flowId);
            if (flow.isEmpty()) {
                rated.remove(flowId);
                network.traffic().clearRate(before.rules);
                return;
            }
            Set<FlowId> rules = ruleIds(flow.get());
            if (!rules.equals(before.rules)) {
                network.traffic().setRate(rules, before.bitsPerSecond);
                rated.put(flowId, new Rated(before.bitsPerSecond, rules));
                clearRemoved(before.rules, rules);
            }
        } catch (RuntimeException e) {
            log.warn("Could not follow the traffic of {}", flowId, e);
        }
    }

    private void clearRemoved(Set<FlowId> before, Set<FlowId> now) {
        Set<FlowId> gone = new HashSet<>(before);
        gone.removeAll(now);
        if (!gone.isEmpty()) {
            network.traffic().clearRate(gone);
        }
    }

    private QosFlow existing(String flowId) {
        return flows.getFlow(flowId).orElseThrow(() -> new IllegalArgumentException("no flow handle " + flowId));
    }

    private static Set<FlowId> ruleIds(QosFlow flow) {
        return flow.rules().stream().map(FlowRule::id).collect(Collectors.toCollection(HashSet::new));
    }

    /** A handle's rate and the rules it is set on. */
    private static final class Rated {
        final long bitsPerSecond;
        final Set<FlowId> rules;

        Rated(long bitsPerSecond, Set<FlowId> rules) {
            this.bitsPerSecond = bitsPerSecond;
            this.rules = rules;
        }
    }
}
