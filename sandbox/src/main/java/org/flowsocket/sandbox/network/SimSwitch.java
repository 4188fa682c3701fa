/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.southbound.SwitchReports;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DefaultPortDescription;
import org.onosproject.net.device.DefaultPortStatistics;
import org.onosproject.net.device.PortDescription;
import org.onosproject.net.device.PortStatistics;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowEntry.FlowEntryState;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterCellId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A simulated switch: its ports, flow table and meter table, and whether it
 * is connected to ONOS. Touched only on the network's thread.
 */
final class SimSwitch {

    final DeviceId id;
    final String name;
    final long dpid;
    /** Port number to whether the port is enabled. */
    final Map<PortNumber, Boolean> ports = new LinkedHashMap<>();
    /** Port number to the speed the switch announces for it, in Mb/s. */
    private final Map<PortNumber, Long> portSpeedsMbps;
    /** Keyed by the rule: equal match, priority and table overwrite, as in OpenFlow. */
    final Map<FlowRule, Installed<FlowRule>> table = new LinkedHashMap<>();
    final Map<MeterCellId, Installed<Meter>> meters = new LinkedHashMap<>();
    /** Port number to its traffic counters, as the switch reports them in its port statistics. */
    final Map<PortNumber, PortCounters> portCounters = new LinkedHashMap<>();
    /** Rules installed since the last report of installed rules ({@link FlowStatistics}). */
    final Set<FlowRule> toReport = new LinkedHashSet<>();
    boolean reportNowScheduled;
    boolean reportLaterScheduled;
    long nextReportNanos;
    boolean up;
    long connectedAt;

    SimSwitch(NetworkSpec.Switch spec) {
        this.id = spec.id();
        this.name = spec.name();
        long d;
        try {
            d = Long.parseUnsignedLong(this.id.uri().getSchemeSpecificPart(), 16);
        } catch (NumberFormatException e) {
            d = this.id.hashCode() & 0xffffffffL;
        }
        this.dpid = d;
        this.portSpeedsMbps = spec.portSpeedsMbps();
        spec.ports().forEach(p -> this.ports.put(p, true));
    }

    /**
     * Installs a rule; a rule that overwrites an identical one keeps its age.
     *
     * @param rule the rule
     */
    void install(FlowRule rule) {
        Installed<FlowRule> previous = table.remove(rule);
        boolean same = previous != null && previous.item.exactMatch(rule);
        Installed<FlowRule> installed = new Installed<>(rule, same ? previous.since : System.currentTimeMillis());
        if (same) {
            installed.counters = previous.counters;
        }
        table.put(rule, installed);
    }

    /**
     * Counts the traffic every rule carried since it was last counted, and
     * adds it to the ports it came in by and went out of.
     *
     * @param now     the current time, in milliseconds
     * @param traffic the rate each rule carries
     */
    void count(long now, SimTraffic traffic) {
        for (Installed<FlowRule> i : table.values()) {
            RuleCounters c = i.counters;
            long elapsed = now - c.countedUntil;
            c.countedUntil = now;
            long rate = traffic.bitsPerSecond(i.item);
            if (elapsed <= 0 || rate == 0) {
                continue;
            }
            double bytes = rate * (elapsed / 1000.0) / 8;
            double packets = bytes / traffic.packetBytes(i.item);
            c.bytes += bytes;
            c.packets += packets;
            c.lastHit = now;
            PortNumber in = SimTraffic.inPort(i.item);
            if (in != null && ports.containsKey(in)) {
                portCounters(in).received(bytes, packets);
            }
            for (PortNumber out : SimTraffic.outPorts(i.item)) {
                if (ports.containsKey(out)) {
                    portCounters(out).sent(bytes, packets);
                }
            }
        }
    }

    /**
     * Restarts every rule's counters and duration, as a switch that
     * restarted and had its rules restored reports them.
     *
     * @param now the current time, in milliseconds
     */
    void resetCounters(long now) {
        for (Map.Entry<FlowRule, Installed<FlowRule>> e : table.entrySet()) {
            e.setValue(new Installed<>(e.getValue().item, now));
        }
    }

    /**
     * Returns a port's counters.
     *
     * @param port the port
     * @return its counters, created on first use
     */
    PortCounters portCounters(PortNumber port) {
        return portCounters.computeIfAbsent(port, p -> new PortCounters());
    }

    /**
     * Deletes a rule.
     *
     * @param rule the rule
     * @return the rule the table held, or null if none
     */
    FlowRule remove(FlowRule rule) {
        Installed<FlowRule> gone = table.remove(rule);
        return gone == null ? null : gone.item;
    }

    /**
     * Deletes the rules whose idle or hard timeout has expired (an idle
     * timeout counts from the rule's last packet, or its installation),
     * telling each as it goes.
     *
     * @param now     the current time, in milliseconds
     * @param removed told each deleted rule as the switch reports it in a flow-removed message
     */
    void expire(long now, Consumer<FlowEntry> removed) {
        for (Installed<FlowRule> i : new ArrayList<>(table.values())) {
            FlowRule.FlowRemoveReason reason = expiry(i.item, now - i.since, now - i.counters.lastHit);
            if (reason != null) {
                table.remove(i.item);
                removed.accept(new DefaultFlowEntry(SwitchReports.removedRule(i.item, reason),
                        FlowEntryState.REMOVED, i.lifeSeconds(now), i.counters.packets(), i.counters.bytes()));
            }
        }
    }

