/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.flowsocket.sandbox.network.NetworkSpec;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.Link;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.PortDescription;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.link.DefaultLinkDescription;
import org.onosproject.net.link.LinkProvider;
import org.onosproject.net.link.LinkProviderService;
import org.onosproject.net.provider.AbstractProvider;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Links and hosts the switches cannot tell ONOS about by themselves (the
 * sandbox does no LLDP discovery and no packet-in host tracking): taken from
 * the topology file. A link (both directions) is announced once both its
 * switches are connected and both its ports are up, and vanishes with either
 * switch or either port; a host is announced when its switch connects and
 * vanishes when it disconnects. Used on the southbound's thread.
 */
final class StaticTopology extends AbstractProvider implements LinkProvider, HostProvider {

    private final NetworkSpec spec;
    private final Set<DeviceId> connected;
    private final Executor thread;
    /** Ports that are down (disabled or without link), as their switches last reported them. */
    private final Set<ConnectPoint> portsDown = new HashSet<>();
    private final DeviceListener portListener = new PortListener();
    private LinkProviderService links;
    private HostProviderService hosts;
    private DeviceService devices;

    /**
     * @param spec      links and hosts (its devices only name the switches)
     * @param connected the devices currently connected (read on the southbound's thread)
     * @param thread    runs work on the southbound's thread
     */
    StaticTopology(NetworkSpec spec, Set<DeviceId> connected, Executor thread) {
        super(OpenFlowSouthbound.PROVIDER_ID);
        this.spec = spec;
        this.connected = connected;
        this.thread = thread;
    }

    /**
     * Starts announcing, and listening to ONOS's port events.
     *
     * @param links   the link provider service
     * @param hosts   the host provider service
     * @param devices ONOS's device service (its port events take links away and bring them back)
     */
    void activate(LinkProviderService links, HostProviderService hosts, DeviceService devices) {
        this.links = links;
        this.hosts = hosts;
        this.devices = devices;
        devices.addListener(portListener);
    }

    /** Stops listening to port events. */
    void deactivate() {
        if (devices != null) {
            devices.removeListener(portListener);
        }
    }

    /**
     * A switch connected: the links it completes whose ports are up, and its
     * hosts, are announced.
     *
     * @param deviceId the switch
     * @param ports    its ports, as the switch described them
     */
    void connected(DeviceId deviceId, List<PortDescription> ports) {
        portsDown.removeIf(cp -> cp.deviceId().equals(deviceId));
        ports.stream().filter(p -> !p.isEnabled())
                .forEach(p -> portsDown.add(new ConnectPoint(deviceId, p.portNumber())));
        for (NetworkSpec.Link l : spec.links()) {
            if (l.one().deviceId().equals(deviceId) || l.two().deviceId().equals(deviceId)) {
                announce(l);
            }
        }
        for (NetworkSpec.Host h : spec.hosts()) {
            if (h.location().deviceId().equals(deviceId)) {
                hosts.hostDetected(HostId.hostId(h.mac(), h.vlan()), new DefaultHostDescription(h.mac(), h.vlan(),
                        new HostLocation(h.location(), System.currentTimeMillis()), h.ips()), false);
            }
        }
    }

    // After the device's DEVICE_AVAILABILITY_CHANGED, as ONOS's LldpLinkProvider
    // (linksVanished) and HostLocationProvider (processDeviceDown) react to it.
    void disconnected(DeviceId deviceId) {
        links.linksVanished(deviceId);
        for (NetworkSpec.Host h : spec.hosts()) {
            if (h.location().deviceId().equals(deviceId)) {
                hosts.hostVanished(HostId.hostId(h.mac(), h.vlan()));
            }
        }
    }

    /*
     * As ONOS 2.5.6 LldpLinkProvider.DeviceEventProcessor, on its own thread
     * after ONOS posted the event: PORT_ADDED or PORT_UPDATED of a disabled
     * port and PORT_REMOVED make every link of the port vanish
     * (linksVanished(ConnectPoint)); a port that is enabled again is probed at
     * once (LinkDiscovery.addPort sends an initial probe), which finds the
     * link if the port at its other end is up too.
     */
    private void portChanged(DeviceEvent event) {
        ConnectPoint cp = new ConnectPoint(event.subject().id(), event.port().number());
        boolean up = event.type() != DeviceEvent.Type.PORT_REMOVED && event.port().isEnabled();
        if (!up) {
            portsDown.add(cp);
            links.linksVanished(cp);
        } else if (portsDown.remove(cp)) {
            spec.links().stream().filter(l -> l.one().equals(cp) || l.two().equals(cp)).forEach(this::announce);
        }
    }

    private void announce(NetworkSpec.Link l) {
        if (connected.contains(l.one().deviceId()) && connected.contains(l.two().deviceId())
                && !portsDown.contains(l.one()) && !portsDown.contains(l.two())) {
            links.linkDetected(new DefaultLinkDescription(l.one(), l.two(), Link.Type.DIRECT));
            links.linkDetected(new DefaultLinkDescription(l.two(), l.one(), Link.Type.DIRECT));
        }
    }

    @Override
    public void triggerProbe(Host host) {
        // Hosts come from the topology file; nothing to probe.
    }

    private final class PortListener implements DeviceListener {
        @Override
        public boolean isRelevant(DeviceEvent event) {
            return event.port() != null && (event.type() == DeviceEvent.Type.PORT_ADDED
                    || event.type() == DeviceEvent.Type.PORT_UPDATED || event.type() == DeviceEvent.Type.PORT_REMOVED);
        }

        @Override
        public void event(DeviceEvent event) {
            thread.execute(() -> portChanged(event));
        }
    }
}
