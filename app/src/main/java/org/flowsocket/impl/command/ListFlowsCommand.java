/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.flow.FlowHandle;
import org.flowsocket.impl.flow.FlowHandleJson;
import org.flowsocket.impl.flow.FlowLifecycle;
import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.net.DeviceId;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ListFlows}: the flow handles of the whole cluster, optionally
 * filtered by owner, state or device.
 */
public final class ListFlowsCommand implements Command {

    /** Most handles one reply carries. */
    public static final int MAX_LIMIT = 10_000;

    private final FlowLifecycle lifecycle;
    private final FlowHandleJson json;
    private final ObjectMapper mapper;

    /**
     * Creates the command.
     *
     * @param lifecycle flow handle lifecycle
     * @param json      handle renderer
     * @param mapper    JSON mapper
     */
    public ListFlowsCommand(FlowLifecycle lifecycle, FlowHandleJson json, ObjectMapper mapper) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "ListFlows";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "owner", "state", "deviceId", "limit");
        Optional<String> owner = request.optText("owner");
        Optional<FlowHandle.State> state = request.optEnum("state", FlowHandle.State.class);
        DeviceId device = request.has("deviceId") ? request.deviceId("deviceId") : null;
        int limit = (int) request.integer("limit", 1, MAX_LIMIT, MAX_LIMIT);
        ObjectNode result = mapper.createObjectNode();
        ArrayNode flows = result.putArray("flows");
        for (FlowHandle handle : lifecycle.store().list()) {
            if (owner.map(o -> o.equals(handle.owner())).orElse(true)
                    && state.map(s -> s == handle.state()).orElse(true)
                    && (device == null || handle.touches(device))) {
                if (flows.size() == limit) {
                    result.put("truncated", true);
                    break;
                }
                flows.add(json.encode(handle, false));
            }
        }
        return CompletableFuture.completedFuture(result);
    }
}
