/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;

import static java.util.Objects.requireNonNull;

/**
 * The changes an administrator makes to the simulated network's topology (a
 * switch going down or coming back, a cable cut or mended, a host moving)
 * and what the providers tell ONOS of each, as switches and ONOS's OpenFlow,
 * LLDP and host location providers would. Used on the network's thread.
 */
final class TopologyChanges {

    private final SimSwitches switches;
    private final SimProviders providers;
    private final FlowStatistics flowStatistics;

    /**
     * @param switches       the switches
     * @param providers      the providers that tell ONOS
     * @param flowStatistics the switches' flow statistics
     */
    TopologyChanges(SimSwitches switches, SimProviders providers, FlowStatistics flowStatistics) {
        this.switches = requireNonNull(switches);
        this.providers = requireNonNull(providers);
        this.flowStatistics = requireNonNull(flowStatistics);
    }

    /**
     * Disconnects a switch if it is up; it keeps its flow table.
     *
     * @param deviceId the switch
     * @throws IllegalArgumentException if there is no such switch
     */
    void deviceDown(DeviceId deviceId) {
        SimSwitch s = switches.get(deviceId);
        if (s.up) {
            providers.disconnect(s);
        }
    }

    /**
     * Reconnects a switch if it is down, and reports its flow table at once.
     *
     * @param deviceId the switch
     * @throws IllegalArgumentException if there is no such switch
     */
    void deviceUp(DeviceId deviceId) {
        SimSwitch s = switches.get(deviceId);
        if (!s.up) {
            providers.connect(s);
            flowStatistics.push(s);
        }
    }

    /**
     * Cuts a link's cable: both ends report their port down, then the links
     * of both ports vanish. Nothing happens if it is cut already.
     *
     * @param one one end
     * @param two other end
     * @throws IllegalArgumentException if an end is not a port of a switch
     *                                  of the network or they are not the ends of a link
     */
    void linkDown(ConnectPoint one, ConnectPoint two) {
        checkPort(one);
        checkPort(two);
        if (!providers.links().isDown(one, two)) {
            providers.devices().linkState(one, false);
            providers.devices().linkState(two, false);
            providers.links().linkDown(one, two);
        }
    }

    /**
     * Mends a link's cable: both ends report their port up if it was cut,
     * and the link is discovered in both directions if both switches are up.
     *
     * @param one one end
     * @param two other end
     * @throws IllegalArgumentException if an end is not a port of a switch
     *                                  of the network or they are not the ends of a link
     */
    void linkUp(ConnectPoint one, ConnectPoint two) {
        checkPort(one);
        checkPort(two);
        if (providers.links().isDown(one, two)) {
            providers.devices().linkState(one, true);
            providers.devices().linkState(two, true);
        }
        providers.links().linkUp(one, two);
    }

    /**
     * Moves a host of the network to another switch port.
     *
     * @param hostId the host
     * @param to     its new location
     * @throws IllegalArgumentException if the network has no such host or port
     */
    void moveHost(HostId hostId, ConnectPoint to) {
        checkPort(to);
        if (!providers.hosts().move(hostId, to)) {
            throw new IllegalArgumentException("the network has no host " + hostId);
        }
    }

    // A port the network does not have is named as such, not as a missing link.
    private void checkPort(ConnectPoint port) {
        if (!switches.get(port.deviceId()).ports.containsKey(port.port())) {
            throw new IllegalArgumentException(port.deviceId() + " has no port " + port.port());
        }
    }
}
