/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.flow.RouteFinder;
import org.flowsocket.impl.node.DeviceNodes;
import org.flowsocket.impl.node.HostNodes;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;

/**
 * {@code GetNode}: one host (by {@code hostId} or {@code ip}) or device.
 */
public final class GetNodeCommand implements Command {

    private final HostNodes hosts;
    private final DeviceNodes devices;
    private final RouteFinder routes;
    private final NodeJson json;

    /**
     * Creates the command.
     *
     * @param hosts   host nodes
     * @param devices device nodes
     * @param routes  resolves IP addresses to hosts
     * @param json    node renderer
     */
    public GetNodeCommand(HostNodes hosts, DeviceNodes devices, RouteFinder routes, NodeJson json) {
        this.hosts = hosts;
        this.devices = devices;
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
        if (request.has("ip")) {
            for (String other : new String[]{"hostId", "deviceId"}) {
                if (request.has(other)) {
                    throw FlowSocketException.invalid(other, "cannot be given with ip; give exactly one of"
                            + " hostId, deviceId and ip");
                }
            }
            return CompletableFuture.completedFuture(json.host(routes.hostOf(request.ip("ip"), "ip")));
        }
        NodeRef ref = NodeRef.of(request);
        if (ref.isHost()) {
            return CompletableFuture.completedFuture(json.host(hosts.get(ref.hostId())));
        }
        if (!devices.isKnown(ref.deviceId())) {
            throw DeviceNodes.unknown(ref.deviceId());
        }
        return CompletableFuture.completedFuture(json.device(ref.deviceId()));
    }
}
