/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.flowsocket.sandbox.network.NetworkSpec;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.Link;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.link.DefaultLinkDescription;
import org.onosproject.net.link.LinkProvider;
import org.onosproject.net.link.LinkProviderService;
import org.onosproject.net.provider.AbstractProvider;

import java.util.Set;

/**
 * Links and hosts the switches cannot tell ONOS about by themselves (the
 * sandbox does no LLDP discovery and no packet-in host tracking): taken from
 * the topology file. A link (both directions) is announced once both its
 * switches are connected and vanishes with either; a host is announced when
 * its switch connects and vanishes when it disconnects.
 */
final class StaticTopology extends AbstractProvider implements LinkProvider, HostProvider {

    private final NetworkSpec spec;
    private final Set<DeviceId> connected;
    private LinkProviderService links;
    private HostProviderService hosts;

    /**
     * @param spec      links and hosts (its devices only name the switches)
     * @param connected the devices currently connected (read on the southbound's thread)
     */
    StaticTopology(NetworkSpec spec, Set<DeviceId> connected) {
        super(OpenFlowSouthbound.PROVIDER_ID);
        this.spec = spec;
        this.connected = connected;
    }

    void setServices(LinkProviderService links, HostProviderService hosts) {
        this.links = links;
        this.hosts = hosts;
    }

    void connected(DeviceId deviceId) {
        for (NetworkSpec.Link l : spec.links()) {
            DeviceId a = l.one().deviceId();
            DeviceId b = l.two().deviceId();
            if ((a.equals(deviceId) || b.equals(deviceId)) && connected.contains(a) && connected.contains(b)) {
                links.linkDetected(new DefaultLinkDescription(l.one(), l.two(), Link.Type.DIRECT));
                links.linkDetected(new DefaultLinkDescription(l.two(), l.one(), Link.Type.DIRECT));
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

    @Override
    public void triggerProbe(Host host) {
        // Hosts come from the topology file; nothing to probe.
    }
}
