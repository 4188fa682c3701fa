/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.flowsocket.sandbox.web.TrafficControlServlet;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The simulated traffic of FlowSocket's flow handles: a handle's rate is
 * set on every one of its rules, on every switch of its path.
 */
final class FlowTrafficControl implements TrafficControlServlet.FlowTraffic {

    private final QosFlowService flows;
    private final SimulatedNetwork network;

    FlowTrafficControl(QosFlowService flows, SimulatedNetwork network) {
        this.flows = requireNonNull(flows);
        this.network = requireNonNull(network);
    }

    @Override
    public void set(String flowId, long bitsPerSecond) {
        network.traffic().setRate(rulesOf(flowId), bitsPerSecond);
    }

    @Override
    public void clear(String flowId) {
        network.traffic().clearRate(rulesOf(flowId));
    }

    private List<FlowId> rulesOf(String flowId) {
        QosFlow flow = flows.getFlow(flowId)
                .orElseThrow(() -> new IllegalArgumentException("no flow handle " + flowId));
        return flow.rules().stream().map(FlowRule::id).collect(Collectors.toList());
    }
}
