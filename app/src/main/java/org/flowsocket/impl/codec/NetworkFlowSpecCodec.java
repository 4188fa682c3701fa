/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.TrafficClass;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;

import java.io.IOException;
import java.util.Optional;

/**
 * The {@code network} object of InstallFlow, as {@link NetworkFlowSpec}
 * and back (the form a flow handle's {@code spec} shows).
 */
public final class NetworkFlowSpecCodec {

    private NetworkFlowSpecCodec() {
    }

    /**
     * Reads and validates the {@code network} object of an InstallFlow request.
     *
     * @param f the {@code network} object
     * @return the spec
     * @throws FlowSocketException naming the offending field
     */
    public static NetworkFlowSpec decode(RequestFields f) {
        f.allowOnly("src", "dst", "protocol", "srcPort", "dstPort", "class", "priority", "qos",
                    "bidirectional", "timeout", "reroute");
        IpAddress src = f.ip("src");
        IpAddress dst = f.ip("dst");
        IpProto protocol = f.optEnum("protocol", IpProto.class).orElse(null);
        NetworkFlowSpec.Builder b = NetworkFlowSpec.builder(src, dst).protocol(protocol)
                .srcPort(port(f, "srcPort")).dstPort(port(f, "dstPort"));
        TrafficClass trafficClass = f.optEnum("class", TrafficClass.class).orElse(TrafficClass.BEST_EFFORT);
        b.trafficClass(trafficClass).priority((int) f.integer("priority", 1, 65535, trafficClass.priority()));
        Optional<RequestFields> qos = f.optObject("qos");
        if (qos.isPresent()) {
            RequestFields q = qos.get().allowOnly("dscp", "queue", "meterKbps", "meterBurstKb", "bandwidthKbps",
                                                       "police");
            b.dscp((int) q.integer("dscp", 0, 63, trafficClass.dscp()))
                    .queue(q.optInteger("queue", 0, 0xffffffffL).orElse(null))
                    .meter(q.optInteger("meterKbps", 1, NetworkFlowSpec.MAX_METER_KBPS).orElse(null),
                           q.optInteger("meterBurstKb", 1, NetworkFlowSpec.MAX_METER_KBPS).orElse(null))
                    .bandwidthKbps(q.optInteger("bandwidthKbps", 1, NetworkFlowSpec.MAX_METER_KBPS).orElse(null))
                    .police(q.bool("police", false));
        }
        b.bidirectional(f.bool("bidirectional", false)).timeoutSeconds((int) f.integer("timeout", 0, 65535, 0))
                .reroute(f.bool("reroute", true));
        try {
            return b.build();
        } catch (FlowSocketException e) {
            throw e.within(f.location());
        }
    }

    /**
     * Reads the text of a {@code network} object, every default resolved,
     * as a stored flow handle keeps its spec (see {@link #encode}).
     *
     * @param text   JSON text of the object
     * @param mapper JSON mapper
     * @return the spec
     * @throws IllegalArgumentException if the text is not a valid {@code network} object
     */
    public static NetworkFlowSpec decodeText(String text, ObjectMapper mapper) {
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
        if (!(json instanceof ObjectNode)) {
            throw new IllegalArgumentException("not a network object: " + text);
        }
        try {
            return decode(RequestFields.of((ObjectNode) json));
        } catch (FlowSocketException e) {
            throw new IllegalArgumentException(e.getMessage() + " in " + text, e);
        }
    }

    private static TpPort port(RequestFields f, String name) {
        return f.has(name) ? TpPort.tpPort((int) f.integer(name, 1, 65535)) : null;
    }

    /**
     * Renders a spec as the {@code network} object that would request it,
     * every default resolved.
     *
     * @param spec   the spec
     * @param mapper JSON mapper
     * @return JSON object
     */
    public static ObjectNode encode(NetworkFlowSpec spec, ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("src", spec.src().toString());
        json.put("dst", spec.dst().toString());
        spec.protocol().ifPresent(p -> json.put("protocol", p.name().toLowerCase()));
        spec.srcPort().ifPresent(p -> json.put("srcPort", p.toInt()));
        spec.dstPort().ifPresent(p -> json.put("dstPort", p.toInt()));
        json.put("class", spec.trafficClass().protocolName());
        json.put("priority", spec.priority());
        ObjectNode qos = json.putObject("qos");
        qos.put("dscp", spec.dscp());
        spec.queue().ifPresent(q -> qos.put("queue", q));
        spec.meterKbps().ifPresent(m -> qos.put("meterKbps", m));
        spec.meterBurstKb().ifPresent(m -> qos.put("meterBurstKb", m));
        spec.bandwidthKbps().ifPresent(b -> qos.put("bandwidthKbps", b));
        // Only when true: a stored spec stays readable by a FlowSocket that knows no such field.
        if (spec.police()) {
            qos.put("police", true);
        }
        json.put("bidirectional", spec.bidirectional());
        json.put("timeout", spec.timeoutSeconds());
        json.put("reroute", spec.reroute());
        return json;
    }
}
