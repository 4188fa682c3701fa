/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.TrafficClass;
import org.flowsocket.api.Hop;
import org.flowsocket.impl.flow.QosRuleBuilder;
import org.junit.Test;
import org.onlab.packet.EthType;
import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthTypeCriterion;
import org.onosproject.net.flow.criteria.IPProtocolCriterion;
import org.onosproject.net.flow.criteria.TcpPortCriterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;
import org.onosproject.net.meter.MeterId;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * QosRuleBuilder on its own: one hop's rule with OpenFlow's prerequisites,
 * the class's marking and the QoS actions in the order switches apply them.
 */
public class QosRuleBuilderTest {

    private static final Hop HOP = new Hop(FakeDevices.id(2), PortNumber.portNumber(1), PortNumber.portNumber(2));
    private final QosRuleBuilder builder = new QosRuleBuilder(FlowParts.APP_ID);

    @Test
    public void tcpPortsComeWithTheirPrerequisites() {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"), IpAddress.valueOf("10.0.0.3"))
                .protocol(IpProto.TCP).dstPort(TpPort.tpPort(443)).trafficClass(TrafficClass.VIDEO).build();
        FlowRule rule = builder.rule(spec, HOP, null);
        assertEquals(EthType.EtherType.IPV4.ethType(),
                     ((EthTypeCriterion) rule.selector().getCriterion(Criterion.Type.ETH_TYPE)).ethType());
        assertEquals(6, ((IPProtocolCriterion) rule.selector().getCriterion(Criterion.Type.IP_PROTO)).protocol());
        assertEquals(TpPort.tpPort(443),
                     ((TcpPortCriterion) rule.selector().getCriterion(Criterion.Type.TCP_DST)).tcpPort());
        assertEquals(TrafficClass.VIDEO.priority(), rule.priority());
        assertEquals(FlowParts.APP_ID.id(), rule.appId());
        assertTrue(rule.isPermanent());
        assertNull(rule.treatment().metered());
    }

    @Test
    public void meterThenMarkThenQueueThenOutput() {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"), IpAddress.valueOf("10.0.0.3"))
                .trafficClass(TrafficClass.VOICE).queue(2L).meter(1000L, null).timeoutSeconds(60).build();
        FlowRule rule = builder.rule(spec, HOP, MeterId.meterId(9));
        List<Instruction.Type> order = rule.treatment().allInstructions().stream().map(Instruction::type)
                .collect(Collectors.toList());
        assertEquals(List.of(Instruction.Type.L3MODIFICATION, Instruction.Type.QUEUE, Instruction.Type.OUTPUT),
                     order);
        assertEquals(MeterId.meterId(9), ((Instructions.MeterInstruction) rule.treatment().metered()).meterId());
        assertEquals(TrafficClass.VOICE.dscp(), ((L3ModificationInstruction.ModDscpInstruction)
                rule.treatment().allInstructions().get(0)).dscp());
        assertFalse(rule.isPermanent());
        assertEquals(60, rule.timeout());
    }

    @Test
    public void ipv6FlowMatchesIpv6() {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(IpAddress.valueOf("2001:db8::1"),
                                                       IpAddress.valueOf("2001:db8::3")).build();
        FlowRule rule = builder.rule(spec, HOP, null);
        assertEquals(EthType.EtherType.IPV6.ethType(),
                     ((EthTypeCriterion) rule.selector().getCriterion(Criterion.Type.ETH_TYPE)).ethType());
        assertTrue(rule.selector().getCriterion(Criterion.Type.IPV6_SRC) != null);
    }
}
