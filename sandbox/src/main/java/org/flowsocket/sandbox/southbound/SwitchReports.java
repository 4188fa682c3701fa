/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.southbound;

import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.meter.DefaultMeter;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterState;


/**
 * Meters and flow rules as a switch reports them to ONOS, shared by the
 * sandbox's southbounds.
 */
public final class SwitchReports {

    /**
     * Flow statistics interval in milliseconds: ONOS 2.5.6's OpenFlowRuleProvider
     * polls every switch's flow table every {@code flowPollFrequency} (5) seconds
     * (FlowStatsCollector, adaptive sampling off by default).
     */
    public static final long FLOW_STATS_INTERVAL_MS = 5000;

    /**
     * Port statistics interval in milliseconds: ONOS 2.5.6's OpenFlowDeviceProvider
     * polls every switch's ports every {@code portStatsPollFrequency} (5) seconds
     * (PortStatsCollector, the first time one second after the switch connects).
     */
    public static final long PORT_STATS_INTERVAL_MS = 5000;

    /** Delay of the first port statistics poll of a switch, in milliseconds. */
    public static final long PORT_STATS_FIRST_POLL_MS = 1000;

    private SwitchReports() {
    }

    /**
     * Returns an installed meter as a switch reports it in its statistics.
     *
     * @param meter the meter installed
     * @param since when it was installed, in milliseconds
     * @param now   the current time, in milliseconds
     * @return the meter, added, with its life in seconds
     */
    public static Meter installedMeter(Meter meter, long since, long now) {
        Meter.Builder b = DefaultMeter.builder()
                .forDevice(meter.deviceId())
                .withCellId(meter.meterCellId())
                .fromApp(meter.appId())
                .withUnit(meter.unit())
                .withBands(meter.bands());
        if (meter.isBurst()) {
            b.burst();
        }
        DefaultMeter m = (DefaultMeter) b.build();
        m.setState(MeterState.ADDED);
        m.setLife(Math.max(0, (now - since) / 1000));
        return m;
    }

    /**
     * Returns a rule as a switch reports it in a flow-removed message.
     *
     * @param rule   the rule removed
     * @param reason why it was removed
     * @return the rule with the reason
     */
    public static FlowRule removedRule(FlowRule rule, FlowRule.FlowRemoveReason reason) {
        FlowRule.Builder b = DefaultFlowRule.builder()
                .withCookie(rule.id().value())
                .forDevice(rule.deviceId())
                .withSelector(rule.selector())
                .withTreatment(rule.treatment())
                .withPriority(rule.priority())
                .forTable(rule.tableId())
                .withHardTimeout(rule.hardTimeout())
                .withReason(reason);
        if (rule.isPermanent()) {
            b.makePermanent();
        } else {
            b.makeTemporary(rule.timeout());
        }
        return b.build();
    }
}
