/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.protocol.RequestFields;
import org.flowsocket.impl.stats.TrafficStatistics;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ListFlows}: the flow handles of the whole cluster, optionally
 * filtered by owner, state or device; with {@code "sort":"bitRate"}, the
 * busiest first, each with its bit rate over ONOS's latest statistics
 * period.
 */
public final class ListFlowsCommand implements Command {

    /** Most handles one reply carries. */
    public static final int MAX_LIMIT = 10_000;

    /** The one sort order besides the store's: busiest first. */
    public static final String SORT_BIT_RATE = "bitRate";

    private final QosFlowService flowService;
    private final QosFlowCodec json;
    private final TrafficStatistics traffic;
    private final ObjectMapper mapper;

    /**
     * Creates the command.
     *
     * @param flowService QoS flow service
     * @param json        flow renderer
     * @param traffic     traffic statistics, for sorting by rate
     * @param mapper      JSON mapper
     */
    public ListFlowsCommand(QosFlowService flowService, QosFlowCodec json, TrafficStatistics traffic,
                            ObjectMapper mapper) {
        this.flowService = flowService;
        this.json = json;
        this.traffic = traffic;
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
        request.allowOnly("type", "id", "owner", "state", "deviceId", "limit", "sort");
        QosFlowFilter filter = QosFlowFilter.builder().owner(request.optText("owner").orElse(null))
                .state(request.optEnum("state", QosFlow.State.class).orElse(null))
                .deviceId(request.has("deviceId") ? request.deviceId("deviceId") : null).build();
        int limit = (int) request.integer("limit", 1, MAX_LIMIT, MAX_LIMIT);
        Optional<String> sort = request.optText("sort");
        if (sort.isPresent() && !SORT_BIT_RATE.equals(sort.get())) {
            throw FlowSocketException.invalid(request.path("sort"), "must be " + SORT_BIT_RATE);
        }
        List<QosFlow> flows = flowService.getFlows(filter);
        if (sort.isEmpty()) {
            return CompletableFuture.completedFuture(result(flows, limit, f -> json.encode(f, false), mapper));
        }
        Map<String, Long> bitRates = new HashMap<>();
        traffic.latestTraffic(flows).forEach(t -> bitRates.put(t.flowId(), t.bitRate()));
        List<QosFlow> busiestFirst = flows.stream()
                .sorted(Comparator.comparingLong((QosFlow f) -> bitRates.get(f.id())).reversed()
                                .thenComparing(QosFlow::id))
                .collect(Collectors.toList());
        return CompletableFuture.completedFuture(result(busiestFirst, limit,
                f -> json.encode(f, false).put(SORT_BIT_RATE, bitRates.get(f.id())), mapper));
    }
}
