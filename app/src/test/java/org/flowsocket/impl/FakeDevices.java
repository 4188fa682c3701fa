/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableList;
import org.onlab.packet.ChassisId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceAdminService;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Switches of:...01 to of:...0N with ports 1 to 4 each, whose availability
 * tests can change; events go to the listeners like ONOS's own.
 */
class FakeDevices extends DeviceServiceAdapter implements DeviceAdminService {

    static final ProviderId PID = new ProviderId("of", "test");

    private final Map<DeviceId, Device> devices = new ConcurrentHashMap<>();
    private final Set<DeviceId> available = ConcurrentHashMap.newKeySet();
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();

    FakeDevices(int count) {
        IntStream.rangeClosed(1, count).forEach(i -> {
            DeviceId id = id(i);
            devices.put(id, new DefaultDevice(PID, id, Device.Type.SWITCH, "test", "1", "1", "s" + i,
                                              new ChassisId(i)));
            available.add(id);
        });
    }

    static DeviceId id(int n) {
        return DeviceId.deviceId(String.format("of:%016x", n));
    }

    void setAvailable(DeviceId id, boolean up) {
        if (up) {
            available.add(id);
        } else {
            available.remove(id);
        }
        DeviceEvent event = new DeviceEvent(DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED, devices.get(id));
        post(event);
    }

    /**
     * Reports port statistics as an OpenFlow provider does every few seconds;
     * ONOS's DeviceManager posts PORT_STATS_UPDATED for the device (its port
     * is null), as SimpleDeviceStore.updatePortStatistics returns it.
     */
    void updatePortStatistics(DeviceId id) {
        DeviceEvent event = new DeviceEvent(DeviceEvent.Type.PORT_STATS_UPDATED, devices.get(id), null);
        post(event);
    }

    @Override
    public int getDeviceCount() {
        return devices.size();
    }

    @Override
    public Iterable<Device> getDevices() {
        return ImmutableList.copyOf(devices.values());
    }

    @Override
    public Device getDevice(DeviceId deviceId) {
        return devices.get(deviceId);
    }

    @Override
    public boolean isAvailable(DeviceId deviceId) {
        return available.contains(deviceId);
    }

    @Override
    public List<Port> getPorts(DeviceId deviceId) {
        Device device = devices.get(deviceId);
        return device == null ? ImmutableList.of() : IntStream.rangeClosed(1, 4)
                .mapToObj(p -> (Port) new DefaultPort(device, PortNumber.portNumber(p), true))
                .collect(Collectors.toList());
    }

    @Override
    public Port getPort(ConnectPoint cp) {
        return getPorts(cp.deviceId()).stream().filter(p -> p.number().equals(cp.port())).findFirst().orElse(null);
    }

    @Override
    public Port getPort(DeviceId deviceId, PortNumber portNumber) {
        return getPort(new ConnectPoint(deviceId, portNumber));
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public void removeDevice(DeviceId deviceId) {
        Device device = devices.remove(deviceId);
        available.remove(deviceId);
        if (device != null) {
            DeviceEvent event = new DeviceEvent(DeviceEvent.Type.DEVICE_REMOVED, device);
            post(event);
        }
    }

    @Override
    public void changePortState(DeviceId deviceId, PortNumber portNumber, boolean enable) {
        throw new UnsupportedOperationException("not used by FlowSocket");
    }

    // As ONOS's ListenerRegistry.process: a listener hears the events it finds relevant.
    private void post(DeviceEvent event) {
        listeners.stream().filter(l -> l.isRelevant(event)).forEach(l -> l.event(event));
    }
}
