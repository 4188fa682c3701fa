/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.MplsLabel;
import org.onlab.packet.TpPort;
import org.onlab.packet.VlanId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.meter.MeterId;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowModifyStrict;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionPushVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetQueue;
import org.projectfloodlight.openflow.protocol.OFActionType;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.OFInstructionType;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteMetadata;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthSrc;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpDscp;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv4Dst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmVlanVid;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Code;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IpDscp;
import org.projectfloodlight.openflow.types.IpEcn;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.U8;
import org.projectfloodlight.openflow.types.VlanPcp;

import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * FlowRule to OpenFlow 1.3 FLOW_MOD, field by field: every match field and
 * action FlowSocket emits, the rule's header fields, the three commands, and
 * what has no translation.
 */
public class FlowModBuilderTest {

    private static final DeviceId DEVICE = DeviceId.deviceId("of:0000000000000001");
    private static final DefaultApplicationId APP = new DefaultApplicationId(7, "org.flowsocket.app");

    private final FlowModBuilder builder = new FlowModBuilder();

    private static FlowRule rule(TrafficSelector selector, TrafficTreatment treatment) {
        return DefaultFlowRule.builder().forDevice(DEVICE).fromApp(APP).withPriority(50000)
                .withSelector(selector).withTreatment(treatment).makePermanent().build();
    }

