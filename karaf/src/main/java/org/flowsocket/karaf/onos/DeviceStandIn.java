/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.osgi.service.component.annotations.Component;

import java.util.List;

import static org.flowsocket.karaf.onos.StandInNetwork.DEVICE;
import static org.flowsocket.karaf.onos.StandInNetwork.DEVICE_ID;

/**
 * {@link DeviceService}: one available switch.
 */
@Component(immediate = true, service = DeviceService.class)
public class DeviceStandIn extends DeviceServiceAdapter {

    @Override
    public int getDeviceCount() {
        return 1;
    }

    @Override
    public int getAvailableDeviceCount() {
        return 1;
    }

    @Override
    public Iterable<Device> getDevices() {
        return ImmutableList.of(DEVICE);
    }

    @Override
    public Iterable<Device> getAvailableDevices() {
        return getDevices();
    }

    @Override
    public Device getDevice(DeviceId deviceId) {
        return DEVICE_ID.equals(deviceId) ? DEVICE : null;
    }

    @Override
    public boolean isAvailable(DeviceId deviceId) {
        return DEVICE_ID.equals(deviceId);
    }

    @Override
    public MastershipRole getRole(DeviceId deviceId) {
        return DEVICE_ID.equals(deviceId) ? MastershipRole.MASTER : MastershipRole.NONE;
    }

    @Override
    public List<Port> getPorts(DeviceId deviceId) {
        return ImmutableList.of();
    }

    @Override
    public Port getPort(DeviceId deviceId, PortNumber portNumber) {
        return null;
    }

    @Override
    public long getLastUpdatedInstant(DeviceId deviceId) {
        return 0L;
    }

    @Override
    public String localStatus(DeviceId deviceId) {
        return DEVICE_ID.equals(deviceId) ? "connected" : "unknown";
    }
}
