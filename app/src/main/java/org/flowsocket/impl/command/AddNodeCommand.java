/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.impl.node.DeviceNodes;
import org.flowsocket.impl.node.HostNodes;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;

/**
 * {@code AddNode}: adds a host, or provisions a device; replies with the
 * node as ONOS now sees it.
 */
public final class AddNodeCommand implements Command {

    private final HostNodes hosts;
    private final DeviceNodes devices;
    private final NodeJson json;

    /**
     * Creates the command.
     *
     * @param hosts   host nodes
     * @param devices device nodes
     * @param json    node renderer
     */
    public AddNodeCommand(HostNodes hosts, DeviceNodes devices, NodeJson json) {
        this.hosts = hosts;
        this.devices = devices;
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
        JsonNode node = kind == NodeKind.HOST
                ? json.host(hosts.add(request))
                : json.device(devices.add(request));
        return CompletableFuture.completedFuture(node);
    }
}
