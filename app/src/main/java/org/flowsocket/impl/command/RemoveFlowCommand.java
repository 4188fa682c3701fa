/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;

/**
 * {@code RemoveFlow}: removes every rule and meter of a flow handle and
 * replies once the switches confirmed; {@code force} forgets the handle
 * even if they do not.
 */
public final class RemoveFlowCommand implements Command {

    private final QosFlowService flowService;
    private final QosFlowCodec json;

    /**
     * Creates the command.
     *
     * @param flowService QoS flow service
     * @param json        flow renderer
     */
    public RemoveFlowCommand(QosFlowService flowService, QosFlowCodec json) {
        this.flowService = flowService;
        this.json = json;
    }

    @Override
    public String name() {
        return "RemoveFlow";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "flowId", "force", "confirm", "timeoutMs");
        String flowId = request.text("flowId");
        boolean force = request.bool("force", false);
        ConfirmOptions options = ConfirmOptions.parse(request);
        QosFlow flow = flowService.getFlow(flowId).orElseThrow(() -> FlowSocketException.unknownFlow(flowId));
        CompletableFuture<JsonNode> removal = flowService.remove(flowId, force, options.timeoutMillis())
                .thenApply(removed -> withState(removed, "REMOVED"));
        // A removal refused at once (e.g. under way already) is told even without confirm.
        return options.confirm() || removal.isCompletedExceptionally() ? removal
                : CompletableFuture.completedFuture(withState(flow, "REMOVING"));
    }

    private JsonNode withState(QosFlow flow, String state) {
        ObjectNode result = json.encode(flow, false);
        result.put("state", state);
        return result;
    }
}