    private static TrafficTreatment out(int port) {
        return DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(port)).build();
    }

    private Match match(Consumer<TrafficSelector.Builder> criteria) {
        TrafficSelector.Builder s = DefaultTrafficSelector.builder();
        criteria.accept(s);
        return builder.add(rule(s.build(), out(1)), 1).getMatch();
    }

    private List<OFAction> applied(TrafficTreatment treatment) {
        List<OFInstruction> instructions = builder.add(rule(DefaultTrafficSelector.emptySelector(), treatment), 1)
                .getInstructions();
        assertEquals(instructions.toString(), 1, instructions.size());
        return ((OFInstructionApplyActions) instructions.get(0)).getActions();
    }

    @Test
    public void networkFlowRuleAsFlowSocketBuildsIt() {
        // What QosRuleBuilder makes for one hop of a voice flow with a meter and a queue.
        FlowRule rule = rule(DefaultTrafficSelector.builder()
                        .matchInPort(PortNumber.portNumber(1))
                        .matchEthType((short) 0x0800)
                        .matchIPSrc(IpPrefix.valueOf("10.0.0.1/32"))
                        .matchIPDst(IpPrefix.valueOf("10.0.0.2/32"))
                        .matchIPProtocol((byte) 17)
                        .matchUdpDst(TpPort.tpPort(5060))
                        .build(),
                DefaultTrafficTreatment.builder()
                        .meter(MeterId.meterId(7))
                        .setIpDscp((byte) 46)
                        .setQueue(2)
                        .setOutput(PortNumber.portNumber(3))
                        .build());
        OFFlowMod mod = builder.add(rule, 42);
        assertTrue(mod instanceof OFFlowAdd);
        assertEquals(OFFlowModCommand.ADD, mod.getCommand());
        assertEquals(42, mod.getXid());
        assertEquals("cookie is the rule id", U64.of(rule.id().value()), mod.getCookie());
        assertEquals(50000, mod.getPriority());
        assertEquals(TableId.of(0), mod.getTableId());
        assertEquals(0, mod.getIdleTimeout());
        assertEquals(0, mod.getHardTimeout());
        assertEquals(OFBufferId.NO_BUFFER, mod.getBufferId());
        assertEquals(EnumSet.of(OFFlowModFlags.SEND_FLOW_REM), mod.getFlags());

        Match m = mod.getMatch();
        assertEquals(OFPort.of(1), m.get(MatchField.IN_PORT));
        assertEquals(EthType.IPv4, m.get(MatchField.ETH_TYPE));
        assertTrue(m.isExact(MatchField.IPV4_SRC));
        assertEquals(IPv4Address.of("10.0.0.1"), m.get(MatchField.IPV4_SRC));
        assertEquals(IPv4Address.of("10.0.0.2"), m.get(MatchField.IPV4_DST));
        assertEquals(IpProtocol.UDP, m.get(MatchField.IP_PROTO));
        assertEquals(TransportPort.of(5060), m.get(MatchField.UDP_DST));

        List<OFInstruction> in = mod.getInstructions();
        assertEquals(2, in.size());
        assertEquals("meter first, as OpenFlow 1.3 runs it", OFInstructionType.METER, in.get(0).getType());
        assertEquals(7, ((OFInstructionMeter) in.get(0)).getMeterId());
        List<OFAction> actions = ((OFInstructionApplyActions) in.get(1)).getActions();
        assertEquals(3, actions.size());
        assertEquals(IpDscp.DSCP_46, ((OFOxmIpDscp) ((OFActionSetField) actions.get(0)).getField()).getValue());
        assertEquals(2, ((OFActionSetQueue) actions.get(1)).getQueueId());
        assertEquals(OFPort.of(3), ((OFActionOutput) actions.get(2)).getPort());
    }

    @Test
    public void ipv4PrefixesShorterThan32AreMasked() {
        Match m = match(s -> s.matchEthType((short) 0x0800).matchIPDst(IpPrefix.valueOf("10.0.0.0/24"))
                .matchIPSrc(IpPrefix.valueOf("0.0.0.0/0")));
        Masked<IPv4Address> dst = m.getMasked(MatchField.IPV4_DST);
        assertEquals(IPv4Address.of("10.0.0.0"), dst.getValue());
        assertEquals(IPv4Address.of("255.255.255.0"), dst.getMask());
        assertTrue(m.isPartiallyMasked(MatchField.IPV4_DST));
    }

    @Test
    public void ipv6AddressesExactOrMasked() {
        Match m = match(s -> s.matchEthType((short) 0x86dd)
                .matchIPv6Src(IpPrefix.valueOf("2001:db8::1/128"))
                .matchIPv6Dst(IpPrefix.valueOf("2001:db8:1::/48")));
        assertEquals(EthType.IPv6, m.get(MatchField.ETH_TYPE));
        assertTrue(m.isExact(MatchField.IPV6_SRC));
        assertEquals(IPv6Address.of("2001:db8::1"), m.get(MatchField.IPV6_SRC));
        Masked<IPv6Address> dst = m.getMasked(MatchField.IPV6_DST);
        assertEquals(IPv6Address.of("2001:db8:1::"), dst.getValue());
        assertEquals(IPv6Address.ofCidrMaskLength(48), dst.getMask());
    }

    @Test
    public void ethernetAndVlanFields() {
        Match m = match(s -> s.matchEthSrc(MacAddress.valueOf("00:00:00:00:00:01"))
                .matchEthDstMasked(MacAddress.valueOf("01:00:5e:00:00:00"), MacAddress.valueOf("ff:ff:ff:00:00:00"))
                .matchVlanId(VlanId.vlanId((short) 100)).matchVlanPcp((byte) 5));
        assertEquals(org.projectfloodlight.openflow.types.MacAddress.of("00:00:00:00:00:01"),
                m.get(MatchField.ETH_SRC));
        Masked<org.projectfloodlight.openflow.types.MacAddress> dst = m.getMasked(MatchField.ETH_DST);
        assertEquals(org.projectfloodlight.openflow.types.MacAddress.of("01:00:5e:00:00:00"), dst.getValue());
        assertEquals(org.projectfloodlight.openflow.types.MacAddress.of("ff:ff:ff:00:00:00"), dst.getMask());
        assertEquals(OFVlanVidMatch.ofVlan(100), m.get(MatchField.VLAN_VID));
        assertEquals(VlanPcp.of((byte) 5), m.get(MatchField.VLAN_PCP));

        assertEquals("untagged", OFVlanVidMatch.UNTAGGED,
                match(s -> s.matchVlanId(VlanId.NONE)).get(MatchField.VLAN_VID));
        Masked<OFVlanVidMatch> any = match(s -> s.matchVlanId(VlanId.ANY)).getMasked(MatchField.VLAN_VID);
        assertEquals("any tag", OFVlanVidMatch.PRESENT, any.getValue());
        assertEquals(OFVlanVidMatch.PRESENT, any.getMask());
    }

    @Test
    public void ipFields() {
        Match m = match(s -> s.matchEthType((short) 0x0800).matchIPDscp((byte) 46).matchIPEcn((byte) 1)
                .matchIPProtocol((byte) 6));
        assertEquals(IpDscp.DSCP_46, m.get(MatchField.IP_DSCP));
        assertEquals(IpEcn.of((byte) 1), m.get(MatchField.IP_ECN));
        assertEquals(IpProtocol.TCP, m.get(MatchField.IP_PROTO));
    }

    @Test
    public void transportPorts() {
        Match tcp = match(s -> s.matchEthType((short) 0x0800).matchIPProtocol((byte) 6)
                .matchTcpSrc(TpPort.tpPort(1234)).matchTcpDst(TpPort.tpPort(80)));
        assertEquals(TransportPort.of(1234), tcp.get(MatchField.TCP_SRC));
        assertEquals(TransportPort.of(80), tcp.get(MatchField.TCP_DST));
        Match masked = match(s -> s.matchEthType((short) 0x0800).matchIPProtocol((byte) 6)
                .matchTcpDstMasked(TpPort.tpPort(0x1000), TpPort.tpPort(0xf000)));
        assertEquals(TransportPort.of(0xf000), masked.getMasked(MatchField.TCP_DST).getMask());
        Match udp = match(s -> s.matchEthType((short) 0x0800).matchIPProtocol((byte) 17)
                .matchUdpSrc(TpPort.tpPort(5004)).matchUdpDst(TpPort.tpPort(5060)));
        assertEquals(TransportPort.of(5004), udp.get(MatchField.UDP_SRC));
        assertEquals(TransportPort.of(5060), udp.get(MatchField.UDP_DST));
        Match sctp = match(s -> s.matchEthType((short) 0x0800).matchIPProtocol((byte) 132)
                .matchSctpSrc(TpPort.tpPort(2905)).matchSctpDst(TpPort.tpPort(3868)));
        assertEquals(TransportPort.of(2905), sctp.get(MatchField.SCTP_SRC));
        assertEquals(TransportPort.of(3868), sctp.get(MatchField.SCTP_DST));
    }

    @Test
    public void icmpAndArpFields() {
        Match icmp = match(s -> s.matchEthType((short) 0x0800).matchIPProtocol((byte) 1)
                .matchIcmpType((byte) 8).matchIcmpCode((byte) 0));
        assertEquals(ICMPv4Type.of((short) 8), icmp.get(MatchField.ICMPV4_TYPE));
        assertEquals(ICMPv4Code.of((short) 0), icmp.get(MatchField.ICMPV4_CODE));
        Match icmp6 = match(s -> s.matchEthType((short) 0x86dd).matchIPProtocol((byte) 58)
                .matchIcmpv6Type((byte) 135).matchIcmpv6Code((byte) 0));
        assertEquals(U8.of((short) 135), icmp6.get(MatchField.ICMPV6_TYPE));
        assertEquals(U8.of((short) 0), icmp6.get(MatchField.ICMPV6_CODE));
        Match arp = match(s -> s.matchEthType((short) 0x0806).matchArpOp(1)
                .matchArpSpa(Ip4Address.valueOf("10.0.0.1")).matchArpTpa(Ip4Address.valueOf("10.0.0.2"))
                .matchArpSha(MacAddress.valueOf("00:00:00:00:00:01"))
                .matchArpTha(MacAddress.valueOf("00:00:00:00:00:02")));
        assertEquals(EthType.ARP, arp.get(MatchField.ETH_TYPE));
        assertEquals(ArpOpcode.REQUEST, arp.get(MatchField.ARP_OP));
        assertEquals(IPv4Address.of("10.0.0.1"), arp.get(MatchField.ARP_SPA));
        assertEquals(IPv4Address.of("10.0.0.2"), arp.get(MatchField.ARP_TPA));
        assertEquals(org.projectfloodlight.openflow.types.MacAddress.of("00:00:00:00:00:01"),
                arp.get(MatchField.ARP_SHA));
        assertEquals(org.projectfloodlight.openflow.types.MacAddress.of("00:00:00:00:00:02"),
                arp.get(MatchField.ARP_THA));
    }

    @Test
    public void portAndMetadataFields() {
        Match m = match(s -> s.matchInPort(PortNumber.portNumber(4)).matchInPhyPort(PortNumber.portNumber(5))
                .matchMetadata(0xabcdL));
        assertEquals(OFPort.of(4), m.get(MatchField.IN_PORT));
        assertEquals(OFPort.of(5), m.get(MatchField.IN_PHY_PORT));
        assertEquals(OFMetadata.ofRaw(0xabcdL), m.get(MatchField.METADATA));
    }

    @Test
    public void reservedOutputPorts() {
        assertOutput(PortNumber.CONTROLLER, OFPort.CONTROLLER, 0xffff);
        assertOutput(PortNumber.IN_PORT, OFPort.IN_PORT, 0);
        assertOutput(PortNumber.FLOOD, OFPort.FLOOD, 0);
        assertOutput(PortNumber.ALL, OFPort.ALL, 0);
        assertOutput(PortNumber.LOCAL, OFPort.LOCAL, 0);
        assertOutput(PortNumber.NORMAL, OFPort.NORMAL, 0);
        assertOutput(PortNumber.TABLE, OFPort.TABLE, 0);
        assertOutput(PortNumber.portNumber(70000), OFPort.of(70000), 0);
    }

    private void assertOutput(PortNumber port, OFPort expected, int maxLen) {
        List<OFAction> actions = applied(DefaultTrafficTreatment.builder().setOutput(port).build());
        OFActionOutput output = (OFActionOutput) actions.get(0);
        assertEquals(port.toString(), expected, output.getPort());
        assertEquals(port.toString(), maxLen, output.getMaxLen());
    }

    @Test
    public void dropHasNoInstruction() {
        FlowRule rule = rule(DefaultTrafficSelector.builder().matchEthType((short) 0x0800).build(),
                DefaultTrafficTreatment.builder().drop().build());
        assertEquals(List.of(), builder.add(rule, 1).getInstructions());
        FlowRule empty = rule(DefaultTrafficSelector.emptySelector(), DefaultTrafficTreatment.emptyTreatment());
        assertEquals(List.of(), builder.add(empty, 1).getInstructions());
    }

    @Test
    public void headerRewritesAndVlanActions() {
        List<OFAction> a = applied(DefaultTrafficTreatment.builder()
                .setEthSrc(MacAddress.valueOf("00:00:00:00:00:0a"))
                .pushVlan()
                .setVlanId(VlanId.vlanId((short) 10))
                .popVlan()
                .setIpDst(IpAddress.valueOf("10.0.0.9"))
                .decNwTtl()
                .build());
        assertEquals(org.projectfloodlight.openflow.types.MacAddress.of("00:00:00:00:00:0a"),
                ((OFOxmEthSrc) ((OFActionSetField) a.get(0)).getField()).getValue());
        assertEquals(EthType.VLAN_FRAME, ((OFActionPushVlan) a.get(1)).getEthertype());
        assertEquals(OFVlanVidMatch.ofVlan(10), ((OFOxmVlanVid) ((OFActionSetField) a.get(2)).getField()).getValue());
        assertEquals(OFActionType.POP_VLAN, a.get(3).getType());
        assertEquals(IPv4Address.of("10.0.0.9"), ((OFOxmIpv4Dst) ((OFActionSetField) a.get(4)).getField()).getValue());
        assertEquals(OFActionType.DEC_NW_TTL, a.get(5).getType());
    }

    @Test
    public void deferredActionsMetadataAndGotoTable() {
        FlowRule rule = rule(DefaultTrafficSelector.emptySelector(), DefaultTrafficTreatment.builder()
                .setOutput(PortNumber.portNumber(1))
                .wipeDeferred()
                .deferred().setOutput(PortNumber.portNumber(2))
                .writeMetadata(0x10L, 0xffL)
                .transition(3)
                .build());
        List<OFInstruction> in = builder.add(rule, 1).getInstructions();
        assertEquals(in.toString(), List.of(OFInstructionType.APPLY_ACTIONS, OFInstructionType.CLEAR_ACTIONS,
                OFInstructionType.WRITE_ACTIONS, OFInstructionType.WRITE_METADATA, OFInstructionType.GOTO_TABLE),
                in.stream().map(OFInstruction::getType).collect(java.util.stream.Collectors.toList()));
        assertEquals(OFPort.of(2), ((OFActionOutput) ((OFInstructionWriteActions) in.get(2)).getActions().get(0))
                .getPort());
        assertEquals(U64.of(0x10), ((OFInstructionWriteMetadata) in.get(3)).getMetadata());
        assertEquals(TableId.of(3), ((OFInstructionGotoTable) in.get(4)).getTableId());
    }

    @Test
    public void timeoutsAndTable() {
        FlowRule rule = DefaultFlowRule.builder().forDevice(DEVICE).fromApp(APP).withPriority(100)
                .withSelector(DefaultTrafficSelector.emptySelector()).withTreatment(out(1))
                // ONOS's withHardTimeout also sets the idle timeout: set it first.
                .withHardTimeout(300).makeTemporary(30).forTable(2).build();
        OFFlowMod mod = builder.add(rule, 1);
        assertEquals(30, mod.getIdleTimeout());
        assertEquals(300, mod.getHardTimeout());
        assertEquals(TableId.of(2), mod.getTableId());
        assertEquals(100, mod.getPriority());
    }

    @Test
    public void modifyAndDeleteAreStrictAndCookieExact() {
        FlowRule rule = rule(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1)).build(), out(2));
        OFFlowMod modify = builder.modify(rule, 5);
        assertTrue(modify instanceof OFFlowModifyStrict);
        assertEquals(U64.NO_MASK, modify.getCookieMask());
        assertEquals(1, modify.getInstructions().size());

        OFFlowMod delete = builder.delete(rule, 6);
        assertTrue(delete instanceof OFFlowDeleteStrict);
        assertEquals(U64.of(rule.id().value()), delete.getCookie());
        assertEquals(U64.NO_MASK, delete.getCookieMask());
        assertEquals(50000, delete.getPriority());
        assertEquals(OFPort.ANY, delete.getOutPort());
        assertEquals(OFPort.of(1), delete.getMatch().get(MatchField.IN_PORT));

        OFFlowMod byCookie = builder.deleteByCookie(0x1234L, 7);
        assertTrue(byCookie instanceof OFFlowDelete);
        assertEquals(TableId.ALL, byCookie.getTableId());
        assertEquals(U64.of(0x1234), byCookie.getCookie());
        assertFalse(byCookie.getMatch().getMatchFields().iterator().hasNext());
    }

    @Test
    public void untranslatableRulesCarryTheSwitchError() {
        try {
            builder.add(rule(DefaultTrafficSelector.builder().matchEthType((short) 0x8847)
                    .matchMplsLabel(MplsLabel.mplsLabel(100)).build(), out(1)), 1);
            fail("MPLS_LABEL is not translated");
        } catch (FlowTranslationException e) {
            assertEquals(OfErrors.BAD_MATCH, e.errorType());
            assertEquals(OfErrors.BAD_MATCH_FIELD, e.errorCode());
        }
        try {
            builder.add(rule(DefaultTrafficSelector.emptySelector(),
                    DefaultTrafficTreatment.builder().group(GroupId.valueOf(1)).build()), 1);
            fail("GROUP is not translated");
        } catch (FlowTranslationException e) {
            assertEquals(OfErrors.BAD_ACTION, e.errorType());
            assertEquals(OfErrors.BAD_ACTION_TYPE, e.errorCode());
        }
    }

    @Test
    public void wireRoundTrip() throws Exception {
        FlowRule rule = rule(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1))
                        .matchEthType((short) 0x0800).matchIPDst(IpPrefix.valueOf("10.0.0.0/8")).build(),
                DefaultTrafficTreatment.builder().meter(MeterId.meterId(1)).setIpDscp((byte) 34)
                        .setOutput(PortNumber.CONTROLLER).build());
        OFFlowMod mod = builder.add(rule, 99);
        ByteBuf buf = Unpooled.buffer();
        mod.writeTo(buf);
        assertEquals("length field", buf.readableBytes(), buf.getUnsignedShort(2));
        assertEquals("OpenFlow 1.3", 4, buf.getByte(0));
        OFMessage back = OFFactories.getGenericReader().readFrom(buf);
        assertEquals(mod, back);
    }
}
