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

import static com.google.common.base.Preconditions.checkNotNull;
import static org.flowsocket.karaf.onos.HostProviderRegistryStandIn.HOST_ID_NULL;

import static org.flowsocket.karaf.onos.StandInNetwork.DEVICE_ID;
import static org.flowsocket.karaf.onos.StandInNetwork.HOST;
import static org.flowsocket.karaf.onos.StandInNetwork.HOST_ID;

/**
 * {@link HostService}: one host on port 1 of the switch. Arguments are checked
 * as ONOS 2.5.6 HostManager checks them.
 */
@Component(immediate = true, service = HostService.class)
public class HostStandIn extends HostServiceAdapter {

    @Override
    public int getHostCount() {
        return 1;
    }

    @Override
    public Iterable<Host> getHosts() {
        return ImmutableList.of(HOST);
    }

    @Override
    public Host getHost(HostId hostId) {
        checkNotNull(hostId, HOST_ID_NULL);
        return HOST_ID.equals(hostId) ? HOST : null;
    }

    @Override
    public Set<Host> getHostsByMac(MacAddress mac) {
        checkNotNull(mac, "MAC address cannot be null");
        return HOST.mac().equals(mac) ? ImmutableSet.of(HOST) : ImmutableSet.of();
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        checkNotNull(ip, "IP address cannot be null");
        return HOST.ipAddresses().contains(ip) ? ImmutableSet.of(HOST) : ImmutableSet.of();
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint connectPoint) {
        checkNotNull(connectPoint, "Connection point cannot be null");
        return HOST.locations().contains(connectPoint) ? ImmutableSet.of(HOST) : ImmutableSet.of();
    }

    @Override
    public Set<Host> getConnectedHosts(DeviceId deviceId) {
        checkNotNull(deviceId, "Device ID cannot be null");
        return DEVICE_ID.equals(deviceId) ? ImmutableSet.of(HOST) : ImmutableSet.of();
    }
}
