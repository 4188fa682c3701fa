/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.host.HostService;
import org.onosproject.net.host.HostServiceAdapter;
import org.osgi.service.component.annotations.Component;

import java.util.Set;
import java.util.function.Predicate;

import static com.google.common.base.Preconditions.checkNotNull;
import static org.flowsocket.karaf.onos.HostProviderRegistryStandIn.HOST_ID_NULL;
import static org.flowsocket.karaf.onos.StandInNetwork.HOSTS;

/**
 * {@link HostService} over the stand-ins' host table: at first one host on
 * port 1 of the switch and one on port 2. Arguments are checked as ONOS
 * 2.5.6 HostManager checks them.
 */
@Component(immediate = true, service = HostService.class)
public class HostStandIn extends HostServiceAdapter {

    @Override
    public int getHostCount() {
        return HOSTS.size();
    }

    @Override
    public Iterable<Host> getHosts() {
        return ImmutableList.copyOf(HOSTS.values());
    }

    @Override
    public Host getHost(HostId hostId) {
        checkNotNull(hostId, HOST_ID_NULL);
        return HOSTS.get(hostId);
    }

    @Override
    public Set<Host> getHostsByMac(MacAddress mac) {
        checkNotNull(mac, "MAC address cannot be null");
        return hosts(h -> h.mac().equals(mac));
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        checkNotNull(ip, "IP address cannot be null");
        return hosts(h -> h.ipAddresses().contains(ip));
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint connectPoint) {
        checkNotNull(connectPoint, "Connection point cannot be null");
        return hosts(h -> h.locations().stream().anyMatch(l -> l.deviceId().equals(connectPoint.deviceId())
                && l.port().equals(connectPoint.port())));
    }

    @Override
    public Set<Host> getConnectedHosts(DeviceId deviceId) {
        checkNotNull(deviceId, "Device ID cannot be null");
        return hosts(h -> h.locations().stream().anyMatch(l -> l.deviceId().equals(deviceId)));
    }

    private static Set<Host> hosts(Predicate<Host> which) {
        return HOSTS.values().stream().filter(which).collect(ImmutableSet.toImmutableSet());
    }
}
