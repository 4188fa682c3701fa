/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowTraffic;
import org.flowsocket.api.FlowTrafficService;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;

import java.util.List;
import java.util.Optional;

/**
 * Shows flows' traffic over ONOS's latest flow statistics period: end to
 * end and per hop, as the stats topic's FLOW_STATS gives it.
 */
@Service
@Command(scope = "onos", name = "flowsocket-flow-stats",
        description = "Shows the traffic of FlowSocket flows: packets, bytes and rates end to end and per hop")
public class FlowStatsCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "flowId", description = "Flow handle id, e.g. fs-3; all flows if omitted")
    @Completion(FlowIdCompleter.class)
    private String flowId;

    @Override
    protected void doExecute() throws Exception {
        List<QosFlow> flows;
        if (flowId != null) {
            Optional<QosFlow> flow = get(QosFlowService.class).getFlow(flowId);
            if (flow.isEmpty()) {
                failed(FlowSocketException.unknownFlow(flowId));
                return;
            }
            flows = List.of(flow.get());
        } else {
            flows = get(QosFlowService.class).getFlows(QosFlowFilter.ALL);
        }
        List<FlowTraffic> traffic = get(FlowTrafficService.class).latestTraffic(flows);
        if (outputJson()) {
            ArrayNode json = mapper().createArrayNode();
            traffic.forEach(t -> json.add(jsonForEntity(t, FlowTraffic.class)));
            printJson(flowId != null ? json.get(0) : json);
            return;
        }
        for (FlowTraffic t : traffic) {
            print("flowId=%s, ingress=%s, egress=%s", t.flowId(), ends(t.ingress()), ends(t.egress()));
            for (FlowTraffic.Hop hop : t.hops()) {
                if (hop.sample() == null) {
                    print("    %s rule=%s not counted yet", hop.rule().deviceId(),
                          Long.toHexString(hop.rule().id().value()));
                } else {
                    print("    %s rule=%s packets=%d, bytes=%d, %s, %.1f packets/s%s", hop.rule().deviceId(),
                          Long.toHexString(hop.rule().id().value()), hop.sample().packets(), hop.sample().bytes(),
                          bitRate(hop.rate().bitRate()), hop.rate().packetRate(),
                          hop.rate().restarted() ? " (counters restarted)" : "");
                }
            }
        }
        if (flowId == null) {
            print("%d flow(s)", traffic.size());
        }
    }

    private static String ends(List<FlowTraffic.Hop> hops) {
        long bits = hops.stream().filter(h -> h.rate() != null).mapToLong(h -> h.rate().bitRate()).sum();
        long bytes = hops.stream().filter(h -> h.sample() != null).mapToLong(h -> h.sample().bytes()).sum();
        return bitRate(bits) + " (" + bytes + " bytes)";
    }

    // Bits per second, as people read link speeds.
    static String bitRate(long bitsPerSecond) {
        if (bitsPerSecond >= 1_000_000_000) {
            return String.format("%.2f Gbit/s", bitsPerSecond / 1e9);
        } else if (bitsPerSecond >= 1_000_000) {
            return String.format("%.2f Mbit/s", bitsPerSecond / 1e6);
        } else if (bitsPerSecond >= 1_000) {
            return String.format("%.1f kbit/s", bitsPerSecond / 1e3);
        }
        return bitsPerSecond + " bit/s";
    }
}
