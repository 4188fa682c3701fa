/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.node;

import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.HostNode;
import org.onlab.packet.IpAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostAdminService;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.provider.ProviderId;

import java.util.List;
import java.util.Set;

/**
 * Adds and removes hosts. Hosts enter ONOS through FlowSocket's own
 * {@link HostProvider}, as they do through ONOS's REST API.
 */
public final class HostNodes implements HostProvider {

    /**
     * Provider id of the hosts FlowSocket adds. ONOS's provider registries
     * accept one primary provider per URI scheme (AbstractProviderRegistry),
     * and ONOS's NetworkConfigHostProvider and REST hosts resource hold
     * {@code host}: FlowSocket uses a scheme of its own.
     */
    public static final ProviderId PROVIDER_ID = new ProviderId("flowsocket", FlowSocketService.APP_NAME);

    private final HostService hostService;
    private final HostAdminService hostAdminService;
    private final DeviceService deviceService;
    private final HostProviderRegistry registry;
    private final HostProviderService providerService;

    /**
     * Registers the provider.
     *
     * @param registry         ONOS host provider registry
     * @param hostService      ONOS host service
     * @param hostAdminService ONOS host admin service
     * @param deviceService    ONOS device service
     */
    public HostNodes(HostProviderRegistry registry, HostService hostService, HostAdminService hostAdminService,
                     DeviceService deviceService) {
        this.registry = registry;
        this.hostService = hostService;
        this.hostAdminService = hostAdminService;
        this.deviceService = deviceService;
        this.providerService = registry.register(this);
    }

    /** Unregisters the provider. */
    public void close() {
        registry.unregister(this);
    }

    @Override
    public ProviderId id() {
        return PROVIDER_ID;
    }

    @Override
    public void triggerProbe(Host host) {
        // Hosts added by clients are not probed: they are what the client said.
    }

    /**
     * Adds or replaces a host, as ONOS's host providers report one.
     *
     * @param node    the host
     * @param replace whether an existing host is replaced rather than refused
     * @return the host as ONOS now has it
     */
    public Host add(HostNode node, boolean replace) {
        HostId hostId = node.id();
        Host existing = hostService.getHost(hostId);
        if (!replace && existing != null) {
            throw new FlowSocketException(ErrorCode.DUPLICATE_NODE, "host " + hostId
                    + " exists already; send replace: true to update it", "mac", null);
        }
        checkIps(node.ips(), hostId);
        Set<HostLocation> locations = locations(node.locations());
        DefaultAnnotations.Builder annotations = DefaultAnnotations.builder();
        node.annotations().forEach(annotations::set);
        if (existing != null) {
            // ONOS's host store merges annotations: a replaced host drops those
            // the request leaves out only when they are marked removed.
            existing.annotations().keys().stream().filter(k -> !node.annotations().containsKey(k))
                    .forEach(annotations::remove);
        }
        providerService.hostDetected(hostId, new DefaultHostDescription(node.mac(), node.vlan(), locations,
                                                                        ImmutableSet.copyOf(node.ips()), true,
                                                                        annotations.build()), true);
        Host host = hostService.getHost(hostId);
        if (host == null) {
            throw new FlowSocketException(ErrorCode.INTERNAL_ERROR, "ONOS did not accept host " + hostId);
        }
        return host;
    }

    /**
     * Removes a host.
     *
     * @param hostId host id
     * @return the host as it was
     */
    public Host remove(HostId hostId) {
        Host host = get(hostId);
        hostAdminService.removeHost(hostId);
        return host;
    }

    /**
     * Returns a host.
     *
     * @param hostId host id
     * @return the host
     */
    public Host get(HostId hostId) {
        Host host = hostService.getHost(hostId);
        if (host == null) {
            throw unknown(hostId);
        }
        return host;
    }

    /**
     * Builds the error for an unknown host.
     *
     * @param hostId the host id
     * @return the error
     */
    public static FlowSocketException unknown(HostId hostId) {
        return new FlowSocketException(ErrorCode.UNKNOWN_HOST, "no host has id " + hostId, "hostId", null);
    }

    // An IP address belongs to one host.
    private void checkIps(List<IpAddress> ips, HostId hostId) {
        for (int i = 0; i < ips.size(); i++) {
            for (Host other : hostService.getHostsByIp(ips.get(i))) {
                if (!other.id().equals(hostId)) {
                    throw new FlowSocketException(ErrorCode.DUPLICATE_NODE, "IP address " + ips.get(i)
                            + " belongs to host " + other.id() + " already", "ips[" + i + "]", null);
                }
            }
        }
    }

    private Set<HostLocation> locations(List<ConnectPoint> points) {
        ImmutableSet.Builder<HostLocation> locations = ImmutableSet.builder();
        for (int i = 0; i < points.size(); i++) {
            ConnectPoint point = points.get(i);
            String field = "locations[" + i + "]";
            if (deviceService.getDevice(point.deviceId()) == null) {
                throw new FlowSocketException(ErrorCode.UNKNOWN_DEVICE, "device " + point.deviceId()
                        + " is not known to ONOS", field + ".deviceId", null);
            }
            boolean devicePortsKnown = !deviceService.getPorts(point.deviceId()).isEmpty();
            if (devicePortsKnown && deviceService.getPort(point) == null) {
                throw new FlowSocketException(ErrorCode.UNKNOWN_PORT, "device " + point.deviceId() + " has no port "
                        + point.port(), field + ".port", null);
            }
            locations.add(new HostLocation(point, System.currentTimeMillis()));
        }
        return locations.build();
    }
}
