/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.protocol.FlowSocketException;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;

import java.util.Optional;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A QoS flow between two hosts' IP addresses, as a client asked for it,
 * with every default resolved (traffic class to DSCP and priority).
 */
public final class NetworkFlowSpec {

    /** Largest meter rate accepted, in kb/s (1 Tb/s). */
    public static final long MAX_METER_KBPS = 1_000_000_000L;

    private final IpAddress src;
    private final IpAddress dst;
    private final IpProto protocol;
    private final TpPort srcPort;
    private final TpPort dstPort;
    private final TrafficClass trafficClass;
    private final int priority;
    private final int dscp;
    private final Long queue;
    private final Long meterKbps;
    private final Long meterBurstKb;
    private final boolean bidirectional;
    private final int timeoutSeconds;

    private NetworkFlowSpec(Builder b) {
        this.src = checkNotNull(b.src);
        this.dst = checkNotNull(b.dst);
        this.protocol = b.protocol;
        this.srcPort = b.srcPort;
        this.dstPort = b.dstPort;
        this.trafficClass = checkNotNull(b.trafficClass);
        this.priority = b.priority;
        this.dscp = b.dscp;
        this.queue = b.queue;
        this.meterKbps = b.meterKbps;
        this.meterBurstKb = b.meterBurstKb;
        this.bidirectional = b.bidirectional;
        this.timeoutSeconds = b.timeoutSeconds;
    }

    /**
     * Reads and validates the {@code network} object of an InstallFlow request.
     *
     * @param f the network object
     * @return the specification
     */
    public static NetworkFlowSpec parse(RequestFields f) {
        f.allowOnly("src", "dst", "protocol", "srcPort", "dstPort", "class", "priority", "qos",
                    "bidirectional", "timeout");
        Builder b = new Builder();
        b.src = f.ip("src");
        b.dst = f.ip("dst");
        if (b.src.version() != b.dst.version()) {
            throw FlowSocketException.invalid(f.path("dst"), "must be of the same IP version as src");
        }
        if (b.src.equals(b.dst)) {
            throw FlowSocketException.invalid(f.path("dst"), "must differ from src");
        }
        b.protocol = f.optEnum("protocol", IpProto.class).orElse(null);
        b.srcPort = port(f, "srcPort", b.protocol);
        b.dstPort = port(f, "dstPort", b.protocol);
        b.trafficClass = f.optEnum("class", TrafficClass.class).orElse(TrafficClass.BEST_EFFORT);
        b.priority = (int) f.integer("priority", 1, 65535, b.trafficClass.priority());
        b.dscp = b.trafficClass.dscp();
        Optional<RequestFields> qos = f.optObject("qos");
        if (qos.isPresent()) {
            RequestFields q = qos.get().allowOnly("dscp", "queue", "meterKbps", "meterBurstKb");
            b.dscp = (int) q.integer("dscp", 0, 63, b.dscp);
            b.queue = q.optInteger("queue", 0, 0xffffffffL).orElse(null);
            b.meterKbps = q.optInteger("meterKbps", 1, MAX_METER_KBPS).orElse(null);
            b.meterBurstKb = q.optInteger("meterBurstKb", 1, MAX_METER_KBPS).orElse(null);
            if (b.meterBurstKb != null && b.meterKbps == null) {
                throw FlowSocketException.invalid(q.path("meterBurstKb"), "needs meterKbps");
            }
        }
        b.bidirectional = f.bool("bidirectional", false);
        b.timeoutSeconds = (int) f.integer("timeout", 0, 65535, 0);
        return new NetworkFlowSpec(b);
    }

    private static TpPort port(RequestFields f, String name, IpProto protocol) {
        if (!f.has(name)) {
            return null;
        }
        if (protocol == null || !protocol.hasPorts()) {
            throw FlowSocketException.invalid(f.path(name), "needs protocol tcp, udp or sctp");
        }
        return TpPort.tpPort((int) f.integer(name, 1, 65535));
    }

    /**
     * Returns the same flow in the opposite direction.
     *
     * @return the reverse specification
     */
    public NetworkFlowSpec reverse() {
        Builder b = toBuilder();
        b.src = dst;
        b.dst = src;
        b.srcPort = dstPort;
        b.dstPort = srcPort;
        return new NetworkFlowSpec(b);
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.src = src;
        b.dst = dst;
        b.protocol = protocol;
        b.srcPort = srcPort;
        b.dstPort = dstPort;
        b.trafficClass = trafficClass;
        b.priority = priority;
        b.dscp = dscp;
        b.queue = queue;
        b.meterKbps = meterKbps;
        b.meterBurstKb = meterBurstKb;
        b.bidirectional = bidirectional;
        b.timeoutSeconds = timeoutSeconds;
        return b;
    }

    /** @return source IP address */
    public IpAddress src() {
        return src;
    }

    /** @return destination IP address */
    public IpAddress dst() {
        return dst;
    }

    /** @return transport protocol to match, if any */
    public Optional<IpProto> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** @return source transport port to match, if any */
    public Optional<TpPort> srcPort() {
        return Optional.ofNullable(srcPort);
    }

    /** @return destination transport port to match, if any */
    public Optional<TpPort> dstPort() {
        return Optional.ofNullable(dstPort);
    }

    /** @return the traffic class */
    public TrafficClass trafficClass() {
        return trafficClass;
    }

    /** @return rule priority */
    public int priority() {
        return priority;
    }

    /** @return DSCP to mark */
    public int dscp() {
        return dscp;
    }

    /** @return egress queue, if any */
    public Optional<Long> queue() {
        return Optional.ofNullable(queue);
    }

    /** @return meter rate in kb/s, if any */
    public Optional<Long> meterKbps() {
        return Optional.ofNullable(meterKbps);
    }

    /** @return meter burst size in kb, if any */
    public Optional<Long> meterBurstKb() {
        return Optional.ofNullable(meterBurstKb);
    }

    /** @return whether the reverse direction is installed too */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** @return idle timeout in seconds, 0 for permanent rules */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Renders the resolved specification, as GetFlow shows it.
     *
     * @param mapper JSON mapper
     * @return JSON object
     */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("src", src.toString());
        json.put("dst", dst.toString());
        protocol().ifPresent(p -> json.put("protocol", p.name().toLowerCase()));
        srcPort().ifPresent(p -> json.put("srcPort", p.toInt()));
        dstPort().ifPresent(p -> json.put("dstPort", p.toInt()));
        json.put("class", trafficClass.protocolName());
        json.put("priority", priority);
        ObjectNode qos = json.putObject("qos");
        qos.put("dscp", dscp);
        queue().ifPresent(q -> qos.put("queue", q));
        meterKbps().ifPresent(m -> qos.put("meterKbps", m));
        meterBurstKb().ifPresent(m -> qos.put("meterBurstKb", m));
        json.put("bidirectional", bidirectional);
        json.put("timeout", timeoutSeconds);
        return json;
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("src", src).add("dst", dst).add("protocol", protocol)
                .add("srcPort", srcPort).add("dstPort", dstPort).add("class", trafficClass)
                .add("priority", priority).add("dscp", dscp).add("queue", queue)
                .add("meterKbps", meterKbps).add("bidirectional", bidirectional).toString();
    }

    private static final class Builder {
        private IpAddress src;
        private IpAddress dst;
        private IpProto protocol;
        private TpPort srcPort;
        private TpPort dstPort;
        private TrafficClass trafficClass;
        private int priority;
        private int dscp;
        private Long queue;
        private Long meterKbps;
        private Long meterBurstKb;
        private boolean bidirectional;
        private int timeoutSeconds;
    }
}
