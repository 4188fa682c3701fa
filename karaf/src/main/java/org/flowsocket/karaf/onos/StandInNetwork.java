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
import org.onosproject.net.provider.ProviderId;

/**
 * The network the stand-ins show: one switch and one host attached to it.
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

    private StandInNetwork() {
    }
}
