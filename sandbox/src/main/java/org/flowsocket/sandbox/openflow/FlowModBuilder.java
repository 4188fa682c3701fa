/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.onosproject.net.flow.FlowRule;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.EnumSet;
import java.util.Set;

/**
 * Builds the OpenFlow 1.3 FLOW_MOD for an ONOS {@link FlowRule}.
 * <ul>
 * <li>cookie = the rule's id ({@code FlowRule.id().value()}), so the
 * switch's statistics and FLOW_REMOVED messages name the rule;</li>
 * <li>priority, table id, idle timeout ({@code timeout()} unless permanent),
 * hard timeout, flag SEND_FLOW_REM (ONOS hears of every removal), no
 * buffer;</li>
 * <li>match: {@link MatchTranslator}; instructions: {@link InstructionTranslator}.</li>
 * </ul>
 * ADD installs (replacing a rule with the same match and priority),
 * MODIFY_STRICT changes the instructions of exactly that rule, DELETE_STRICT
 * removes exactly that rule (same match and priority, and the cookie, so a
 * rule someone else put at the same match survives).
 */
public final class FlowModBuilder {

    /** All 64 cookie bits must match. */
    static final U64 EXACT_COOKIE = U64.NO_MASK;

    private final OFFactory factory;
    private final MatchTranslator matches;
    private final InstructionTranslator instructions;

    /** Creates a builder for OpenFlow 1.3. */
    public FlowModBuilder() {
        this(OFFactories.getFactory(OFVersion.OF_13));
    }

    /**
     * Creates a builder.
     *
     * @param factory OpenFlow factory (1.3)
     */
    public FlowModBuilder(OFFactory factory) {
        this.factory = factory;
        this.matches = new MatchTranslator(factory);
        this.instructions = new InstructionTranslator(factory);
    }

    /** @return the factory the messages are built with */
    public OFFactory factory() {
        return factory;
    }

    /**
     * FLOW_MOD ADD.
     *
     * @param rule the rule
     * @param xid  transaction id
     * @return the message
     * @throws FlowTranslationException if the rule has no translation
     */
    public OFFlowMod add(FlowRule rule, long xid) {
        return installing(factory.buildFlowAdd(), rule, xid).build();
    }

    /**
     * FLOW_MOD MODIFY_STRICT: new instructions for the rule with this match
     * and priority.
     *
     * @param rule the rule
     * @param xid  transaction id
     * @return the message
     * @throws FlowTranslationException if the rule has no translation
     */
    public OFFlowMod modify(FlowRule rule, long xid) {
        return installing(factory.buildFlowModifyStrict(), rule, xid).setCookieMask(EXACT_COOKIE).build();
    }

    // What ADD and MODIFY_STRICT both carry: the whole rule.
    private OFFlowMod.Builder installing(OFFlowMod.Builder mod, FlowRule rule, long xid) {
        return mod.setXid(xid)
                .setCookie(cookie(rule))
                .setPriority(rule.priority())
                .setTableId(TableId.of(rule.tableId()))
                .setIdleTimeout(idleTimeout(rule))
                .setHardTimeout(rule.hardTimeout())
                .setBufferId(OFBufferId.NO_BUFFER)
                .setFlags(flags())
                .setMatch(matches.match(rule.selector()))
                .setInstructions(instructions.instructions(rule.treatment()));
    }

    /**
     * FLOW_MOD DELETE_STRICT of exactly this rule.
     *
     * @param rule the rule
     * @param xid  transaction id
     * @return the message
     * @throws FlowTranslationException if the rule's match has no translation
     */
    public OFFlowMod delete(FlowRule rule, long xid) {
        return factory.buildFlowDeleteStrict()
                .setXid(xid)
                .setCookie(cookie(rule))
                .setCookieMask(EXACT_COOKIE)
                .setPriority(rule.priority())
                .setTableId(TableId.of(rule.tableId()))
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .setMatch(matches.match(rule.selector()))
                .build();
    }

    /**
     * FLOW_MOD DELETE (not strict) of every rule, in every table, that
     * carries this cookie: how a rule the switch reports but ONOS does not
     * know is removed without translating its match back.
     *
     * @param cookie the cookie
     * @param xid    transaction id
     * @return the message
     */
    public OFFlowMod deleteByCookie(long cookie, long xid) {
        return factory.buildFlowDelete()
                .setXid(xid)
                .setCookie(U64.of(cookie))
                .setCookieMask(EXACT_COOKIE)
                .setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .setMatch(factory.buildMatch().build())
                .build();
    }

    /**
     * The cookie a rule is installed with.
     *
     * @param rule the rule
     * @return its id as a cookie
     */
    public static U64 cookie(FlowRule rule) {
        return U64.of(rule.id().value());
    }

    private static int idleTimeout(FlowRule rule) {
        return rule.isPermanent() ? 0 : rule.timeout();
    }

    private static Set<OFFlowModFlags> flags() {
        return EnumSet.of(OFFlowModFlags.SEND_FLOW_REM);
    }
}
