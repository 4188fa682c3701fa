/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.onlab.packet.EthType;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.meter.MeterId;

/**
 * Builds the rule one hop needs to carry a network flow: the match with its
 * OpenFlow prerequisites (ETH_TYPE before IP fields, IP_PROTO before
 * transport ports) and the QoS actions before the output.
 */
public final class QosRuleBuilder {

    private final ApplicationId appId;

    /**
     * Creates a rule builder for an application.
     *
     * @param appId the application the rules belong to
     */
    public QosRuleBuilder(ApplicationId appId) {
        this.appId = appId;
    }

    /**
     * Builds the rule for one hop.
     *
     * @param spec  the flow, in the direction of this hop
     * @param hop   the hop
     * @param meter meter to apply on this device, or null
     * @return the rule
     */
    public FlowRule rule(NetworkFlowSpec spec, Hop hop, MeterId meter) {
        FlowRule.Builder rule = DefaultFlowRule.builder()
                .forDevice(hop.deviceId())
                .withSelector(selector(spec, hop))
                .withTreatment(treatment(spec, hop, meter))
                .withPriority(spec.priority())
                .fromApp(appId);
        if (spec.timeoutSeconds() > 0) {
            rule.makeTemporary(spec.timeoutSeconds());
        } else {
            rule.makePermanent();
        }
        return rule.build();
    }

    private TrafficSelector selector(NetworkFlowSpec spec, Hop hop) {
        TrafficSelector.Builder selector = DefaultTrafficSelector.builder().matchInPort(hop.inPort());
        if (spec.src().isIp4()) {
            selector.matchEthType(EthType.EtherType.IPV4.ethType().toShort())
                    .matchIPSrc(IpPrefix.valueOf(spec.src(), IpAddress.INET_BIT_LENGTH))
                    .matchIPDst(IpPrefix.valueOf(spec.dst(), IpAddress.INET_BIT_LENGTH));
        } else {
            selector.matchEthType(EthType.EtherType.IPV6.ethType().toShort())
                    .matchIPv6Src(IpPrefix.valueOf(spec.src(), IpAddress.INET6_BIT_LENGTH))
                    .matchIPv6Dst(IpPrefix.valueOf(spec.dst(), IpAddress.INET6_BIT_LENGTH));
        }
        spec.protocol().ifPresent(proto -> {
            selector.matchIPProtocol((byte) proto.number());
            switch (proto) {
                case TCP:
                    spec.srcPort().ifPresent(selector::matchTcpSrc);
                    spec.dstPort().ifPresent(selector::matchTcpDst);
                    break;
                case UDP:
                    spec.srcPort().ifPresent(selector::matchUdpSrc);
                    spec.dstPort().ifPresent(selector::matchUdpDst);
                    break;
                case SCTP:
                    spec.srcPort().ifPresent(selector::matchSctpSrc);
                    spec.dstPort().ifPresent(selector::matchSctpDst);
                    break;
                default:
                    break;
            }
        });
        return selector.build();
    }

    private TrafficTreatment treatment(NetworkFlowSpec spec, Hop hop, MeterId meter) {
        TrafficTreatment.Builder treatment = DefaultTrafficTreatment.builder();
        if (meter != null) {
            treatment.meter(meter);
        }
        // Mark on every hop: a switch along the path may have re-marked it.
        treatment.setIpDscp((byte) spec.dscp());
        spec.queue().ifPresent(queue -> treatment.setQueue(queue));
        treatment.setOutput(hop.outPort());
        return treatment.build();
    }
}
