/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;

/**
 * {@code GetFlow}: one flow handle with each rule's live state, counters
 * and ONOS flow JSON.
 */
public final class GetFlowCommand implements Command {

    private final QosFlowService flowService;
    private final QosFlowCodec json;

    /**
     * Creates the command.
     *
     * @param flowService QoS flow service
     * @param json        flow renderer
     */
    public GetFlowCommand(QosFlowService flowService, QosFlowCodec json) {
        this.flowService = flowService;
        this.json = json;
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
        return CompletableFuture.completedFuture(json.encode(flow, true));
    }
}
