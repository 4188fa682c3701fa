/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.flow.FlowHandle;
import org.flowsocket.impl.flow.FlowHandleJson;
import org.flowsocket.impl.flow.FlowLifecycle;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * {@code RemoveFlow}: removes every rule and meter of a flow handle and
 * replies once the switches confirmed; {@code force} forgets the handle
 * even if they do not.
 */
public final class RemoveFlowCommand implements Command {

    private final FlowLifecycle lifecycle;
    private final FlowHandleJson json;
    private final LongSupplier defaultTimeoutMillis;

    /**
     * Creates the command.
     *
     * @param lifecycle            flow handle lifecycle
     * @param json                 handle renderer
     * @param defaultTimeoutMillis confirmation wait when the request names none
     */
    public RemoveFlowCommand(FlowLifecycle lifecycle, FlowHandleJson json, LongSupplier defaultTimeoutMillis) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.defaultTimeoutMillis = defaultTimeoutMillis;
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
        ConfirmOptions options = ConfirmOptions.parse(request, defaultTimeoutMillis);
        FlowHandle handle = lifecycle.store().get(flowId).orElseThrow(() -> FlowLifecycle.unknown(flowId));
        CompletableFuture<JsonNode> removal = lifecycle.remove(flowId, force, options.timeoutMillis())
                .thenApply(removed -> withState(removed, "REMOVED"));
        return options.confirm() ? removal : CompletableFuture.completedFuture(withState(handle, "REMOVING"));
    }

    private JsonNode withState(FlowHandle handle, String state) {
        ObjectNode result = json.encode(handle, false);
        result.put("state", state);
        return result;
    }
}
