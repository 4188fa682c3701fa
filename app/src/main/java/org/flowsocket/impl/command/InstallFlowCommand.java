/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.impl.flow.FlowHandle;
import org.flowsocket.impl.flow.FlowHandleJson;
import org.flowsocket.impl.flow.FlowLifecycle;
import org.flowsocket.impl.flow.Hop;
import org.flowsocket.impl.flow.MeterAllocation;
import org.flowsocket.impl.flow.MeterAllocator;
import org.flowsocket.impl.flow.MeterRef;
import org.flowsocket.impl.flow.NetworkFlowSpec;
import org.flowsocket.impl.flow.QosRuleBuilder;
import org.flowsocket.impl.flow.RouteFinder;
import org.flowsocket.impl.protocol.ErrorCode;
import org.flowsocket.impl.protocol.FlowSocketException;
import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.meter.MeterId;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code InstallFlow}: installs either ONOS flow JSON ({@code flows} or
 * {@code flow}, as ONOS's REST API takes it) or a network QoS flow
 * ({@code network}) as one batch, and replies with the flow handle once
 * the switches confirmed it.
 */
public final class InstallFlowCommand implements Command {

    /** Most rules one request may carry. */
    public static final int MAX_RULES = 1000;

    private final FlowLifecycle lifecycle;
    private final RouteFinder routes;
    private final QosRuleBuilder ruleBuilder;
    private final MeterAllocator meters;
    private final CodecContext codecs;
    private final FlowHandleJson json;
    private final LongSupplier defaultTimeoutMillis;

    /**
     * Creates the command.
     *
     * @param lifecycle            flow handle lifecycle
     * @param routes               host and path resolution
     * @param ruleBuilder          per-hop rule builder
     * @param meters               meter allocator
     * @param codecs               ONOS codec context, for flow JSON
     * @param json                 handle renderer
     * @param defaultTimeoutMillis confirmation wait when the request names none
     */
    public InstallFlowCommand(FlowLifecycle lifecycle, RouteFinder routes, QosRuleBuilder ruleBuilder,
                              MeterAllocator meters, CodecContext codecs, FlowHandleJson json,
                              LongSupplier defaultTimeoutMillis) {
        this.lifecycle = lifecycle;
        this.routes = routes;
        this.ruleBuilder = ruleBuilder;
        this.meters = meters;
        this.codecs = codecs;
        this.json = json;
        this.defaultTimeoutMillis = defaultTimeoutMillis;
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
        ConfirmOptions options = ConfirmOptions.parse(request, defaultTimeoutMillis);
        CompletableFuture<FlowHandle> installed = request.has("network")
                ? networkFlow(request.object("network"), session, options)
                : lifecycle.install(deviceFlows(request, session), options.confirm(), options.timeoutMillis());
        return installed.thenApply(h -> json.encode(h, false));
    }

    private FlowHandle deviceFlows(RequestFields request, CommandSession session) {
        List<FlowRule> rules = new ArrayList<>();
        String field;
        if (request.has("flows")) {
            field = "flows";
            JsonNode items = request.array(field, MAX_RULES);
            for (int i = 0; i < items.size(); i++) {
                rules.add(decode(request.element(field, i, items.get(i)), request));
            }
        } else {
            field = "flow";
            rules.add(decode(request.object(field), request));
        }
        if (rules.isEmpty()) {
            throw FlowSocketException.invalid(field, "must hold at least one flow");
        }
        lifecycle.checkInstallable(rules, field);
        return FlowHandle.builder().id(lifecycle.store().nextId()).kind(FlowHandle.Kind.DEVICE)
                .owner(session.client().user()).rules(rules).build();
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

    private CompletableFuture<FlowHandle> networkFlow(RequestFields network, CommandSession session,
                                                      ConfirmOptions options) {
        NetworkFlowSpec spec = NetworkFlowSpec.parse(network);
        Host src = routes.hostOf(spec.src(), network.path("src"));
        Host dst = routes.hostOf(spec.dst(), network.path("dst"));
        List<List<Hop>> directions = new ArrayList<>();
        directions.add(routes.hops(src, dst));
        if (spec.bidirectional()) {
            directions.add(routes.hops(dst, src));
        }
        lifecycle.checkInstallable(rules(spec, directions, Map.of()), "network");
        MeterAllocation allocation = spec.meterKbps().isPresent()
                ? meters.allocate(devicesOf(directions), spec.meterKbps().get(), spec.meterBurstKb().orElse(null),
                                  options.timeoutMillis())
                : MeterAllocation.none();
        FlowHandle handle;
        try {
            Map<DeviceId, MeterId> meterOf = allocation.meters().stream()
                    .collect(Collectors.toMap(MeterRef::deviceId, MeterRef::meterId));
            handle = FlowHandle.builder().id(lifecycle.store().nextId()).kind(FlowHandle.Kind.NETWORK)
                    .owner(session.client().user()).spec(spec.toJson(codecs.mapper()).toString())
                    .rules(rules(spec, directions, meterOf)).meters(allocation.meters()).build();
        } catch (RuntimeException e) {
            meters.release(allocation.meters());
            throw e;
        }
        return lifecycle.install(handle, allocation.installed(), options.confirm(), options.timeoutMillis());
    }

    private List<FlowRule> rules(NetworkFlowSpec spec, List<List<Hop>> directions, Map<DeviceId, MeterId> meterOf) {
        ImmutableList.Builder<FlowRule> rules = ImmutableList.builder();
        NetworkFlowSpec direction = spec;
        for (List<Hop> hops : directions) {
            for (Hop hop : hops) {
                rules.add(ruleBuilder.rule(direction, hop, meterOf.get(hop.deviceId())));
            }
            direction = direction.reverse();
        }
        return rules.build();
    }

    private static Set<DeviceId> devicesOf(List<List<Hop>> directions) {
        Set<DeviceId> devices = new LinkedHashSet<>();
        directions.forEach(hops -> hops.forEach(hop -> devices.add(hop.deviceId())));
        return devices;
    }
}
