/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code ListFlows}: the flow handles of the whole cluster, optionally
 * filtered by owner, state or device.
 */
public final class ListFlowsCommand implements Command {

    /** Most handles one reply carries. */
    public static final int MAX_LIMIT = 10_000;

    private final QosFlowService flowService;
    private final QosFlowCodec json;
    private final ObjectMapper mapper;

    /**
     * Creates the command.
     *
     * @param flowService QoS flow service
     * @param json        flow renderer
     * @param mapper      JSON mapper
     */
    public ListFlowsCommand(QosFlowService flowService, QosFlowCodec json, ObjectMapper mapper) {
        this.flowService = flowService;
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

    /**
     * Renders a list of flows as ListFlows answers it.
     *
     * @param flows  the flows
     * @param limit  most flows to render; {@code truncated} says when there were more
     * @param json   renders one flow
     * @param mapper JSON mapper
     * @return {@code {"flows":[...]}}, with {@code "truncated":true} if cut
     */
    public static ObjectNode result(List<QosFlow> flows, int limit, Function<QosFlow, ObjectNode> json,
                                    ObjectMapper mapper) {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode rendered = result.putArray("flows");
        for (QosFlow flow : flows) {
            if (rendered.size() == limit) {
                result.put("truncated", true);
                break;
            }
            rendered.add(json.apply(flow));
        }
        return result;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "owner", "state", "deviceId", "limit");
        QosFlowFilter filter = QosFlowFilter.builder().owner(request.optText("owner").orElse(null))
                .state(request.optEnum("state", QosFlow.State.class).orElse(null))
                .deviceId(request.has("deviceId") ? request.deviceId("deviceId") : null).build();
        int limit = (int) request.integer("limit", 1, MAX_LIMIT, MAX_LIMIT);
        ObjectNode result = result(flowService.getFlows(filter), limit, f -> json.encode(f, false), mapper);
        return CompletableFuture.completedFuture(result);
    }
}
