/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.southbound.SwitchReports;
import org.onlab.packet.ChassisId;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.Device;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DefaultDeviceDescription;
import org.onosproject.net.device.DeviceProvider;
import org.onosproject.net.device.DeviceProviderService;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The simulated switches' device provider: a connecting switch is announced
 * with its ports and acknowledges the mastership role ONOS asks for; its
 * ports' statistics are reported periodically.
 */
final class SimDeviceProvider extends AbstractProvider implements DeviceProvider {

    private final SimSwitches switches;
    private final Consumer<SimSwitch> reconnect;
    private DeviceProviderService service;

    /**
     * @param id        the provider's id
     * @param switches  the switches
     * @param reconnect disconnects a connected switch and connects it again
     */
    SimDeviceProvider(ProviderId id, SimSwitches switches, Consumer<SimSwitch> reconnect) {
        super(id);
        this.switches = requireNonNull(switches);
        this.reconnect = requireNonNull(reconnect);
    }

    void setService(DeviceProviderService service) {
        this.service = requireNonNull(service);
    }

    /**
     * Connects a switch: it is announced with its ports.
     *
     * @param s the switch
     */
    void connected(SimSwitch s) {
        s.up = true;
        s.connectedAt = System.currentTimeMillis();
        DefaultAnnotations annotations = DefaultAnnotations.builder()
                .set(AnnotationKeys.NAME, s.name)
                .set(AnnotationKeys.PROTOCOL, "OF_13")
                .set(AnnotationKeys.MANAGEMENT_ADDRESS, "127.0.0.1")
                .set("channelId", "127.0.0.1:" + (40000 + (s.dpid & 0x3fff)))
                .build();
        service.deviceConnected(s.id, new DefaultDeviceDescription(URI.create(s.id.toString()),
                Device.Type.SWITCH, "FlowSocket", "Simulated switch", "1.0",
                String.valueOf(s.dpid), new ChassisId(s.dpid), annotations));
        service.updatePorts(s.id, s.portDescriptions());
    }

    /**
     * Disconnects a switch: ONOS marks it unavailable (DEVICE_AVAILABILITY_CHANGED).
     *
     * @param s the switch
     */
    void disconnected(SimSwitch s) {
        s.up = false;
        service.deviceDisconnected(s.id);
    }

    /**
     * Reports the port statistics of every connected switch. As ONOS 2.5.6
     * OpenFlowDeviceProvider.pushPortMetrics: every port of every connected
     * switch, through DeviceProviderService.updatePortStatistics, with the
     * traffic its rules forwarded until now.
     */
    void pushPortStatistics() {
        long now = System.currentTimeMillis();
        for (SimSwitch s : switches.all()) {
            if (s.up) {
                s.count(now, switches.traffic());
                service.updatePortStatistics(s.id, s.portStatistics(now));
            }
        }
    }

    @Override
    public void triggerProbe(DeviceId deviceId) {
        switches.later(Duration.ZERO, () -> {
            SimSwitch s = switches.connected(deviceId);
            if (s != null) {
                service.updatePorts(deviceId, s.portDescriptions());
            }
        });
    }

    @Override
    public void roleChanged(DeviceId deviceId, MastershipRole newRole) {
        // The switch accepts the role and says so, as an OpenFlow switch
        // answers a role request.
        switches.later(Duration.ZERO, () -> {
            if (switches.connected(deviceId) != null) {
                service.receivedRoleReply(deviceId, newRole, newRole);
            }
        });
    }

    @Override
    public boolean isReachable(DeviceId deviceId) {
        return switches.connected(deviceId) != null;
    }

    /**
     * A cable was cut or mended: the switch reports the port's link state
     * (OpenFlow PORT_STATUS; ONOS's OpenFlowDeviceProvider turns LINK_DOWN
     * into a disabled port, and DeviceManager posts PORT_UPDATED).
     *
     * @param port the switch port
     * @param up   whether its link is up
     */
    void linkState(ConnectPoint port, boolean up) {
        SimSwitch s = switches.connected(port.deviceId());
        if (s != null && s.ports.containsKey(port.port())) {
            s.ports.put(port.port(), up);
            service.portStatusChanged(port.deviceId(), s.portDescription(port.port(), up));
        }
    }

    @Override
    public void changePortState(DeviceId deviceId, PortNumber portNumber, boolean enable) {
        switches.later(Duration.ZERO, () -> {
            SimSwitch s = switches.connected(deviceId);
            if (s != null && s.ports.containsKey(portNumber)) {
                s.ports.put(portNumber, enable);
                service.portStatusChanged(deviceId, s.portDescription(portNumber, enable));
            }
        });
    }

    @Override
    public void triggerDisconnect(DeviceId deviceId) {
        switches.later(Duration.ZERO, () -> {
            SimSwitch s = switches.connected(deviceId);
            if (s != null) {
                reconnect.accept(s);
            }
        });
    }
}
