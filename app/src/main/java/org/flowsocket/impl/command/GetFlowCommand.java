/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.protocol.RequestFields;
import org.flowsocket.impl.stats.TrafficStatistics;

import java.util.List;

import java.util.concurrent.CompletableFuture;

/**
 * {@code GetFlow}: one flow handle with each rule's live state, counters
 * and ONOS flow JSON, and its traffic over ONOS's latest statistics period
 * ({@code traffic}, as a FLOW_STATS event gives it).
 */
public final class GetFlowCommand implements Command {

    private final QosFlowService flowService;
    private final QosFlowCodec json;
    private final TrafficStatistics traffic;
    private final ObjectMapper mapper;

    /**
     * Creates the command.
     *
     * @param flowService QoS flow service
     * @param json        flow renderer
     * @param traffic     traffic statistics
     * @param mapper      JSON mapper
     */
    public GetFlowCommand(QosFlowService flowService, QosFlowCodec json, TrafficStatistics traffic,
                          ObjectMapper mapper) {
        this.flowService = flowService;
        this.json = json;
        this.traffic = traffic;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "GetFlow";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "flowId");
        String flowId = request.text("flowId");
        QosFlow flow = flowService.getFlow(flowId).orElseThrow(() -> FlowSocketException.unknownFlow(flowId));
        ObjectNode result = json.encode(flow, true);
        ObjectNode measured = traffic.encode(traffic.latestTraffic(List.of(flow)).get(0));
        measured.remove("flowId");
        result.set("traffic", measured);
        return CompletableFuture.completedFuture(result);
    }
}
