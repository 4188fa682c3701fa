/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Link;
import org.onosproject.net.Port;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BandwidthCapacity;
import org.onosproject.net.device.DeviceService;

/**
 * The capacity of links as ONOS knows it: per port, ONOS's
 * {@code bandwidthCapacity} port configuration where set, else the speed the
 * port reports (as ONOS 2.5.6 ResourceDeviceListener.queryBandwidth, which
 * ONOS's resource service registers port bandwidth from); per link, the
 * smaller of its two ports.
 */
public final class LinkCapacities {

    private final DeviceService deviceService;
    private final NetworkConfigService networkConfigService;

    /**
     * Creates the view.
     *
     * @param deviceService        ONOS device service
     * @param networkConfigService ONOS network configuration service
     */
    public LinkCapacities(DeviceService deviceService, NetworkConfigService networkConfigService) {
        this.deviceService = deviceService;
        this.networkConfigService = networkConfigService;
    }

    /**
     * Returns a link's capacity.
     *
     * @param link the link
     * @return kb/s; 0 if ONOS knows neither port
     */
    public long capacityKbps(Link link) {
        return Math.min(capacityKbps(link.src()), capacityKbps(link.dst()));
    }

    /**
     * Returns a port's capacity.
     *
     * @param point the port
     * @return kb/s; 0 if ONOS does not know the port
     */
    public long capacityKbps(ConnectPoint point) {
        BandwidthCapacity config = networkConfigService.getConfig(point, BandwidthCapacity.class);
        if (config != null && config.capacity() != null) {
            return (long) (config.capacity().bps() / 1000);
        }
        Port port = deviceService.getPort(point.deviceId(), point.port());
        // ONOS reports port speed in Mb/s.
        return port == null ? 0 : port.portSpeed() * 1000;
    }
}
