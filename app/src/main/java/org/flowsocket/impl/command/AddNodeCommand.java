/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.DeviceNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketNodeService;
import org.flowsocket.api.HostNode;
import org.flowsocket.impl.codec.DeviceNodeCodec;
import org.flowsocket.impl.codec.HostNodeCodec;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;

/**
 * {@code AddNode}: adds a host, or provisions a device; replies with the
 * node as ONOS now sees it.
 */
public final class AddNodeCommand implements Command {

    private final FlowSocketNodeService nodeService;
    private final NodeJson json;

    /**
     * Creates the command.
     *
     * @param nodeService host and device provisioning
     * @param json        node renderer
     */
    public AddNodeCommand(FlowSocketNodeService nodeService, NodeJson json) {
        this.nodeService = nodeService;
        this.json = json;
    }

    @Override
    public String name() {
        return "AddNode";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        NodeKind kind = NodeKind.of(request);
        JsonNode node;
        if (kind == NodeKind.HOST) {
            HostNode host = HostNodeCodec.decode(request);
            try {
                node = json.host(nodeService.addHost(host, request.bool("replace", false)));
            } catch (FlowSocketException e) {
                throw HostNodeCodec.asRequestField(e, request);
            }
        } else {
            DeviceNode device = DeviceNodeCodec.decode(request);
            try {
                node = json.device(nodeService.provisionDevice(device, request.bool("replace", false)));
            } catch (FlowSocketException e) {
                throw DeviceNodeCodec.asRequestField(e, request);
            }
        }
        return CompletableFuture.completedFuture(node);
    }
}
