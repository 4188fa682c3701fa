/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.flow.RouteFinder;
import org.flowsocket.impl.node.DeviceNodes;
import org.flowsocket.impl.node.HostNodes;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.packet.IpAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.HostService;

import java.util.concurrent.CompletableFuture;

/**
 * {@code GetNode}: one host (by {@code hostId} or {@code ip}) or device. It
 * reads ONOS's services only, so the console's {@code flowsocket-get-node}
 * looks nodes up with it too.
 */
public final class GetNodeCommand implements Command {

    private final HostService hostService;
    private final DeviceService deviceService;
    private final NetworkConfigService networkConfigService;
    private final RouteFinder routes;
    private final NodeJson json;

    /**
     * Creates the command.
     *
     * @param hostService          ONOS host service
     * @param deviceService        ONOS device service
     * @param networkConfigService ONOS network configuration service
     * @param routes               resolves IP addresses to hosts
     * @param json                 node renderer
     */
    public GetNodeCommand(HostService hostService, DeviceService deviceService,
                          NetworkConfigService networkConfigService, RouteFinder routes, NodeJson json) {
        this.hostService = hostService;
        this.deviceService = deviceService;
        this.networkConfigService = networkConfigService;
        this.routes = routes;
        this.json = json;
    }

    @Override
    public String name() {
        return "GetNode";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "hostId", "deviceId", "ip");
        if ("ip".equals(request.exactlyOne("hostId", "ip", "hostId", "deviceId"))) {
            return CompletableFuture.completedFuture(hostWithIp(request.ip("ip"), "ip"));
        }
        NodeRef ref = NodeRef.of(request);
        return CompletableFuture.completedFuture(ref.isHost() ? host(ref.hostId()) : device(ref.deviceId()));
    }

    /**
     * Renders a host.
     *
     * @param hostId the host
     * @return the node
     * @throws FlowSocketException UNKNOWN_HOST if ONOS has no such host
     */
    public ObjectNode host(HostId hostId) {
        Host host = hostService.getHost(hostId);
        if (host == null) {
            throw HostNodes.unknown(hostId);
        }
        return json.host(host);
    }

    /**
     * Renders the one host that has an IP address.
     *
     * @param ip    the address
     * @param field request field or option that named it, for errors
     * @return the node
     * @throws FlowSocketException UNKNOWN_HOST if no host has it, INVALID_FIELD if several have
     */
    public ObjectNode hostWithIp(IpAddress ip, String field) {
        return json.host(routes.hostOf(ip, field));
    }

    /**
     * Renders a device, connected or only provisioned.
     *
     * @param deviceId the device
     * @return the node
     * @throws FlowSocketException UNKNOWN_DEVICE if ONOS neither has nor configures it
     */
    public ObjectNode device(DeviceId deviceId) {
        if (!DeviceNodes.isKnown(deviceId, deviceService, networkConfigService)) {
            throw DeviceNodes.unknown(deviceId);
        }
        return json.device(deviceId);
    }
}
