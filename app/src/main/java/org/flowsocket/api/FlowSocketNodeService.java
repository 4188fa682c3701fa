/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;

import java.util.Collection;
import java.util.Map;

/**
 * Adds and removes hosts and provisioned devices, as the AddNode and
 * RemoveNode commands do. Hosts are added through FlowSocket's own host
 * provider; devices through ONOS's network configuration. Errors are
 * {@link FlowSocketException}s (e.g. {@code DUPLICATE_NODE},
 * {@code UNKNOWN_DEVICE}, {@code UNKNOWN_PORT}).
 */
public interface FlowSocketNodeService {

    /**
     * Adds a host, or replaces it.
     *
     * @param host    the host
     * @param replace whether a host with the same MAC and VLAN is replaced
     *                rather than refused
     * @return the host as ONOS now has it
     */
    Host addHost(HostNode host, boolean replace);

    /**
     * Removes a host.
     *
     * @param hostId host id
     * @return the host as it was
     */
    Host removeHost(HostId hostId);

    /**
     * Provisions a device in ONOS's network configuration, or replaces its
     * configuration.
     *
     * @param device  the device
     * @param replace whether a known or provisioned device is updated rather
     *                than refused
     * @return the device's id
     */
    DeviceId provisionDevice(DeviceNode device, boolean replace);

    /**
     * Removes a device and its configuration.
     *
     * @param deviceId device id
     */
    void removeDevice(DeviceId deviceId);

    /**
     * Returns the bandwidth of links: capacity, and what network flows
     * reserved ({@code qos.bandwidthKbps}) in the whole cluster.
     *
     * @param links links, each direction on its own
     * @return bandwidth by link
     */
    Map<LinkKey, LinkBandwidth> linkBandwidth(Collection<Link> links);
}
