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

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code Subscribe} and {@code Unsubscribe}: change the topics whose
 * events the session receives; reply with all topics now subscribed.
 */
public final class SubscriptionCommand implements Command {

    private final boolean subscribe;
    private final ObjectMapper mapper;

    /**
     * Creates the command.
     *
     * @param subscribe true for Subscribe, false for Unsubscribe
     * @param mapper    JSON mapper
     */
    public SubscriptionCommand(boolean subscribe, ObjectMapper mapper) {
        this.subscribe = subscribe;
        this.mapper = mapper;
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
        request.allowOnly("type", "id", "topics");
        ArrayNode array = request.array("topics", Topic.values().length);
        ImmutableSet.Builder<String> topics = ImmutableSet.builder();
        for (int i = 0; i < array.size(); i++) {
            topics.add(topic(array.get(i), request.path("topics") + "[" + i + "]"));
        }
        Set<String> now = subscribe ? session.subscribe(topics.build()) : session.unsubscribe(topics.build());
        ObjectNode result = mapper.createObjectNode();
        ArrayNode subscribed = result.putArray("topics");
        now.stream().sorted().forEach(subscribed::add);
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
