/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;

import java.util.Objects;
import java.util.Optional;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A QoS flow between two hosts' IP addresses, as a client asked for it,
 * with every default resolved (traffic class to DSCP and priority).
 * FlowSocket resolves both addresses to known hosts, computes the path
 * between them and installs one rule per hop.
 * <p>
 * Built with {@link #builder(IpAddress, IpAddress)}; {@link Builder#build()}
 * rejects an inconsistent spec with a {@link FlowSocketException} of code
 * {@link ErrorCode#INVALID_FIELD} naming the offending field.
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
    private final Long bandwidthKbps;
    private final boolean police;
    private final boolean bidirectional;
    private final int timeoutSeconds;
    private final boolean reroute;

    private NetworkFlowSpec(Builder b) {
        this.src = checkNotNull(b.src);
        this.dst = checkNotNull(b.dst);
        this.protocol = b.protocol;
        this.srcPort = b.srcPort;
        this.dstPort = b.dstPort;
        this.trafficClass = checkNotNull(b.trafficClass);
        this.priority = b.priority == null ? b.trafficClass.priority() : b.priority;
        this.dscp = b.dscp == null ? b.trafficClass.dscp() : b.dscp;
        this.queue = b.queue;
        this.meterKbps = b.meterKbps;
        this.meterBurstKb = b.meterBurstKb;
        this.bandwidthKbps = b.bandwidthKbps;
        this.police = b.police;
        this.bidirectional = b.bidirectional;
        this.timeoutSeconds = b.timeoutSeconds;
        this.reroute = b.reroute;
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
        b.bandwidthKbps = bandwidthKbps;
        b.police = police;
        b.bidirectional = bidirectional;
        b.timeoutSeconds = timeoutSeconds;
        b.reroute = reroute;
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

    /** @return the bandwidth reserved on every link of the path in kb/s, if any */
    public Optional<Long> bandwidthKbps() {
        return Optional.ofNullable(bandwidthKbps);
    }

    /**
     * Returns whether the reserved rate is policed: one drop-band meter at
     * {@link #bandwidthKbps()} on the ingress device of each direction.
     *
     * @return true if policed
     */
    public boolean police() {
        return police;
    }

    /**
     * Returns the rate of the flow's meters: {@link #meterKbps()} on every
     * device of the path, or the reserved rate on the ingress devices when
     * policed.
     *
     * @return meter rate in kb/s, if the flow has meters
     */
    public Optional<Long> meterRateKbps() {
        return police ? bandwidthKbps() : meterKbps();
    }

    /** @return whether the reverse direction is installed too */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** @return idle timeout in seconds, 0 for permanent rules */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** @return whether FlowSocket moves the flow to another path when its path fails or a host moves */
    public boolean reroute() {
        return reroute;
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("src", src).add("dst", dst).add("protocol", protocol)
                .add("srcPort", srcPort).add("dstPort", dstPort).add("class", trafficClass)
                .add("priority", priority).add("dscp", dscp).add("queue", queue)
                .add("meterKbps", meterKbps).add("meterBurstKb", meterBurstKb).add("bandwidthKbps", bandwidthKbps)
                .add("police", police ? Boolean.TRUE : null).add("bidirectional", bidirectional).add("timeoutSeconds", timeoutSeconds).add("reroute", reroute)
                .omitNullValues().toString();
    }

    /**
     * Returns a builder of a flow from one address to another, best effort
     * unless told otherwise.
     *
     * @param src source host's IP address
     * @param dst destination host's IP address
     * @return builder
     */
    public static Builder builder(IpAddress src, IpAddress dst) {
        Builder b = new Builder();
        b.src = checkNotNull(src, "src");
        b.dst = checkNotNull(dst, "dst");
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NetworkFlowSpec)) {
            return false;
        }
        NetworkFlowSpec that = (NetworkFlowSpec) o;
        return priority == that.priority && dscp == that.dscp && bidirectional == that.bidirectional
                && reroute == that.reroute && police == that.police
                && timeoutSeconds == that.timeoutSeconds && src.equals(that.src) && dst.equals(that.dst)
                && protocol == that.protocol && Objects.equals(srcPort, that.srcPort)
                && Objects.equals(dstPort, that.dstPort) && trafficClass == that.trafficClass
                && Objects.equals(queue, that.queue) && Objects.equals(meterKbps, that.meterKbps)
                && Objects.equals(meterBurstKb, that.meterBurstKb) && Objects.equals(bandwidthKbps, that.bandwidthKbps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(src, dst, protocol, srcPort, dstPort, trafficClass, priority, dscp, queue, meterKbps,
                            meterBurstKb, bandwidthKbps, police, bidirectional, timeoutSeconds, reroute);
    }

    /**
     * Builder of network flow specs. The traffic class sets the DSCP mark
     * and the priority unless {@link #dscp(int)} or {@link #priority(int)}
     * override them.
     */
    public static final class Builder {
        private IpAddress src;
        private IpAddress dst;
        private IpProto protocol;
        private TpPort srcPort;
        private TpPort dstPort;
        private TrafficClass trafficClass = TrafficClass.BEST_EFFORT;
        private Integer priority;
        private Integer dscp;
        private Long queue;
        private Long meterKbps;
        private Long meterBurstKb;
        private Long bandwidthKbps;
        private boolean police;
        private boolean bidirectional;
        private int timeoutSeconds;
        private boolean reroute = true;

        private Builder() {
        }

        /**
         * Sets the transport protocol to match.
         *
         * @param protocol protocol, or null for any IP traffic
         * @return this builder
         */
        public Builder protocol(IpProto protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * Sets the source transport port to match; needs a protocol with ports.
         *
         * @param port port, or null for any
         * @return this builder
         */
        public Builder srcPort(TpPort port) {
            this.srcPort = port;
            return this;
        }

        /**
         * Sets the destination transport port to match; needs a protocol with ports.
         *
         * @param port port, or null for any
         * @return this builder
         */
        public Builder dstPort(TpPort port) {
            this.dstPort = port;
            return this;
        }

        /**
         * Sets the traffic class, which gives the default DSCP mark and priority.
         *
         * @param trafficClass class
         * @return this builder
         */
        public Builder trafficClass(TrafficClass trafficClass) {
            this.trafficClass = checkNotNull(trafficClass, "trafficClass");
            return this;
        }

        /**
         * Overrides the class's rule priority.
         *
         * @param priority 1 to 65535
         * @return this builder
         */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Overrides the class's DSCP mark.
         *
         * @param dscp 0 to 63
         * @return this builder
         */
        public Builder dscp(int dscp) {
            this.dscp = dscp;
            return this;
        }

        /**
         * Sets the egress queue of every hop.
         *
         * @param queue queue id, or null for none
         * @return this builder
         */
        public Builder queue(Long queue) {
            this.queue = queue;
            return this;
        }

        /**
         * Sets a meter on every hop, dropping above the rate; with
         * {@link #police(boolean)}, only the burst of the policing meter.
         *
         * @param rateKbps rate in kb/s, or null for no meter on every hop
         * @param burstKb  burst size in kb, or null for the switch's default
         * @return this builder
         */
        public Builder meter(Long rateKbps, Long burstKb) {
            this.meterKbps = rateKbps;
            this.meterBurstKb = burstKb;
            return this;
        }

        /**
         * Sets the bandwidth to reserve on every link of the path (admission
         * control: the flow is refused if some link lacks it).
         *
         * @param kbps rate in kb/s, or null to reserve nothing
         * @return this builder
         */
        public Builder bandwidthKbps(Long kbps) {
            this.bandwidthKbps = kbps;
            return this;
        }

        /**
         * Sets whether the reserved rate is policed at the ingress: one
         * drop-band meter at {@link #bandwidthKbps(Long)} on the first device
         * of each direction, used by that direction's first rule. Needs a
         * bandwidth; excludes a meter on every hop.
         *
         * @param police true to police the reserved rate
         * @return this builder
         */
        public Builder police(boolean police) {
            this.police = police;
            return this;
        }

        /**
         * Sets whether the reverse direction is installed too.
         *
         * @param bidirectional true for both directions
         * @return this builder
         */
        public Builder bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        /**
         * Sets the rules' idle timeout.
         *
         * @param seconds 0 (permanent rules) to 65535
         * @return this builder
         */
        public Builder timeoutSeconds(int seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        /**
         * Sets whether the flow follows failures and host moves; true by default.
         *
         * @param reroute false to keep the flow on its first path
         * @return this builder
         */
        public Builder reroute(boolean reroute) {
            this.reroute = reroute;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return network flow spec
         * @throws FlowSocketException if the spec is inconsistent; its
         *         field is named relative to the spec, e.g. {@code qos.dscp}
         */
        public NetworkFlowSpec build() {
            if (src.version() != dst.version()) {
                throw FlowSocketException.invalid("dst", "must be of the same IP version as src");
            }
            if (src.equals(dst)) {
                throw FlowSocketException.invalid("dst", "must differ from src");
            }
            checkPort(srcPort, "srcPort");
            checkPort(dstPort, "dstPort");
            checkRange("priority", priority, 1, 65535);
            checkRange("qos.dscp", dscp, 0, 63);
            checkRange("qos.queue", queue, 0, 0xffffffffL);
            checkRange("qos.meterKbps", meterKbps, 1, MAX_METER_KBPS);
            checkRange("qos.meterBurstKb", meterBurstKb, 1, MAX_METER_KBPS);
            checkRange("qos.bandwidthKbps", bandwidthKbps, 1, MAX_METER_KBPS);
            if (police && bandwidthKbps == null) {
                throw FlowSocketException.invalid("qos.police", "needs bandwidthKbps, the rate it polices");
            }
            if (police && meterKbps != null) {
                // Two meters in one rule would need a meter per hop and one at the ingress: refused as ambiguous.
                throw FlowSocketException.invalid("qos.police", "conflicts with meterKbps: police meters the "
                        + "ingress at bandwidthKbps, meterKbps meters every hop; give one of them");
            }
            if (meterBurstKb != null && meterKbps == null && !police) {
                throw FlowSocketException.invalid("qos.meterBurstKb", "needs meterKbps or police");
            }
            checkRange("timeout", timeoutSeconds, 0, 65535);
            return new NetworkFlowSpec(this);
        }

        private void checkPort(TpPort port, String name) {
            if (port != null && (protocol == null || !protocol.hasPorts())) {
                throw FlowSocketException.invalid(name, "needs protocol tcp, udp or sctp");
            }
        }

        private static void checkRange(String name, Number value, long min, long max) {
            if (value != null && (value.longValue() < min || value.longValue() > max)) {
                throw FlowSocketException.invalid(name, "must be from " + min + " to " + max + ", not " + value);
            }
        }
    }
}
