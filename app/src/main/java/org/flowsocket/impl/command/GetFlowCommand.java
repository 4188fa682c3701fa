/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.impl.flow.FlowHandle;
import org.flowsocket.impl.flow.FlowHandleJson;
import org.flowsocket.impl.flow.FlowLifecycle;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;

/**
 * {@code GetFlow}: one flow handle with each rule's live state, counters
 * and ONOS flow JSON.
 */
public final class GetFlowCommand implements Command {

    private final FlowLifecycle lifecycle;
    private final FlowHandleJson json;

    /**
     * Creates the command.
     *
     * @param lifecycle flow handle lifecycle
     * @param json      handle renderer
     */
    public GetFlowCommand(FlowLifecycle lifecycle, FlowHandleJson json) {
        this.lifecycle = lifecycle;
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
        FlowHandle handle = lifecycle.store().get(flowId).orElseThrow(() -> FlowLifecycle.unknown(flowId));
        return CompletableFuture.completedFuture(json.encode(handle, true));
    }
}
