/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleProviderService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The simulated switches' flow statistics, as ONOS's OpenFlow flow rule
 * provider reports them: each switch's whole table periodically (ONOS
 * reconciles: rules ONOS has that the switch lacks are re-sent, rules the
 * switch has that ONOS lacks are removed), with the packets and bytes each
 * rule counted of the simulated traffic ({@link SimTraffic}), after expiring
 * the rules whose timeout has passed; and, when immediate statistics are on, the rules a
 * switch has just installed. Used on the network's thread.
 */
final class FlowStatistics {

    private final SimSwitches switches;
    private FlowRuleProviderService service;
    private volatile boolean immediate;

    FlowStatistics(SimSwitches switches) {
        this.switches = requireNonNull(switches);
    }

    void setService(FlowRuleProviderService service) {
        this.service = requireNonNull(service);
    }

    /**
     * Makes switches report the rules they install right after installing
     * them, which ONOS's OpenFlow provider does not do.
     *
     * @param immediate whether to report at once
     */
    void setImmediate(boolean immediate) {
        this.immediate = immediate;
    }

    /** Reports the table of every connected switch. */
    void pushAll() {
        switches.all().stream().filter(s -> s.up).forEach(this::push);
    }

    /**
     * Reports a switch's table; expires timed-out rules first, with a
     * flow-removed message each.
     *
     * @param s the switch
     */
    void push(SimSwitch s) {
        long now = System.currentTimeMillis();
        s.count(now, switches.traffic());
        List<FlowEntry> expired = new ArrayList<>();
        s.expire(now, expired::add);
        List<FlowEntry> table = s.entries();
        switches.tell(s.id, () -> {
            expired.forEach(service::flowRemoved);
            service.pushFlowMetrics(s.id, table);
        });
    }

    /**
     * Reports the rules a switch has just installed as flow statistics, if
     * immediate statistics are on, so that ONOS moves them to ADDED.
     * <p>
     * ONOS reads its whole table of the device for every report, so a report
     * per batch would cost the table's size per batch. A switch reports at
     * once while that is cheap; otherwise once the rules waiting are half its
     * table (a few table entries per rule), or when 20 times as long as its
     * last report took has passed (under a twentieth of the thread's time).
     * Only these rules are reported: rules ONOS is still removing
     * (PENDING_REMOVE) are not, as ONOS answers each such report with another
     * removal. The periodic statistics report the whole table. (The moment a
     * switch accepts a rule is its acknowledgement, which addAckListener tells
     * as it happens.)
     *
     * @param s     the switch
     * @param rules the rules it installed
     */
    void installed(SimSwitch s, List<FlowRule> rules) {
        if (!immediate || rules.isEmpty()) {
            return;
        }
        s.toReport.addAll(rules);
        long wait = s.toReport.size() * 2L >= s.table.size() ? 0
                : Math.max(0, s.nextReportNanos - System.nanoTime());
        if (wait == 0 && !s.reportNowScheduled) {
            s.reportNowScheduled = true;
            switches.later(Duration.ZERO, () -> {
                s.reportNowScheduled = false;
                reportNow(s);
            });
        } else if (wait > 0 && !s.reportLaterScheduled) {
            s.reportLaterScheduled = true;
            switches.later(Duration.ofNanos(wait), () -> reportLater(s));
        }
    }

    // A report that waited for the switch's turn; another report may have
    // been made meanwhile, and then this one waits for the next turn.
    private void reportLater(SimSwitch s) {
        long wait = s.nextReportNanos - System.nanoTime();
        if (wait > 0 && !s.toReport.isEmpty()) {
            switches.later(Duration.ofNanos(wait), () -> reportLater(s));
            return;
        }
        s.reportLaterScheduled = false;
        reportNow(s);
    }

    private void reportNow(SimSwitch s) {
        if (!s.up || s.toReport.isEmpty()) {
            s.toReport.clear();
            return;
        }
        long start = System.nanoTime();
        s.count(System.currentTimeMillis(), switches.traffic());
        List<FlowEntry> entries = s.entries(s.toReport);
        s.toReport.clear();
        switches.tell(s.id, () -> service.pushFlowMetricsWithoutFlowMissing(s.id, entries));
        long end = System.nanoTime();
        s.nextReportNanos = end + 20 * (end - start);
    }
}
