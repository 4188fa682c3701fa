/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.Failures;
import org.flowsocket.impl.codec.FlowRuleJsonCodec;
import org.flowsocket.impl.codec.NetworkFlowSpecCodec;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.codec.RuleForms;
import org.flowsocket.impl.flow.QosFlowPlanner;
import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.codec.CodecContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code InstallFlow}: installs either ONOS flow JSON ({@code flows} or
 * {@code flow}, as ONOS's REST API takes it) or a network QoS flow
 * ({@code network}) as one batch, and replies with the flow handle once
 * the switches confirmed it.
 */
public final class InstallFlowCommand implements Command {

    private final QosFlowService flowService;
    private final CodecContext codecs;
    private final RuleForms ruleForms;
    private final QosFlowCodec json;

    /**
     * Creates the command.
     *
     * @param flowService QoS flow service
     * @param codecs      ONOS codec context, for flow JSON
     * @param forms       where the rules' JSON is left for their stored form
     * @param json        flow renderer
     */
    public InstallFlowCommand(QosFlowService flowService, CodecContext codecs, RuleForms forms, QosFlowCodec json) {
        this.flowService = flowService;
        this.codecs = codecs;
        this.ruleForms = forms;
        this.json = json;
    }

    @Override
    public String name() {
        return "InstallFlow";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "flows", "flow", "deviceId", "network", "confirm", "timeoutMs");
        request.exactlyOne("network", "flows", "flow", "network");
        if (request.has("network") && request.has("deviceId")) {
            // deviceId completes the rules of flows and flow; a network flow would silently ignore it
            throw FlowSocketException.invalid("deviceId", "applies to flows and flow only; a network flow's"
                    + " devices come from its path");
        }
        ConfirmOptions options = ConfirmOptions.parse(request);
        QosFlowRequest.Builder flow = QosFlowRequest.builder().owner(session.client().user())
                .confirm(options.confirm()).timeoutMillis(options.timeoutMillis());
        if (request.has("network")) {
            flow.network(NetworkFlowSpecCodec.decode(request.object("network")));
            return flowService.install(flow.build()).thenApply(h -> json.encode(h, false));
        }
        String field = request.has("flows") ? "flows" : "flow";
        flow.rules(FlowRuleJsonCodec.decode(request, field, codecs, ruleForms));
        // The service names the rules it was given "rules"; the client sent them as field.
        return flowService.install(flow.build()).handle((h, error) -> {
            if (error == null) {
                return json.encode(h, false);
            }
            Throwable cause = Failures.unwrap(error);
            if (cause instanceof FlowSocketException
                    && QosFlowPlanner.RULES_FIELD.equals(((FlowSocketException) cause).field())) {
                throw ((FlowSocketException) cause).aboutField(field);
            }
            throw error instanceof CompletionException ? (CompletionException) error : new CompletionException(error);
        });
    }
}
