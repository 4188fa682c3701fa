/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketNodeService;
import org.flowsocket.impl.node.DeviceNodes;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;

/**
 * {@code RemoveNode}: removes a host, or a device with its configuration;
 * replies with the node as it was.
 */
public final class RemoveNodeCommand implements Command {

    private final FlowSocketNodeService nodeService;
    private final DeviceNodes devices;
    private final NodeJson json;

    /**
     * Creates the command.
     *
     * @param nodeService host and device provisioning
     * @param devices     device nodes, to render a device before it goes
     * @param json        node renderer
     */
    public RemoveNodeCommand(FlowSocketNodeService nodeService, DeviceNodes devices, NodeJson json) {
        this.nodeService = nodeService;
        this.devices = devices;
        this.json = json;
    }

    @Override
    public String name() {
        return "RemoveNode";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "hostId", "deviceId");
        NodeRef ref = NodeRef.of(request);
        ObjectNode removed;
        if (ref.isHost()) {
            removed = json.host(nodeService.removeHost(ref.hostId()));
        } else {
            if (!devices.isKnown(ref.deviceId())) {
                throw DeviceNodes.unknown(ref.deviceId());
            }
            removed = json.device(ref.deviceId());
            nodeService.removeDevice(ref.deviceId());
        }
        removed.put("state", NodeJson.REMOVED);
        return CompletableFuture.completedFuture(removed);
    }
}
