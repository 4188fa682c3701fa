/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.protocol.Messages;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.Device;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostAdminService;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.provider.ProviderId;

import java.util.Iterator;
import java.util.Map;
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

    private static final int MAX_IPS = 16;
    private static final int MAX_LOCATIONS = 8;
    private static final int MAX_ANNOTATIONS = 32;

    /** Longest annotation key; ONOS's own keys are short words such as "name". */
    static final int MAX_ANNOTATION_KEY_LENGTH = 64;

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
     * Adds (or, with {@code replace}, updates) a host.
     *
     * @param f the AddNode request
     * @return the host as ONOS now has it
     */
    public Host add(RequestFields f) {
        f.allowOnly("type", "id", "kind", "mac", "vlan", "ips", "location", "locations", "name",
                    "annotations", "replace");
        MacAddress mac = f.mac("mac");
        VlanId vlan = f.vlan("vlan");
        HostId hostId = HostId.hostId(mac, vlan);
        boolean replace = f.bool("replace", false);
        Host existing = hostService.getHost(hostId);
        if (!replace && existing != null) {
            throw new FlowSocketException(ErrorCode.DUPLICATE_NODE, "host " + hostId
                    + " exists already; send replace: true to update it", "mac", null);
        }
        Set<IpAddress> ips = ips(f, hostId);
        Set<HostLocation> locations = locations(f);
        DefaultAnnotations.Builder annotations = DefaultAnnotations.builder();
        f.optText("name").ifPresent(name -> annotations.set("name", name));
        f.optObject("annotations").ifPresent(a -> annotations(a, annotations));
        if (existing != null) {
            // ONOS's host store merges annotations: a replaced host drops those
            // the request leaves out only when they are marked removed.
            DefaultAnnotations given = annotations.build();
            existing.annotations().keys().stream().filter(k -> given.value(k) == null)
                    .forEach(annotations::remove);
        }
        providerService.hostDetected(hostId, new DefaultHostDescription(mac, vlan, locations, ips, true,
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
            throw new FlowSocketException(ErrorCode.UNKNOWN_HOST, "no host has id " + hostId, "hostId", null);
        }
        return host;
    }

    /**
     * Tells whether a host is reachable: its attachment switch is online.
     *
     * @param host the host
     * @return true if any location's device is available
     */
    public boolean isReachable(Host host) {
        return host.locations().stream().anyMatch(l -> deviceService.isAvailable(l.deviceId()));
    }

    private Set<IpAddress> ips(RequestFields f, HostId hostId) {
        if (!f.has("ips")) {
            return ImmutableSet.of();
        }
        ImmutableSet.Builder<IpAddress> ips = ImmutableSet.builder();
        int i = 0;
        for (JsonNode item : f.array("ips", MAX_IPS)) {
            String field = f.path("ips") + "[" + i++ + "]";
            IpAddress ip;
            try {
                ip = IpAddress.valueOf(item.isTextual() ? item.asText() : "");
            } catch (IllegalArgumentException e) {
                throw FlowSocketException.invalid(field, "is not an IP address: " + item);
            }
            for (Host other : hostService.getHostsByIp(ip)) {
                if (!other.id().equals(hostId)) {
                    throw new FlowSocketException(ErrorCode.DUPLICATE_NODE, "IP address " + ip
                            + " belongs to host " + other.id() + " already", field, null);
                }
            }
            ips.add(ip);
        }
        return ips.build();
    }

    private Set<HostLocation> locations(RequestFields f) {
        ImmutableSet.Builder<HostLocation> locations = ImmutableSet.builder();
        if (f.has("location")) {
            locations.add(location(f.object("location")));
        }
        if (f.has("locations")) {
            int i = 0;
            for (JsonNode item : f.array("locations", MAX_LOCATIONS)) {
                locations.add(location(f.element("locations", i++, item)));
            }
        }
        Set<HostLocation> result = locations.build();
        if (result.isEmpty()) {
            throw FlowSocketException.missing(f.path("location"));
        }
        return result;
    }

    private HostLocation location(RequestFields f) {
        f.allowOnly("deviceId", "port");
        Device device = deviceService.getDevice(f.deviceId("deviceId"));
        if (device == null) {
            throw new FlowSocketException(ErrorCode.UNKNOWN_DEVICE, "device " + f.text("deviceId")
                    + " is not known to ONOS", f.path("deviceId"), null);
        }
        PortNumber port = f.port("port");
        boolean devicePortsKnown = !deviceService.getPorts(device.id()).isEmpty();
        if (devicePortsKnown && deviceService.getPort(new ConnectPoint(device.id(), port)) == null) {
            throw new FlowSocketException(ErrorCode.UNKNOWN_PORT, "device " + device.id() + " has no port "
                    + port, f.path("port"), null);
        }
        return new HostLocation(device.id(), port, System.currentTimeMillis());
    }

    private static void annotations(RequestFields f, DefaultAnnotations.Builder annotations) {
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = f.node().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (++count > MAX_ANNOTATIONS) {
                throw new FlowSocketException(ErrorCode.TOO_LARGE, "at most " + MAX_ANNOTATIONS
                        + " annotations are accepted", f.location(), null);
            }
            String key = entry.getKey();
            if (key.isEmpty() || key.length() > MAX_ANNOTATION_KEY_LENGTH) {
                throw FlowSocketException.invalid(f.path(Messages.abbreviate(key, 64)), "is not an annotation key:"
                        + " keys have 1 to " + MAX_ANNOTATION_KEY_LENGTH + " characters");
            }
            annotations.set(key, f.text(key));
        }
    }
}
