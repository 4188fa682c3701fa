/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BasicDeviceConfig;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.HostService;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ListNodes}: hosts and devices, optionally of one kind or attached
 * to one device, at most {@code limit} of each.
 */
public final class ListNodesCommand implements Command {

    /** Most nodes of each kind one reply carries. */
    public static final int MAX_LIMIT = 10_000;

    private final HostService hostService;
    private final DeviceService deviceService;
    private final NetworkConfigService networkConfigService;
    private final NodeJson json;
    private final ObjectMapper mapper;

    /**
     * Creates the command.
     *
     * @param hostService          ONOS host service
     * @param deviceService        ONOS device service
     * @param networkConfigService ONOS network configuration service
     * @param json                 node renderer
     * @param mapper               JSON mapper
     */
    public ListNodesCommand(HostService hostService, DeviceService deviceService,
                            NetworkConfigService networkConfigService, NodeJson json, ObjectMapper mapper) {
        this.hostService = hostService;
        this.deviceService = deviceService;
        this.networkConfigService = networkConfigService;
        this.json = json;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "ListNodes";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "kind", "deviceId", "limit");
        NodeKind kind = request.optEnum("kind", NodeKind.class).orElse(null);
        DeviceId attachedTo = request.has("deviceId") ? request.deviceId("deviceId") : null;
        int limit = (int) request.integer("limit", 1, MAX_LIMIT, MAX_LIMIT);
        return CompletableFuture.completedFuture(list(kind, attachedTo, request.path("deviceId"), limit));
    }

    /**
     * Lists nodes as ListNodes replies: {@code hosts} and {@code devices},
     * {@code truncated} past the limit.
     *
     * @param kind          host or device, null for both
     * @param attachedTo    keeps the hosts attached to this device, or null
     * @param attachedField request field or option that named the device, for errors
     * @param limit         most nodes of each kind
     * @return the reply's result
     * @throws FlowSocketException INVALID_FIELD if a device is given with kind device
     */
    public ObjectNode list(NodeKind kind, DeviceId attachedTo, String attachedField, int limit) {
        if (attachedTo != null && kind == NodeKind.DEVICE) {
            throw FlowSocketException.invalid(attachedField, "filters hosts only; drop it or kind");
        }
        ObjectNode result = mapper.createObjectNode();
        if (kind != NodeKind.DEVICE) {
            ArrayNode hosts = result.putArray("hosts");
            Iterable<Host> source = attachedTo == null ? hostService.getHosts()
                    : hostService.getConnectedHosts(attachedTo);
            for (Host host : source) {
                if (hosts.size() == limit) {
                    result.put("truncated", true);
                    break;
                }
                hosts.add(json.host(host));
            }
        }
        if (kind != NodeKind.HOST && attachedTo == null) {
            ArrayNode devices = result.putArray("devices");
            for (DeviceId id : deviceIds(deviceService, networkConfigService)) {
                if (devices.size() == limit) {
                    result.put("truncated", true);
                    break;
                }
                devices.add(json.device(id));
            }
        }
        return result;
    }

    /**
     * Returns the devices ListNodes lists: those ONOS has and those only
     * provisioned so far, in id order.
     *
     * @param deviceService        ONOS device service
     * @param networkConfigService ONOS network configuration service
     * @return device ids
     */
    public static Set<DeviceId> deviceIds(DeviceService deviceService, NetworkConfigService networkConfigService) {
        Set<DeviceId> ids = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Device device : deviceService.getDevices()) {
            ids.add(device.id());
        }
        ids.addAll(networkConfigService.getSubjects(DeviceId.class, BasicDeviceConfig.class));
        return ids;
    }
}
