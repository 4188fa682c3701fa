/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowEntry.FlowEntryState;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleProviderService;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a switch's flow table (FLOW_STATS multipart, every table, every
 * rule) and pushes it to ONOS as flow metrics. A rule is recognised by its
 * cookie (the ONOS rule id it was sent with) and reported as the very rule
 * ONOS sent, with the switch's duration, packet and byte counts, so ONOS's
 * store matches it exactly and moves it to ADDED. A rule with a cookie ONOS
 * never sent is reported as what it is (cookie, priority, table), and ONOS
 * removes it as extraneous, by cookie.
 * <p>
 * With {@code reconcile}, ONOS also re-sends rules it has that the switch
 * lacks (its periodic reconciliation); that is skipped while a batch to the
 * switch waits for its barrier, whose rules the table may not show yet.
 */
final class FlowStatsCollector {

    private final OfFlowRuleProvider rules;
    private final FlowRuleProviderService service;

    FlowStatsCollector(OfFlowRuleProvider rules, FlowRuleProviderService service) {
        this.rules = rules;
        this.service = service;
    }

    /**
     * Requests a switch's flow statistics and pushes them when they arrive.
     *
     * @param s         the switch
     * @param reconcile whether ONOS may re-send rules missing from the table
     */
    void poll(SwitchSession s, boolean reconcile) {
        if (!s.isActive()) {
            return;
        }
        s.request(s.factory().buildFlowStatsRequest()
                .setXid(s.xid())
                .setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .setCookie(U64.ZERO)
                .setCookieMask(U64.ZERO)
                .setMatch(s.factory().buildMatch().build())
                .build(), parts -> {
                    if (!s.isActive()) {
                        return;
                    }
                    List<FlowEntry> entries = entries(s.deviceId(), parts);
                    if (reconcile && !rules.hasPending(s.deviceId())) {
                        service.pushFlowMetrics(s.deviceId(), entries);
                    } else {
                        service.pushFlowMetricsWithoutFlowMissing(s.deviceId(), entries);
                    }
                });
    }

    private List<FlowEntry> entries(DeviceId deviceId, List<OFStatsReply> parts) {
        List<FlowEntry> out = new ArrayList<>();
        for (OFStatsReply part : parts) {
            for (OFFlowStatsEntry e : ((OFFlowStatsReply) part).getEntries()) {
                out.add(entry(deviceId, e));
            }
        }
        return out;
    }

    private FlowEntry entry(DeviceId deviceId, OFFlowStatsEntry e) {
        long cookie = e.getCookie().getValue();
        FlowRule rule = rules.sentRule(deviceId, cookie);
        if (rule == null || rule.priority() != e.getPriority() || rule.tableId() != e.getTableId().getValue()) {
            rule = DefaultFlowRule.builder()
                    .forDevice(deviceId)
                    .withCookie(cookie)
                    .withPriority(e.getPriority())
                    .forTable(e.getTableId().getValue())
                    .withSelector(DefaultTrafficSelector.emptySelector())
                    .withTreatment(DefaultTrafficTreatment.emptyTreatment())
                    .makePermanent()
                    .build();
        }
        return new DefaultFlowEntry(rule, FlowEntryState.ADDED, e.getDurationSec(),
                e.getPacketCount().getValue(), e.getByteCount().getValue());
    }
}
