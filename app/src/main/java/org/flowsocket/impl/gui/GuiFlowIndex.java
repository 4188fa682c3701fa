/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.google.common.collect.ImmutableList;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowService;
import org.onosproject.net.DeviceId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * FlowSocket's flows as the topology overlay's detail panels show them,
 * kept current by the flow service's events, so that a panel (built on
 * ONOS's GUI thread) never waits for the store.
 */
public final class GuiFlowIndex implements QosFlowListener {

    private final QosFlowService flowService;
    private final Map<String, QosFlow> flows = new ConcurrentHashMap<>();

    /**
     * Creates the index.
     *
     * @param flowService QoS flow service
     */
    public GuiFlowIndex(QosFlowService flowService) {
        this.flowService = flowService;
    }

    /**
     * Starts following the flows.
     *
     * @return this index
     */
    public GuiFlowIndex open() {
        flowService.addListener(this);
        flowService.getFlows(QosFlowFilter.ALL).forEach(f -> flows.put(f.id(), f));
        return this;
    }

    /** Stops following the flows. */
    public void close() {
        flowService.removeListener(this);
        flows.clear();
    }

    @Override
    public void event(QosFlowEvent event) {
        if (event.type() == QosFlowEvent.Type.FLOW_REMOVED) {
            flows.remove(event.subject().id());
        } else {
            flows.put(event.subject().id(), event.subject());
        }
    }

    /**
     * Returns how many flows there are.
     *
     * @return count
     */
    public int size() {
        return flows.size();
    }

    /**
     * Returns the flows with a rule on a device, by flow number.
     *
     * @param deviceId device
     * @return flows
     */
    public List<QosFlow> throughDevice(DeviceId deviceId) {
        return sorted(flows.values().stream().filter(f -> f.touches(deviceId)).collect(Collectors.toList()));
    }

    /**
     * Returns the network flows from or to one of the addresses, by flow number.
     *
     * @param ips IP addresses, as text
     * @return flows
     */
    public List<QosFlow> ofAddresses(Set<String> ips) {
        return sorted(flows.values().stream().filter(f -> between(f, ips)).collect(Collectors.toList()));
    }

    /**
     * Tells whether a network flow goes from or to one of the addresses.
     *
     * @param flow the flow
     * @param ips  IP addresses, as text
     * @return true if its source or destination is one of them
     */
    static boolean between(QosFlow flow, Set<String> ips) {
        return flow.spec().map(s -> ips.contains(s.src().toString()) || ips.contains(s.dst().toString()))
                .orElse(false);
    }

    /**
     * Describes a flow in a few words, e.g. {@code 10.0.0.1 ⇄ 10.0.0.3 voice, INSTALLED}.
     *
     * @param flow the flow
     * @return description
     */
    public static String describe(QosFlow flow) {
        StringBuilder sb = new StringBuilder();
        Optional<NetworkFlowSpec> spec = flow.spec();
        if (spec.isPresent()) {
            sb.append(spec.get().src()).append(spec.get().bidirectional() ? " ⇄ " : " → ").append(spec.get().dst())
                    .append(' ').append(spec.get().trafficClass().protocolName());
        } else {
            sb.append(flow.rules().size()).append(" rule(s)");
        }
        return sb.append(", ").append(flow.state()).toString();
    }

    // fs-2 before fs-10.
    private static List<QosFlow> sorted(List<QosFlow> list) {
        return ImmutableList.sortedCopyOf(Comparator.comparingLong(GuiFlowIndex::number)
                                                  .thenComparing(QosFlow::id), list);
    }

    private static long number(QosFlow flow) {
        String digits = flow.id().replaceAll("\\D", "");
        try {
            return digits.isEmpty() ? Long.MAX_VALUE : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
