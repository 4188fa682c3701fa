/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.onlab.packet.IpPrefix;
import org.onlab.packet.TpPort;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.ArpHaCriterion;
import org.onosproject.net.flow.criteria.ArpOpCriterion;
import org.onosproject.net.flow.criteria.ArpPaCriterion;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthCriterion;
import org.onosproject.net.flow.criteria.EthTypeCriterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.criteria.IPDscpCriterion;
import org.onosproject.net.flow.criteria.IPEcnCriterion;
import org.onosproject.net.flow.criteria.IPProtocolCriterion;
import org.onosproject.net.flow.criteria.IcmpCodeCriterion;
import org.onosproject.net.flow.criteria.IcmpTypeCriterion;
import org.onosproject.net.flow.criteria.Icmpv6CodeCriterion;
import org.onosproject.net.flow.criteria.Icmpv6TypeCriterion;
import org.onosproject.net.flow.criteria.MetadataCriterion;
import org.onosproject.net.flow.criteria.PortCriterion;
import org.onosproject.net.flow.criteria.SctpPortCriterion;
import org.onosproject.net.flow.criteria.TcpPortCriterion;
import org.onosproject.net.flow.criteria.UdpPortCriterion;
import org.onosproject.net.flow.criteria.VlanIdCriterion;
import org.onosproject.net.flow.criteria.VlanPcpCriterion;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Code;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IpDscp;
import org.projectfloodlight.openflow.types.IpEcn;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.U8;
import org.projectfloodlight.openflow.types.VlanPcp;

/**
 * Translates an ONOS {@link TrafficSelector} into an OpenFlow 1.3 OXM match,
 * field by field. Prerequisites (ETH_TYPE before IP fields, IP_PROTO before
 * transport ports) are the selector's business: the switch rejects a match
 * without them (BAD_MATCH/BAD_PREREQ), and so does ONOS's own provider.
 * <p>
 * Translated: IN_PORT, IN_PHY_PORT, METADATA, ETH_SRC/ETH_DST (also masked),
 * ETH_TYPE, VLAN_VID (a VLAN, untagged with {@code None}, any tag with
 * {@code Any}), VLAN_PCP, IP_DSCP, IP_ECN, IP_PROTO, IPV4_SRC/IPV4_DST and
 * IPV6_SRC/IPV6_DST (prefixes: exact at full length, masked otherwise),
 * TCP/UDP/SCTP source and destination ports (also masked), ICMPV4 and ICMPV6
 * type and code, ARP_OP/SPA/TPA/SHA/THA. Anything else throws
 * {@link FlowTranslationException} with BAD_MATCH/BAD_FIELD.
 */
public final class MatchTranslator {

    private final OFFactory factory;

    /**
     * Creates a translator.
     *
     * @param factory OpenFlow 1.3 factory
     */
    public MatchTranslator(OFFactory factory) {
        this.factory = factory;
    }

    /**
     * Translates a selector.
     *
     * @param selector ONOS selector
     * @return the OpenFlow match
     * @throws FlowTranslationException for a criterion without translation
     */
    public Match match(TrafficSelector selector) {
        Match.Builder m = factory.buildMatch();
        for (Criterion c : selector.criteria()) {
            add(m, c);
        }
        return m.build();
    }