    /** @return the flow table as ADDED flow entries */
    List<FlowEntry> entries() {
        return entries(table.keySet());
    }

    /**
     * Returns some rules of the flow table as ADDED flow entries.
     *
     * @param rules the rules; those the table lacks are left out
     * @return their entries
     */
    List<FlowEntry> entries(Set<FlowRule> rules) {
        long now = System.currentTimeMillis();
        List<FlowEntry> out = new ArrayList<>(rules.size());
        for (FlowRule rule : rules) {
            Installed<FlowRule> i = table.get(rule);
            if (i != null) {
                out.add(new DefaultFlowEntry(i.item, FlowEntryState.ADDED, i.lifeSeconds(now),
                                             i.counters.packets(), i.counters.bytes()));
            }
        }
        return out;
    }

    /**
     * Tells whether a rule names a meter this switch does not hold, which an
     * OpenFlow 1.3 switch refuses: Open vSwitch's ofproto_check_ofpacts
     * answers {@code METER_MOD_FAILED}/{@code INVALID_METER}.
     *
     * @param rule a rule being added or modified
     * @return true if the rule's meter is not in the meter table
     */
    boolean lacksMeterOf(FlowRule rule) {
        Instructions.MeterInstruction meter = rule.treatment().metered();
        return meter != null && !meters.containsKey(meter.meterId());
    }

    /** @return the meter table, as the switch reports it in its meter statistics */
    List<Meter> meterEntries() {
        long now = System.currentTimeMillis();
        List<Meter> out = new ArrayList<>(meters.size());
        meters.values().forEach(m -> out.add(SwitchReports.installedMeter(m.item, m.since, now)));
        return out;
    }

    /**
     * Returns the port statistics the switch reports: each port's counters
     * and the time since the switch connected.
     *
     * @param now the current time, in milliseconds
     * @return one entry per port
     */
    List<PortStatistics> portStatistics(long now) {
        long ageMs = Math.max(0, now - connectedAt);
        List<PortStatistics> out = new ArrayList<>(ports.size());
        for (PortNumber port : ports.keySet()) {
            PortCounters c = portCounters(port);
            out.add(DefaultPortStatistics.builder()
                    .setDeviceId(id)
                    .setPort(port)
                    .setPacketsReceived((long) c.packetsReceived)
                    .setBytesReceived((long) c.bytesReceived)
                    .setPacketsSent((long) c.packetsSent)
                    .setBytesSent((long) c.bytesSent)
                    .setDurationSec(ageMs / 1000)
                    .setDurationNano((ageMs % 1000) * 1_000_000)
                    .build());
        }
        return out;
    }

    List<PortDescription> portDescriptions() {
        List<PortDescription> out = new ArrayList<>();
        ports.forEach((n, enabled) -> out.add(portDescription(n, enabled)));
        return out;
    }

    PortDescription portDescription(PortNumber n, boolean enabled) {
        String portName = name + "-eth" + n.toLong();
        return DefaultPortDescription.builder()
                .withPortNumber(n)
                .isEnabled(enabled)
                .type(Port.Type.COPPER)
                // Mb/s: as ONOS 2.5.6 OpenFlowDeviceProvider.portSpeed, an OpenFlow 1.3
                // port's current speed (kb/s) / 1000.
                .portSpeed(portSpeedsMbps.get(n))
                .annotations(DefaultAnnotations.builder()
                        .set(AnnotationKeys.PORT_NAME, portName).build())
                .build();
    }

    private static FlowRule.FlowRemoveReason expiry(FlowRule rule, long age, long idle) {
        if (rule.isPermanent()) {
            return null;
        }
        if (rule.hardTimeout() > 0 && age >= rule.hardTimeout() * 1000L) {
            return FlowRule.FlowRemoveReason.HARD_TIMEOUT;
        }
        if (rule.timeout() > 0 && idle >= rule.timeout() * 1000L) {
            return FlowRule.FlowRemoveReason.IDLE_TIMEOUT;
        }
        return null;
    }

    /** A flow rule or meter in one of the switch's tables, and when it was installed. */
    static final class Installed<T> {
        final T item;
        final long since;
        /** Traffic a flow rule counted; unused for meters. */
        RuleCounters counters;

        Installed(T item, long since) {
            this.item = item;
            this.since = since;
            this.counters = new RuleCounters(since);
        }

        long lifeSeconds(long now) {
            return Math.max(0, (now - since) / 1000);
        }
    }

    /** A flow rule's packet and byte counters. */
    static final class RuleCounters {
        double packets;
        double bytes;
        long countedUntil;
        long lastHit;

        RuleCounters(long since) {
            this.countedUntil = since;
            this.lastHit = since;
        }

        long packets() {
            return (long) packets;
        }

        long bytes() {
            return (long) bytes;
        }
    }

    /** A port's traffic counters in both directions. */
    static final class PortCounters {
        double packetsReceived;
        double bytesReceived;
        double packetsSent;
        double bytesSent;

        void received(double bytes, double packets) {
            bytesReceived += bytes;
            packetsReceived += packets;
        }

        void sent(double bytes, double packets) {
            bytesSent += bytes;
            packetsSent += packets;
        }
    }
}
