/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableSet;
import org.onlab.packet.ChassisId;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.onosproject.net.host.HostDescription;
import org.onosproject.net.provider.ProviderId;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network the stand-ins show: one switch with ports 1 to 3, and the hosts
 * ONOS has, at first one on port 1 and one on port 2; hosts that providers
 * report are added to them and removed as ONOS's host store does.
 */
final class StandInNetwork {

    static final ProviderId PROVIDER = new ProviderId("of", "org.flowsocket.karaf.onos");
    static final DeviceId DEVICE_ID = DeviceId.deviceId("of:0000000000000001");
    static final Device DEVICE = new DefaultDevice(PROVIDER, DEVICE_ID, Device.Type.SWITCH,
                                                   "FlowSocket", "stand-in", "1.0", "1", new ChassisId(1));
    static final MacAddress HOST_MAC = MacAddress.valueOf("00:00:00:00:00:01");
    static final HostId HOST_ID = HostId.hostId(HOST_MAC, VlanId.NONE);
    static final Host HOST = new DefaultHost(PROVIDER, HOST_ID, HOST_MAC, VlanId.NONE,
                                             new HostLocation(DEVICE_ID, PortNumber.portNumber(1), 0),
                                             ImmutableSet.of(IpAddress.valueOf("10.0.0.1")));

    static final MacAddress HOST_2_MAC = MacAddress.valueOf("00:00:00:00:00:02");
    static final Host HOST_2 = new DefaultHost(PROVIDER, HostId.hostId(HOST_2_MAC, VlanId.NONE), HOST_2_MAC,
                                               VlanId.NONE, new HostLocation(DEVICE_ID, PortNumber.portNumber(2), 0),
                                               ImmutableSet.of(IpAddress.valueOf("10.0.0.2")));
    /** The switch's ports. */
    static final List<PortNumber> PORTS = List.of(PortNumber.portNumber(1), PortNumber.portNumber(2),
                                                  PortNumber.portNumber(3));

    /** The hosts ONOS has, by id: the host store the host service reads. */
    static final Map<HostId, Host> HOSTS = new ConcurrentHashMap<>(Map.of(HOST_ID, HOST, HOST_2.id(), HOST_2));

    /**
     * Stores what a provider reports, as ONOS 2.5.6's host store
     * (DistributedHostStore.createOrUpdateHost) does: the description's
     * locations and annotations; its IPs replace the host's or are added.
     *
     * @param providerId  reporting provider
     * @param hostId      host
     * @param description what the provider saw
     * @param replaceIps  whether the IPs replace the known ones
     */
    static void createOrUpdateHost(ProviderId providerId, HostId hostId, HostDescription description,
                                   boolean replaceIps) {
        HOSTS.compute(hostId, (id, known) -> {
            Set<IpAddress> ips = new HashSet<>(description.ipAddress());
            if (known != null && !replaceIps) {
                ips.addAll(known.ipAddresses());
            }
            return new DefaultHost(providerId, id, description.hwAddress(), description.vlan(),
                                   description.locations(), ips, description.configured(),
                                   description.annotations());
        });
    }

    private StandInNetwork() {
    }
}
