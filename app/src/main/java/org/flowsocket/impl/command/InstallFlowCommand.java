/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.NetworkFlowSpecCodec;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.flow.QosFlowPlanner;
import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code InstallFlow}: installs either ONOS flow JSON ({@code flows} or
 * {@code flow}, as ONOS's REST API takes it) or a network QoS flow
 * ({@code network}) as one batch, and replies with the flow handle once
 * the switches confirmed it.
 */
public final class InstallFlowCommand implements Command {

    /** Most rules one request may carry. */
    public static final int MAX_RULES = 1000;

    private final QosFlowService flowService;
    private final CodecContext codecs;
    private final QosFlowCodec json;

    /**
     * Creates the command.
     *
     * @param flowService QoS flow service
     * @param codecs      ONOS codec context, for flow JSON
     * @param json        flow renderer
     */
    public InstallFlowCommand(QosFlowService flowService, CodecContext codecs, QosFlowCodec json) {
        this.flowService = flowService;
        this.codecs = codecs;
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
        int forms = (request.has("flows") ? 1 : 0) + (request.has("flow") ? 1 : 0) + (request.has("network") ? 1 : 0);
        if (forms != 1) {
            throw new FlowSocketException(ErrorCode.MISSING_FIELD,
                                          "give exactly one of flows, flow and network", "network", null);
        }
        ConfirmOptions options = ConfirmOptions.parse(request);
        QosFlowRequest.Builder flow = QosFlowRequest.builder().owner(session.client().user())
                .confirm(options.confirm()).timeoutMillis(options.timeoutMillis());
        if (request.has("network")) {
            flow.network(NetworkFlowSpecCodec.decode(request.object("network")));
            return flowService.install(flow.build()).thenApply(h -> json.encode(h, false));
        }
        String field = request.has("flows") ? "flows" : "flow";
        flow.rules(deviceFlows(request, field));
        // The service names the rules it was given "rules"; the client sent them as field.
        return flowService.install(flow.build()).handle((h, error) -> {
            if (error == null) {
                return json.encode(h, false);
            }
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof FlowSocketException
                    && QosFlowPlanner.RULES_FIELD.equals(((FlowSocketException) cause).field())) {
                FlowSocketException e = (FlowSocketException) cause;
                throw new FlowSocketException(e.code(), e.getMessage(), field, e.details(), e.flowId());
            }
            throw error instanceof CompletionException ? (CompletionException) error : new CompletionException(error);
        });
    }

    private List<FlowRule> deviceFlows(RequestFields request, String field) {
        List<FlowRule> rules = new ArrayList<>();
        if (request.has("flows")) {
            JsonNode items = request.array(field, MAX_RULES);
            for (int i = 0; i < items.size(); i++) {
                rules.add(decode(request.element(field, i, items.get(i)), request));
            }
        } else {
            rules.add(decode(request.object(field), request));
        }
        if (rules.isEmpty()) {
            throw FlowSocketException.invalid(field, "must hold at least one flow");
        }
        return rules;
    }

    // ONOS's own FlowRule codec reads the flow, as POST /onos/v1/flows does;
    // the rule always belongs to FlowSocket so that its handle can track it.
    /** Longest flow timeout, in seconds: OpenFlow's timeouts are 16-bit. */
    static final int MAX_FLOW_TIMEOUT = 65535;

    /** Highest OpenFlow table number (255 means all tables). */
    static final int MAX_TABLE_ID = 254;

    private FlowRule decode(RequestFields flow, RequestFields request) {
        // The request was parsed for this call alone: the flow's own node is
        // completed in place for ONOS's codec (a copy per rule cost more
        // than the rest of FlowSocket's checks).
        ObjectNode copy = flow.node();
        if (!copy.has("deviceId") && request.has("deviceId")) {
            copy.put("deviceId", request.deviceId("deviceId").toString());
        }
        RequestFields checked = RequestFields.of(copy);
        if (!checked.has("deviceId")) {
            throw FlowSocketException.missing(flow.path("deviceId"));
        }
        if (flow.has("deviceId")) {
            flow.deviceId("deviceId");
        }
        flow.integer("priority", 0, 65535);
        // ONOS's codec reads these with asInt()/asBoolean(): 2^31 wraps to a
        // negative timeout and "yes" reads as false, and a table id out of
        // OpenFlow's range is stored and then refused by the switch.
        flow.optInteger("timeout", 0, MAX_FLOW_TIMEOUT);
        flow.bool("isPermanent", false);
        checkTableId(flow);
        if (!copy.has("isPermanent")) {
            copy.put("isPermanent", !copy.has("timeout"));
        }
        copy.put("appId", FlowSocketService.APP_NAME);
        try {
            return codecs.codec(FlowRule.class).decode(copy, codecs);
        } catch (IllegalArgumentException e) {
            // ONOS's codecs say which member is wrong in their messages
            throw FlowSocketException.invalid(flow.location(),
                                              "is not a flow ONOS can read: " + e.getMessage());
        } catch (RuntimeException e) {
            // other failures carry no message meant for a client
            throw FlowSocketException.invalid(flow.location(), "is not a flow ONOS can read");
        }
    }

    // A table is an OpenFlow table number (0 to 254; 255 means "all tables")
    // or, for P4 devices, a table name.
    private static void checkTableId(RequestFields flow) {
        if (!flow.has("tableId")) {
            return;
        }
        JsonNode table = flow.node().get("tableId");
        if (table.isTextual() && !table.asText().matches("-?\\d+")) {
            flow.text("tableId");
            return;
        }
        boolean number = table.isIntegralNumber() || table.isTextual();
        long id = table.isTextual() && table.asText().length() <= 10 ? Long.parseLong(table.asText())
                : table.canConvertToLong() ? table.asLong() : -1;
        if (!number || id < 0 || id > MAX_TABLE_ID) {
            throw FlowSocketException.invalid(flow.path("tableId"), "must be a table number from 0 to "
                    + MAX_TABLE_ID + " or a P4 table name");
        }
    }
}