    private void add(Match.Builder m, Criterion c) {
        switch (c.type()) {
            case IN_PORT:
                m.setExact(MatchField.IN_PORT, port(((PortCriterion) c).port()));
                break;
            case IN_PHY_PORT:
                m.setExact(MatchField.IN_PHY_PORT, port(((PortCriterion) c).port()));
                break;
            case METADATA:
                m.setExact(MatchField.METADATA, OFMetadata.of(U64.of(((MetadataCriterion) c).metadata())));
                break;
            case ETH_SRC:
                m.setExact(MatchField.ETH_SRC, mac(((EthCriterion) c).mac()));
                break;
            case ETH_SRC_MASKED:
                m.setMasked(MatchField.ETH_SRC, mac(((EthCriterion) c).mac()), mac(((EthCriterion) c).mask()));
                break;
            case ETH_DST:
                m.setExact(MatchField.ETH_DST, mac(((EthCriterion) c).mac()));
                break;
            case ETH_DST_MASKED:
                m.setMasked(MatchField.ETH_DST, mac(((EthCriterion) c).mac()), mac(((EthCriterion) c).mask()));
                break;
            case ETH_TYPE:
                m.setExact(MatchField.ETH_TYPE, EthType.of(((EthTypeCriterion) c).ethType().toShort() & 0xffff));
                break;
            case VLAN_VID:
                vlan(m, ((VlanIdCriterion) c).vlanId());
                break;
            case VLAN_PCP:
                m.setExact(MatchField.VLAN_PCP, VlanPcp.of(((VlanPcpCriterion) c).priority()));
                break;
            case IP_DSCP:
                m.setExact(MatchField.IP_DSCP, IpDscp.of(((IPDscpCriterion) c).ipDscp()));
                break;
            case IP_ECN:
                m.setExact(MatchField.IP_ECN, IpEcn.of(((IPEcnCriterion) c).ipEcn()));
                break;
            case IP_PROTO:
                m.setExact(MatchField.IP_PROTO, IpProtocol.of(((IPProtocolCriterion) c).protocol()));
                break;
            case IPV4_SRC:
                ipv4(m, MatchField.IPV4_SRC, ((IPCriterion) c).ip());
                break;
            case IPV4_DST:
                ipv4(m, MatchField.IPV4_DST, ((IPCriterion) c).ip());
                break;
            case IPV6_SRC:
                ipv6(m, MatchField.IPV6_SRC, ((IPCriterion) c).ip());
                break;
            case IPV6_DST:
                ipv6(m, MatchField.IPV6_DST, ((IPCriterion) c).ip());
                break;
            case TCP_SRC:
            case TCP_SRC_MASKED:
                transport(m, MatchField.TCP_SRC, ((TcpPortCriterion) c).tcpPort(), ((TcpPortCriterion) c).mask());
                break;
            case TCP_DST:
            case TCP_DST_MASKED:
                transport(m, MatchField.TCP_DST, ((TcpPortCriterion) c).tcpPort(), ((TcpPortCriterion) c).mask());
                break;
            case UDP_SRC:
            case UDP_SRC_MASKED:
                transport(m, MatchField.UDP_SRC, ((UdpPortCriterion) c).udpPort(), ((UdpPortCriterion) c).mask());
                break;
            case UDP_DST:
            case UDP_DST_MASKED:
                transport(m, MatchField.UDP_DST, ((UdpPortCriterion) c).udpPort(), ((UdpPortCriterion) c).mask());
                break;
            case SCTP_SRC:
            case SCTP_SRC_MASKED:
                transport(m, MatchField.SCTP_SRC, ((SctpPortCriterion) c).sctpPort(),
                        ((SctpPortCriterion) c).mask());
                break;
            case SCTP_DST:
            case SCTP_DST_MASKED:
                transport(m, MatchField.SCTP_DST, ((SctpPortCriterion) c).sctpPort(),
                        ((SctpPortCriterion) c).mask());
                break;
            case ICMPV4_TYPE:
                m.setExact(MatchField.ICMPV4_TYPE, ICMPv4Type.of(((IcmpTypeCriterion) c).icmpType()));
                break;
            case ICMPV4_CODE:
                m.setExact(MatchField.ICMPV4_CODE, ICMPv4Code.of(((IcmpCodeCriterion) c).icmpCode()));
                break;
            case ICMPV6_TYPE:
                m.setExact(MatchField.ICMPV6_TYPE, U8.of(((Icmpv6TypeCriterion) c).icmpv6Type()));
                break;
            case ICMPV6_CODE:
                m.setExact(MatchField.ICMPV6_CODE, U8.of(((Icmpv6CodeCriterion) c).icmpv6Code()));
                break;
            case ARP_OP:
                m.setExact(MatchField.ARP_OP, ArpOpcode.of(((ArpOpCriterion) c).arpOp()));
                break;
            case ARP_SPA:
                m.setExact(MatchField.ARP_SPA, IPv4Address.of(((ArpPaCriterion) c).ip().toInt()));
                break;
            case ARP_TPA:
                m.setExact(MatchField.ARP_TPA, IPv4Address.of(((ArpPaCriterion) c).ip().toInt()));
                break;
            case ARP_SHA:
                m.setExact(MatchField.ARP_SHA, mac(((ArpHaCriterion) c).mac()));
                break;
            case ARP_THA:
                m.setExact(MatchField.ARP_THA, mac(((ArpHaCriterion) c).mac()));
                break;
            default:
                throw new FlowTranslationException(OfErrors.BAD_MATCH, OfErrors.BAD_MATCH_FIELD,
                        "match field " + c.type() + " is not supported by the sandbox's OpenFlow southbound");
        }
    }

