/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.onlab.packet.IpAddress;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L2ModificationInstruction;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.oxm.OFOxms;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IpDscp;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.VlanPcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates an ONOS {@link TrafficTreatment} into OpenFlow 1.3 instructions,
 * in the order OpenFlow 1.3 executes them: METER (the meter instruction),
 * APPLY_ACTIONS (the treatment's immediate actions, in their order),
 * CLEAR_ACTIONS, WRITE_ACTIONS (deferred actions), WRITE_METADATA,
 * GOTO_TABLE. A treatment with no action (ONOS's {@code drop()}) gives no
 * instruction at all, which is how OpenFlow 1.3 drops.
 * <p>
 * Actions: OUTPUT (any port, reserved ones included: CONTROLLER with no
 * buffering, IN_PORT, FLOOD, ALL, LOCAL, NORMAL, TABLE), SET_QUEUE,
 * SET_FIELD for IP_DSCP, ETH_SRC/ETH_DST, VLAN_VID, VLAN_PCP,
 * IPV4_SRC/IPV4_DST, IPV6_SRC/IPV6_DST, PUSH_VLAN, POP_VLAN, DEC_NW_TTL.
 * Anything else throws {@link FlowTranslationException} with BAD_ACTION/BAD_TYPE.
 */
public final class InstructionTranslator {

    /** OFPCML_NO_BUFFER: send the whole packet to the controller. */
    static final int NO_BUFFER = 0xffff;

    private final OFFactory factory;
    private final OFActions actions;
    private final OFOxms oxms;

    /**
     * Creates a translator.
     *
     * @param factory OpenFlow 1.3 factory
     */
    public InstructionTranslator(OFFactory factory) {
        this.factory = factory;
        this.actions = factory.actions();
        this.oxms = factory.oxms();
    }

    /**
     * Translates a treatment.
     *
     * @param treatment ONOS treatment
     * @return OpenFlow instructions (empty: drop)
     * @throws FlowTranslationException for an instruction without translation
     */
    public List<OFInstruction> instructions(TrafficTreatment treatment) {
        List<OFInstruction> out = new ArrayList<>();
        Set<Long> meters = new LinkedHashSet<>();
        treatment.meters().forEach(m -> meters.add(m.meterId().id()));
        if (treatment.metered() != null) {
            meters.add(treatment.metered().meterId().id());
        }
        List<OFAction> apply = actions(treatment.immediate(), meters);
        List<OFAction> write = actions(treatment.deferred(), meters);
        if (meters.size() > 1) {
            throw new FlowTranslationException(OfErrors.BAD_INSTRUCTION, OfErrors.BAD_INSTRUCTION_UNKNOWN,
                    "OpenFlow 1.3 allows one meter per rule, not " + meters);
        }
        meters.forEach(id -> out.add(factory.instructions().meter(id)));
        if (!apply.isEmpty()) {
            out.add(factory.instructions().applyActions(apply));
        }
        if (treatment.clearedDeferred()) {
            out.add(factory.instructions().clearActions());
        }
        if (!write.isEmpty()) {
            out.add(factory.instructions().writeActions(write));
        }
        if (treatment.writeMetadata() != null) {
            out.add(factory.instructions().writeMetadata(U64.of(treatment.writeMetadata().metadata()),
                    U64.of(treatment.writeMetadata().metadataMask())));
        }
        if (treatment.tableTransition() != null) {
            out.add(factory.instructions().gotoTable(TableId.of(treatment.tableTransition().tableId())));
        }
        return out;
    }

    private List<OFAction> actions(List<Instruction> instructions, Set<Long> meters) {
        List<OFAction> out = new ArrayList<>();
        for (Instruction i : instructions) {
            switch (i.type()) {
                case NOACTION:
                    break;
                case OUTPUT:
                    PortNumber port = ((Instructions.OutputInstruction) i).port();
                    out.add(actions.output(MatchTranslator.port(port),
                            PortNumber.CONTROLLER.equals(port) ? NO_BUFFER : 0));
                    break;
                case QUEUE:
                    out.add(actions.setQueue(((Instructions.SetQueueInstruction) i).queueId()));
                    break;
                case METER:
                    meters.add(((Instructions.MeterInstruction) i).meterId().id());
                    break;
                case L2MODIFICATION:
                    out.add(l2((L2ModificationInstruction) i));
                    break;
                case L3MODIFICATION:
                    out.add(l3((L3ModificationInstruction) i));
                    break;
                default:
                    throw unsupported(i);
            }
        }
        return out;
    }

    private OFAction l2(L2ModificationInstruction i) {
        switch (i.subtype()) {
            case ETH_SRC:
                return actions.setField(oxms.ethSrc(MatchTranslator.mac(
                        ((L2ModificationInstruction.ModEtherInstruction) i).mac())));
            case ETH_DST:
                return actions.setField(oxms.ethDst(MatchTranslator.mac(
                        ((L2ModificationInstruction.ModEtherInstruction) i).mac())));
            case VLAN_ID:
                return actions.setField(oxms.vlanVid(OFVlanVidMatch.ofVlan(
                        ((L2ModificationInstruction.ModVlanIdInstruction) i).vlanId().toShort())));
            case VLAN_PCP:
                return actions.setField(oxms.vlanPcp(VlanPcp.of(
                        ((L2ModificationInstruction.ModVlanPcpInstruction) i).vlanPcp())));
            case VLAN_PUSH:
                return actions.pushVlan(EthType.of(
                        ((L2ModificationInstruction.ModVlanHeaderInstruction) i).ethernetType().toShort() & 0xffff));
            case VLAN_POP:
                return actions.popVlan();
            default:
                throw unsupported(i);
        }
    }

    private OFAction l3(L3ModificationInstruction i) {
        switch (i.subtype()) {
            case IP_DSCP:
                return actions.setField(oxms.ipDscp(IpDscp.of(
                        ((L3ModificationInstruction.ModDscpInstruction) i).dscp())));
            case IPV4_SRC:
                return actions.setField(oxms.ipv4Src(IPv4Address.of(ip(i).toOctets())));
            case IPV4_DST:
                return actions.setField(oxms.ipv4Dst(IPv4Address.of(ip(i).toOctets())));
            case IPV6_SRC:
                return actions.setField(oxms.ipv6Src(IPv6Address.of(ip(i).toOctets())));
            case IPV6_DST:
                return actions.setField(oxms.ipv6Dst(IPv6Address.of(ip(i).toOctets())));
            case DEC_TTL:
                return actions.decNwTtl();
            default:
                throw unsupported(i);
        }
    }

    private static IpAddress ip(L3ModificationInstruction i) {
        return ((L3ModificationInstruction.ModIPInstruction) i).ip();
    }

    private static FlowTranslationException unsupported(Instruction i) {
        return new FlowTranslationException(OfErrors.BAD_ACTION, OfErrors.BAD_ACTION_TYPE,
                "instruction " + i + " is not supported by the sandbox's OpenFlow southbound");
    }
}
