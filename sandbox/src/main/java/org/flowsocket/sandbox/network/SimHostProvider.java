/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The simulated network's host provider: a host is detected when its switch
 * connects and vanishes when the switch disconnects. Used on the network's
 * thread.
 */
final class SimHostProvider extends AbstractProvider implements HostProvider {

    private final List<NetworkSpec.Host> hosts;
    // Where each host is now, once it moved from where the spec put it.
    private final Map<HostId, ConnectPoint> moved = new HashMap<>();
    private HostProviderService service;

    SimHostProvider(ProviderId id, List<NetworkSpec.Host> hosts) {
        super(id);
        this.hosts = List.copyOf(hosts);
    }

    void setService(HostProviderService service) {
        this.service = requireNonNull(service);
    }

    /**
     * A switch connected: the hosts attached to it are detected.
     *
     * @param deviceId the switch
     */
    void connected(DeviceId deviceId) {
        for (NetworkSpec.Host h : hosts) {
            if (locationOf(h).deviceId().equals(deviceId)) {
                detect(h);
            }
        }
    }

    /**
     * A host shows up on another switch port: as ONOS 2.5.6
     * HostLocationProvider does on the host's first packet there, it is
     * detected at its new location, and HostManager posts HOST_MOVED.
     *
     * @param hostId the host
     * @param to     its new location
     * @return false if the network has no such host
     */
    boolean move(HostId hostId, ConnectPoint to) {
        for (NetworkSpec.Host h : hosts) {
            if (HostId.hostId(h.mac(), h.vlan()).equals(hostId)) {
                moved.put(hostId, to);
                detect(h);
                return true;
            }
        }
        return false;
    }

    private void detect(NetworkSpec.Host h) {
        service.hostDetected(HostId.hostId(h.mac(), h.vlan()),
                new DefaultHostDescription(h.mac(), h.vlan(),
                        new HostLocation(locationOf(h), System.currentTimeMillis()), h.ips()),
                false);
    }

    private ConnectPoint locationOf(NetworkSpec.Host h) {
        return moved.getOrDefault(HostId.hostId(h.mac(), h.vlan()), h.location());
    }

    /**
     * A switch disconnected: the hosts attached to it vanish, as in ONOS
     * 2.5.6, where HostLocationProvider.processDeviceDown reacts to the
     * device's DEVICE_AVAILABILITY_CHANGED.
     *
     * @param deviceId the switch
     */
    void disconnected(DeviceId deviceId) {
        for (NetworkSpec.Host h : hosts) {
            if (locationOf(h).deviceId().equals(deviceId)) {
                service.hostVanished(HostId.hostId(h.mac(), h.vlan()));
            }
        }
    }

    @Override
    public void triggerProbe(Host host) {
        // Hosts are announced when their switch connects; nothing to probe.
    }
}