    /**
     * Translates an ONOS port number; ONOS numbers reserved ports as OpenFlow
     * 1.3 does (CONTROLLER 0xfffffffd, IN_PORT 0xfffffff8, FLOOD 0xfffffffb...).
     *
     * @param port ONOS port
     * @return OpenFlow port
     */
    static OFPort port(PortNumber port) {
        return OFPort.ofInt((int) port.toLong());
    }

    static MacAddress mac(org.onlab.packet.MacAddress mac) {
        return MacAddress.of(mac.toBytes());
    }

    private static void vlan(Match.Builder m, VlanId vlan) {
        if (vlan.equals(VlanId.NONE)) {
            m.setExact(MatchField.VLAN_VID, OFVlanVidMatch.UNTAGGED);
        } else if (vlan.equals(VlanId.ANY)) {
            m.setMasked(MatchField.VLAN_VID, OFVlanVidMatch.PRESENT, OFVlanVidMatch.PRESENT);
        } else {
            m.setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(vlan.toShort()));
        }
    }

    private static void ipv4(Match.Builder m, MatchField<IPv4Address> field, IpPrefix prefix) {
        if (!prefix.isIp4()) {
            throw new FlowTranslationException(OfErrors.BAD_MATCH, OfErrors.BAD_MATCH_VALUE,
                    field.getName() + " needs an IPv4 prefix, not " + prefix);
        }
        IPv4Address address = IPv4Address.of(prefix.address().toOctets());
        if (prefix.prefixLength() == IpPrefix.MAX_INET_MASK_LENGTH) {
            m.setExact(field, address);
        } else {
            m.setMasked(field, address, IPv4Address.ofCidrMaskLength(prefix.prefixLength()));
        }
    }

    private static void ipv6(Match.Builder m, MatchField<IPv6Address> field, IpPrefix prefix) {
        if (!prefix.isIp6()) {
            throw new FlowTranslationException(OfErrors.BAD_MATCH, OfErrors.BAD_MATCH_VALUE,
                    field.getName() + " needs an IPv6 prefix, not " + prefix);
        }
        IPv6Address address = IPv6Address.of(prefix.address().toOctets());
        if (prefix.prefixLength() == IpPrefix.MAX_INET6_MASK_LENGTH) {
            m.setExact(field, address);
        } else {
            m.setMasked(field, address, IPv6Address.ofCidrMaskLength(prefix.prefixLength()));
        }
    }

    private static void transport(Match.Builder m, MatchField<TransportPort> field, TpPort port, TpPort mask) {
        if (mask == null || mask.toInt() == 0xffff) {
            m.setExact(field, TransportPort.of(port.toInt()));
        } else {
            m.setMasked(field, TransportPort.of(port.toInt()), TransportPort.of(mask.toInt()));
        }
    }
}
