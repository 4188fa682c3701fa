/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.protocol.RequestFields;
import org.flowsocket.impl.stats.StatsRequest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code Subscribe} and {@code Unsubscribe}: change the topics whose
 * events the session receives; reply with all topics now subscribed, and
 * the {@code stats} options in force when the stats topic is one of them.
 * Subscribe with the stats topic sets its options (defaults for those not
 * given), replacing earlier ones.
 */
public final class SubscriptionCommand implements Command {

    private static final String STATS = Topic.STATS.protocolName();

    private final boolean subscribe;
    private final ObjectMapper mapper;
    private final Consumer<StatsRequest> statsSubscribed;

    /**
     * Creates the command.
     *
     * @param subscribe       true for Subscribe, false for Unsubscribe
     * @param mapper          JSON mapper
     * @param statsSubscribed told of each new stats request, once the session holds it
     */
    public SubscriptionCommand(boolean subscribe, ObjectMapper mapper, Consumer<StatsRequest> statsSubscribed) {
        this.subscribe = subscribe;
        this.mapper = mapper;
        this.statsSubscribed = statsSubscribed;
    }

    @Override
    public String name() {
        return subscribe ? "Subscribe" : "Unsubscribe";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        if (subscribe) {
            request.allowOnly("type", "id", "topics", "stats");
        } else {
            request.allowOnly("type", "id", "topics");
        }
        ArrayNode array = request.array("topics", Topic.values().length);
        ImmutableSet.Builder<String> builder = ImmutableSet.builder();
        for (int i = 0; i < array.size(); i++) {
            builder.add(topic(array.get(i), request.path("topics") + "[" + i + "]"));
        }
        Set<String> topics = builder.build();
        StatsRequest stats = null;
        if (subscribe && topics.contains(STATS)) {
            stats = request.optObject("stats").map(StatsRequest::parse).orElse(StatsRequest.DEFAULT);
        } else if (request.has("stats")) {
            throw FlowSocketException.invalid(request.path("stats"), "applies only with the topic stats in topics");
        }
        Set<String> now;
        if (subscribe) {
            if (stats != null) {
                session.setStatsRequest(stats);
            }
            now = session.subscribe(topics);
            if (stats != null) {
                statsSubscribed.accept(stats);
            }
        } else {
            now = session.unsubscribe(topics);
            if (topics.contains(STATS)) {
                session.setStatsRequest(null);
            }
        }
        ObjectNode result = mapper.createObjectNode();
        ArrayNode subscribed = result.putArray("topics");
        now.stream().sorted().forEach(subscribed::add);
        if (now.contains(STATS) && session.statsRequest() != null) {
            result.set("stats", session.statsRequest().toJson(mapper));
        }
        return CompletableFuture.completedFuture(result);
    }

    private static String topic(JsonNode item, String field) {
        String name = item.isTextual() ? item.asText().toLowerCase(Locale.ROOT) : "";
        for (Topic topic : Topic.values()) {
            if (topic.protocolName().equals(name)) {
                return name;
            }
        }
        throw FlowSocketException.invalid(field, "must be one of " + Arrays.stream(Topic.values())
                .map(Topic::protocolName).collect(Collectors.joining(", ")));
    }
}
