/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowTraffic;
import org.flowsocket.api.TrafficRate;
import org.flowsocket.impl.flow.OnosFlowEntries;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.List;

/**
 * Renders a flow's traffic as a FLOW_STATS event carries it: {@code flowId},
 * the window {@code from}/{@code to}, {@code ingress} and {@code egress}
 * totals and rates, and {@code hops}. Also ONOS's codec of
 * {@link FlowTraffic}, for the shell's {@code -j}.
 */
public final class FlowTrafficCodec extends JsonCodec<FlowTraffic> {

    @Override
    public ObjectNode encode(FlowTraffic traffic, CodecContext context) {
        ObjectNode json = context.mapper().createObjectNode();
        json.put("flowId", traffic.flowId());
        traffic.hops().stream().filter(h -> h.rate() != null).mapToLong(h -> h.rate().fromMillis()).min()
                .ifPresent(from -> json.put("from", from));
        traffic.hops().stream().filter(h -> h.rate() != null).mapToLong(h -> h.rate().toMillis()).max()
                .ifPresent(to -> json.put("to", to));
        json.set("ingress", sum(traffic.ingress(), context));
        json.set("egress", sum(traffic.egress(), context));
        ArrayNode hops = json.putArray("hops");
        for (FlowTraffic.Hop hop : traffic.hops()) {
            ObjectNode rendered = hops.addObject();
            rendered.put("deviceId", hop.rule().deviceId().toString());
            rendered.put("ruleId", OnosFlowEntries.flowIdOf(hop.rule()));
            if (hop.sample() == null) {
                // ONOS lists the rule not ADDED (or not at all): the switch reported no counters.
                rendered.put("counted", false);
                continue;
            }
            rendered.put("packets", hop.sample().packets());
            rendered.put("bytes", hop.sample().bytes());
            putRates(rendered, hop.rate().packetRate(), hop.rate().bitRate());
            rendered.put("from", hop.rate().fromMillis());
            rendered.put("to", hop.rate().toMillis());
            if (hop.rate().restarted()) {
                rendered.put("restarted", true);
            }
        }
        return json;
    }

    private static ObjectNode sum(List<FlowTraffic.Hop> ends, CodecContext context) {
        long packets = 0;
        long bytes = 0;
        double packetRate = 0;
        long bitRate = 0;
        for (FlowTraffic.Hop h : ends) {
            if (h.sample() != null) {
                TrafficRate rate = h.rate();
                packets += h.sample().packets();
                bytes += h.sample().bytes();
                packetRate += rate.packetRate();
                bitRate += rate.bitRate();
            }
        }
        ObjectNode json = context.mapper().createObjectNode();
        json.put("packets", packets);
        json.put("bytes", bytes);
        return putRates(json, packetRate, bitRate);
    }

    // Packets per second with one decimal, bits per second whole.
    private static ObjectNode putRates(ObjectNode json, double packetRate, long bitRate) {
        json.put("packetRate", Math.round(packetRate * 10) / 10.0);
        json.put("bitRate", bitRate);
        return json;
    }
}
