/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.southbound.MeterStatsSchedule;
import org.flowsocket.sandbox.southbound.ProviderRegistrations;
import org.onosproject.net.device.DeviceProviderRegistry;
import org.onosproject.net.flow.FlowRuleProviderRegistry;
import org.onosproject.net.flow.FlowRuleProviderService;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.link.LinkProviderRegistry;
import org.onosproject.net.meter.MeterProviderRegistry;
import org.onosproject.net.provider.ProviderId;

import static java.util.Objects.requireNonNull;

/**
 * The simulated network's providers, one per provider type as ONOS's
 * OpenFlow providers are (device, link, host, flow rule, meter), their
 * registration with ONOS's core, and what a switch's connection and
 * disconnection tell each of them. Used on the network's thread.
 */
final class SimProviders {

    private final FlowStatistics flowStatistics;
    private final SimDeviceProvider devices;
    private final SimLinkProvider links;
    private final SimHostProvider hosts;
    private final SimFlowRuleProvider flows;
    private final SimMeterProvider meters;

    /**
     * Creates the providers; nothing is registered until {@link #register}.
     *
     * @param id             the providers' id
     * @param spec           the network's shape (its links and hosts)
     * @param switches       the switches
     * @param faults         the faults injected into the switches
     * @param flowStatistics the switches' flow statistics
     * @param meterStats     when the switches' meter statistics are read
     */
    SimProviders(ProviderId id, NetworkSpec spec, SimSwitches switches, SwitchFaults faults,
                 FlowStatistics flowStatistics, MeterStatsSchedule meterStats) {
        this.flowStatistics = requireNonNull(flowStatistics);
        this.devices = new SimDeviceProvider(id, switches, this::reconnect);
        this.links = new SimLinkProvider(id, switches, spec.links());
        this.hosts = new SimHostProvider(id, spec.hosts());
        this.flows = new SimFlowRuleProvider(id, switches, faults, flowStatistics);
        this.meters = new SimMeterProvider(id, switches, faults, meterStats);
    }

    /**
     * Registers every provider with its registry in ONOS's core; the meter
     * provider only if the core has a meter service.
     *
     * @param registrations where the southbound registers its providers
     */
    void register(ProviderRegistrations registrations) {
        devices.setService(registrations.register(DeviceProviderRegistry.class, devices));
        links.setService(registrations.register(LinkProviderRegistry.class, links));
        hosts.setService(registrations.register(HostProviderRegistry.class, hosts));
        FlowRuleProviderService flowService = registrations.register(FlowRuleProviderRegistry.class, flows);
        flows.setService(flowService);
        flowStatistics.setService(flowService);
        registrations.registerIfPresent(MeterProviderRegistry.class, meters).ifPresent(meters::setService);
    }

    /** @return the device provider */
    SimDeviceProvider devices() {
        return devices;
    }

    /** @return the link provider */
    SimLinkProvider links() {
        return links;
    }

    /** @return the host provider */
    SimHostProvider hosts() {
        return hosts;
    }

    /** @return the flow rule provider */
    SimFlowRuleProvider flows() {
        return flows;
    }

    /**
     * Announces a switch, its ports, and the links and hosts it completes.
     *
     * @param s the switch
     */
    void connect(SimSwitch s) {
        devices.connected(s);
        meters.connected(s);
        links.connected(s.id);
        hosts.connected(s.id);
    }

    /**
     * Reports a switch gone, then its links and hosts.
     *
     * @param s the switch
     */
    void disconnect(SimSwitch s) {
        // As in ONOS 2.5.6: the OpenFlow device provider reports the switch gone
        // (DEVICE_AVAILABILITY_CHANGED); the LLDP link provider and the host
        // location provider react to that event (LldpLinkProvider: linksVanished;
        // HostLocationProvider.processDeviceDown), so the switch's links and
        // hosts go after it.
        meters.disconnected(s);
        devices.disconnected(s);
        links.disconnected(s.id);
        hosts.disconnected(s.id);
    }

    // What ONOS's triggerDisconnect asks of a connected switch.
    private void reconnect(SimSwitch s) {
        disconnect(s);
        connect(s);
    }
}
