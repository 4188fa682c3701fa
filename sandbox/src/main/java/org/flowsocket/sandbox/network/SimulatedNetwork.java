/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import com.google.common.collect.ImmutableList;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.flowsocket.sandbox.southbound.MeterStatsSchedule;
import org.flowsocket.sandbox.southbound.SouthboundThread;
import org.flowsocket.sandbox.southbound.SwitchReports;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.provider.ProviderId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A simulated network of OpenFlow-like switches, wired into ONOS's core the way
 * ONOS's OpenFlow providers are: as the device, link, host, flow rule and meter
 * provider of the {@code of} URI scheme. The switches behave as switches do
 * towards ONOS:
 * <ul>
 * <li>a connecting switch is announced with its ports and acknowledges the
 * mastership role ONOS asks for; its links (both directions) and hosts are
 * discovered once both ends are up;</li>
 * <li>a flow rule batch is answered after the acknowledgement latency
 * ({@link SwitchFaults#setAckLatency(Duration)}, default {@value #DEFAULT_ACK_LATENCY_MS}
 * ms), as after a barrier reply; refused rules fail with an OpenFlow error
 * ({@link FlowModFailure}); removed rules are reported FLOW_REMOVED first;
 * installed rules stay PENDING_ADD in ONOS until the next flow statistics
 * ({@link #setImmediateStatistics(boolean)} reports them at once instead);</li>
 * <li>flow statistics are pushed every {@link #setStatsInterval(Duration)}
 * (default 5 s, ONOS's OpenFlow polling default, as ONOS 2.5.6
 * FlowStatsCollector polls), with ONOS's reconciliation; a rule's idle or
 * hard timeout expires there (an idle timeout counts from the rule's last
 * packet); port statistics every {@link #setPortStatsInterval(Duration)}
 * (default 5 s, as PortStatsCollector);</li>
 * <li>hosts send traffic through the rules that carry it ({@link #traffic()};
 * by default a rate per traffic class, told by the DSCP a rule marks): every
 * switch on a path counts it in its rules' packet and byte counters and its
 * ports' counters, which the flow and port statistics report as a switch's
 * counters are;</li>
 * <li>meters are confirmed only when the switch's meter statistics are read,
 * 1 s after it connects, then every {@link #setMeterStatsInterval(Duration)}
 * ({@link MeterStatsSchedule}), and right after a meter removal;</li>
 * <li>a switch taken down ({@link #deviceDown(DeviceId)}) disconnects: ONOS
 * marks it unavailable, its links and hosts vanish, batches sent to it fail;
 * it keeps its flow table, reported again when it comes back up.</li>
 * </ul>
 * All interaction with ONOS happens on one thread ("sandbox-network"). The
 * admin methods run their work there and return once it is done, so a test
 * sees the resulting events right away (with synchronous event delivery).
 * Do not call them while holding a lock an ONOS listener needs.
 */
public final class SimulatedNetwork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedNetwork.class);

    /** Provider id of all the simulated network's providers (scheme "of"). */
    public static final ProviderId PROVIDER_ID = new ProviderId("of", "org.flowsocket.sandbox.network");

    /** Default batch acknowledgement latency in milliseconds. */
    public static final long DEFAULT_ACK_LATENCY_MS = 20;

    /** Default flow statistics interval in milliseconds. */
    public static final long DEFAULT_STATS_INTERVAL_MS = SwitchReports.FLOW_STATS_INTERVAL_MS;

    private final NetworkSpec spec;
    private final SouthboundThread thread;
    private final SimSwitches switches;
    private final SwitchFaults faults = new SwitchFaults(Duration.ofMillis(DEFAULT_ACK_LATENCY_MS));
    private final FlowStatistics flowStatistics;
    private final SimProviders providers;
    private final TopologyChanges topology;
    private final SimulatedTraffic traffic;

    /**
     * Creates a simulated network over ONOS's core. Nothing is announced until
     * {@link #start()}.
     *
     * @param services the core's services (provider registries are looked up there)
     * @param spec     the network's shape
     */
    public SimulatedNetwork(ServiceRegistry services, NetworkSpec spec) {
        this.spec = requireNonNull(spec);
        this.thread = new SouthboundThread("sandbox-network", "The simulated network", requireNonNull(services));
        this.switches = new SimSwitches(thread);
        this.flowStatistics = new FlowStatistics(switches);
        this.providers = new SimProviders(PROVIDER_ID, spec, switches, faults, flowStatistics, thread.meterStats());
        this.topology = new TopologyChanges(switches, providers, flowStatistics);
        this.traffic = new SimulatedTraffic(thread, switches);
    }

    /**
     * Registers the providers and connects every switch, then its links and
     * hosts.
     *
     * @return this network
     */
    public SimulatedNetwork start() {
        thread.start(() -> {
            providers.register(thread.registrations());
            for (NetworkSpec.Switch s : spec.switches()) {
                switches.add(new SimSwitch(s));
            }
            switches.all().forEach(providers::connect);
            thread.scheduleFlowStatistics(flowStatistics::pushAll);
            thread.schedulePortStatistics(SwitchReports.PORT_STATS_FIRST_POLL_MS,
                    providers.devices()::pushPortStatistics);
        });
        log.info("Simulated network up: {} switches, {} links, {} hosts",
                spec.switches().size(), spec.links().size(), spec.hosts().size());
        return this;
    }

    /** Stops statistics, unregisters the providers and stops the network thread. */
    @Override
    public void close() {
        thread.close(switches::closeChannels);
    }

    // ------------------------------------------------------------------ admin

    /** @return ids of the simulated switches, in creation order */
    public List<DeviceId> deviceIds() {
        return thread.call(() -> switches.all().stream().map(s -> s.id).collect(ImmutableList.toImmutableList()));
    }

    /**
     * Returns whether a switch is connected.
     *
     * @param deviceId switch
     * @return true if up
     */
    public boolean isUp(DeviceId deviceId) {
        return thread.call(() -> switches.get(deviceId).up);
    }

    /**
     * Disconnects a switch from ONOS. ONOS posts DEVICE_AVAILABILITY_CHANGED;
     * the switch's links and hosts vanish. Its flow table is kept. Nothing
     * happens if it is down already.
     *
     * @param deviceId switch
     * @throws IllegalArgumentException if there is no such switch
     */
    public void deviceDown(DeviceId deviceId) {
        thread.run(() -> topology.deviceDown(deviceId));
    }

    /**
     * Reconnects a switch: it is announced again with its ports, links, hosts
     * and current flow table. Nothing happens if it is up already.
     *
     * @param deviceId switch
     * @throws IllegalArgumentException if there is no such switch
     */
    public void deviceUp(DeviceId deviceId) {
        thread.run(() -> topology.deviceUp(deviceId));
    }

    /**
     * Cuts a link's cable: as real switches do, both ends report their port
     * down (ONOS posts PORT_UPDATED, the port disabled), and as ONOS's LLDP
     * link provider does, the links of both ports vanish (ONOS posts
     * LINK_REMOVED for both directions and computes a new topology).
     *
     * @param one one end
     * @param two other end
     * @throws IllegalArgumentException if an end is not a port of the
     *                                  network or they are not the ends of a link
     */
    public void linkDown(ConnectPoint one, ConnectPoint two) {
        thread.run(() -> topology.linkDown(one, two));
    }

    /**
     * Mends a link's cable: both ends report their port up again, and the
     * link is discovered in both directions (if both switches are up).
     *
     * @param one one end
     * @param two other end
     * @throws IllegalArgumentException if an end is not a port of the
     *                                  network or they are not the ends of a link
     */
    public void linkUp(ConnectPoint one, ConnectPoint two) {
        thread.run(() -> topology.linkUp(one, two));
    }

    /** @return the links taken down ({@link #linkDown}) and not brought up since, in the network's order */
    public List<NetworkSpec.Link> linksDown() {
        return thread.call(() -> providers.links().linksDown());
    }

    /**
     * Moves a host of the network to another switch port; ONOS posts
     * HOST_MOVED.
     *
     * @param hostId the host
     * @param to     its new location, a port of a switch of the network
     * @throws IllegalArgumentException if the network has no such host or port
     */
    public void moveHost(HostId hostId, ConnectPoint to) {
        thread.run(() -> topology.moveHost(hostId, to));
    }

    /**
     * Gives each switch a thread of its own for what it tells ONOS about its
     * flow rules (batch answers, flow removals, flow statistics), in order
     * per switch, as ONOS's OpenFlow controller hears each switch on its
     * connection's thread; otherwise (the default) the network's one thread
     * tells ONOS everything, and the admin methods return once ONOS heard it.
     * With switch threads on, ONOS hears those messages a moment after an
     * admin method returns ({@link #awaitQuiet(Duration)} waits for them).
     *
     * @param on whether each switch has its own thread
     */
    public void setSwitchThreads(boolean on) {
        switches.setChannels(on);
    }

    /**
     * Makes switches report the rules of every batch as flow statistics right
     * after the batch, so that ONOS marks them ADDED at once. ONOS's OpenFlow
     * provider does not do this (as ONOS 2.5.6 OpenFlowRuleProvider: rules
     * reach ADDED only at the next poll of FlowStatsCollector, every
     * flowPollFrequency = 5 s, adaptive sampling off by default), so it is off
     * unless a benchmark that counts ADDED rules turns it on.
     *
     * @param immediate whether to report at once
     */
    public void setImmediateStatistics(boolean immediate) {
        flowStatistics.setImmediate(immediate);
    }

    /**
     * Tells whether switches send FLOW_REMOVED when ONOS deletes a rule (they
     * do by default, as ONOS sets SEND_FLOW_REM on every flow mod). Without
     * it ONOS keeps a deleted rule PENDING_REMOVE until the next flow
     * statistics leave it out (as ONOS 2.5.6 FlowRuleManager.flowMissing).
     *
     * @param send whether to send FLOW_REMOVED
     */
    public void setFlowRemovedMessages(boolean send) {
        providers.flows().setFlowRemovedMessages(send);
    }

    /**
     * Sets the interval of periodic flow statistics.
     *
     * @param interval interval (positive)
     */
    public void setStatsInterval(Duration interval) {
        thread.setFlowStatsInterval(interval);
    }

    /**
     * Reports the port statistics of every connected switch now, as the
     * periodic poll does: ONOS posts PORT_STATS_UPDATED for each switch.
     */
    public void pollPortStatistics() {
        thread.run(providers.devices()::pushPortStatistics);
    }

    /**
     * Sets the interval of periodic port statistics, ONOS's
     * {@code portStatsPollFrequency} (default 5 s).
     *
     * @param interval interval (positive)
     */
    public void setPortStatsInterval(Duration interval) {
        thread.setPortStatsInterval(interval);
    }

    /**
     * Returns the traffic the hosts send through the switches' rules: set a
     * rule's rate, give it its class's again, restart a switch's counters.
     *
     * @return the network's traffic
     */
    public SimulatedTraffic traffic() {
        return traffic;
    }

    /** Pushes flow statistics of every connected switch now. */
    public void pollStatistics() {
        thread.run(flowStatistics::pushAll);
    }

    /**
     * Sets how often each switch's meter statistics are read, ONOS's
     * {@code meterStatsPollInterval} (default 10 s): ONOS reports a meter
     * ADDED, and completes its MeterContext, only on such a read.
     *
     * @param interval positive interval
     */
    public void setMeterStatsInterval(Duration interval) {
        thread.run(() -> thread.meterStats().setInterval(interval));
    }

    /** @return how often each switch's meter statistics are read */
    public Duration meterStatsInterval() {
        return thread.meterStats().interval();
    }

    /**
     * Adds a listener told, on the network thread, right before a switch's
     * periodic meter statistics are pushed to ONOS.
     *
     * @param listener receives the switch's id
     */
    public void addMeterStatsListener(Consumer<DeviceId> listener) {
        thread.meterStats().addListener(listener);
    }

    /**
     * Returns the faults injected into the switches: acknowledgement
     * latency and refused rules.
     *
     * @return the switches' faults
     */
    public SwitchFaults faults() {
        return faults;
    }

    /**
     * Tells a listener of every rule a switch accepts, at the moment it
     * accepts it (before ONOS hears the acknowledgement), on the network's
     * thread. The listener must be quick.
     *
     * @param listener receives each accepted rule
     */
    public void addAckListener(Consumer<FlowRule> listener) {
        providers.flows().addAckListener(listener);
    }

    /**
     * Stops telling a listener of accepted rules.
     *
     * @param listener a listener added before
     */
    public void removeAckListener(Consumer<FlowRule> listener) {
        providers.flows().removeAckListener(listener);
    }

    /**
     * Returns the rules a switch holds, as ADDED flow entries.
     *
     * @param deviceId switch
     * @return its flow table
     */
    public List<FlowEntry> flowTable(DeviceId deviceId) {
        return thread.call(() -> switches.get(deviceId).entries());
    }

    /**
     * Deletes a rule from a switch's table without telling ONOS (no
     * flow-removed message), as an operator's {@code ovs-ofctl del-flows}
     * does. The traffic until now is counted first. ONOS finds the rule
     * missing from the switch's next flow statistics and sends it again
     * (ONOS 2.5.6 FlowRuleManager.flowMissing); the switch then counts it
     * from zero.
     *
     * @param deviceId switch
     * @param ruleId   the rule's id
     * @return true if the switch held the rule
     * @throws IllegalArgumentException if the network has no such switch
     */
    public boolean deleteRuleSilently(DeviceId deviceId, FlowId ruleId) {
        return thread.call(() -> {
            SimSwitch s = switches.get(deviceId);
            s.count(System.currentTimeMillis(), switches.traffic());
            return s.table.keySet().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                    .map(r -> s.remove(r) != null).orElse(false);
        });
    }

    /**
     * Returns the meters a switch holds.
     *
     * @param deviceId switch
     * @return its meters, as the switch reports them
     */
    public List<Meter> meterTable(DeviceId deviceId) {
        return thread.call(() -> switches.get(deviceId).meterEntries());
    }

    /**
     * Waits until every batch or rule already sent to the switches has been
     * answered.
     *
     * @param timeout how long to wait at most
     * @return true if nothing is in flight any more
     * @throws InterruptedException if interrupted
     */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        return switches.awaitQuiet(timeout);
    }

    @Override
    public String toString() {
        return "SimulatedNetwork{" + spec.switches().size() + " switches}";
    }
}
