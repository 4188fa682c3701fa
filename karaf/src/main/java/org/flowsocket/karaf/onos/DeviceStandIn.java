/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.osgi.service.component.annotations.Component;

import java.util.List;

import static com.google.common.base.Preconditions.checkNotNull;

import static org.flowsocket.karaf.onos.StandInNetwork.DEVICE;
import static org.flowsocket.karaf.onos.StandInNetwork.DEVICE_ID;
import static org.flowsocket.karaf.onos.StandInNetwork.PORTS;

/**
 * {@link DeviceService}: one available switch. Device ids are checked as
 * ONOS 2.5.6 DeviceManager checks them.
 */
@Component(immediate = true, service = DeviceService.class)
public class DeviceStandIn extends DeviceServiceAdapter {

    // As ONOS 2.5.6 DeviceManager.DEVICE_ID_NULL.
    static final String DEVICE_ID_NULL = "Device ID cannot be null";

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
        checkNotNull(deviceId, DEVICE_ID_NULL);
        return DEVICE_ID.equals(deviceId) ? DEVICE : null;
    }

    @Override
    public boolean isAvailable(DeviceId deviceId) {
        checkNotNull(deviceId, DEVICE_ID_NULL);
        return DEVICE_ID.equals(deviceId);
    }

    @Override
    public MastershipRole getRole(DeviceId deviceId) {
        checkNotNull(deviceId, DEVICE_ID_NULL);
        return DEVICE_ID.equals(deviceId) ? MastershipRole.MASTER : MastershipRole.NONE;
    }

    @Override
    public List<Port> getPorts(DeviceId deviceId) {
        checkNotNull(deviceId, DEVICE_ID_NULL);
        return DEVICE_ID.equals(deviceId)
                ? PORTS.stream().map(DeviceStandIn::port).collect(ImmutableList.toImmutableList())
                : ImmutableList.of();
    }

    @Override
    public Port getPort(DeviceId deviceId, PortNumber portNumber) {
        checkNotNull(deviceId, DEVICE_ID_NULL);
        checkNotNull(portNumber, "Port number cannot be null");
        return DEVICE_ID.equals(deviceId) && PORTS.contains(portNumber) ? port(portNumber) : null;
    }

    // An enabled copper port of the switch, as an OpenFlow switch reports it.
    private static Port port(PortNumber number) {
        return new DefaultPort(DEVICE, number, true, Port.Type.COPPER, 1000);
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
