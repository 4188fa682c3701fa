/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSortedSet;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.Objects;
import java.util.Set;

import static com.google.common.base.MoreObjects.toStringHelper;

/**
 * What one session asked of the {@code stats} topic: how often, which flow
 * handles (none named: all), and whether links too. Immutable and small:
 * at most {@value #MAX_FLOW_IDS} flow ids.
 */
public final class StatsRequest {

    /** Shortest interval, ms. */
    public static final int MIN_INTERVAL_MS = 1000;
    /** Longest interval, ms. */
    public static final int MAX_INTERVAL_MS = 60_000;
    /** Interval when none is given, ms: ONOS's own flow and port statistics period. */
    public static final int DEFAULT_INTERVAL_MS = 5000;
    /** Most flow ids one subscription names. */
    public static final int MAX_FLOW_IDS = 100;

    /** All flows, no links, every {@value #DEFAULT_INTERVAL_MS} ms. */
    public static final StatsRequest DEFAULT = new StatsRequest(DEFAULT_INTERVAL_MS, ImmutableSortedSet.of(), false);

    private final int intervalMs;
    private final Set<String> flowIds;
    private final boolean links;

    private StatsRequest(int intervalMs, Set<String> flowIds, boolean links) {
        this.intervalMs = intervalMs;
        this.flowIds = flowIds;
        this.links = links;
    }

    /**
     * Reads the {@code stats} options of a Subscribe request.
     *
     * @param options the {@code stats} object
     * @return the request
     * @throws FlowSocketException if an option is unknown or out of range
     */
    public static StatsRequest parse(RequestFields options) {
        options.allowOnly("intervalMs", "flowIds", "links");
        long interval = options.integer("intervalMs", MIN_INTERVAL_MS, MAX_INTERVAL_MS, DEFAULT_INTERVAL_MS);
        if (interval % 1000 != 0) {
            // Whole seconds bound the samplers one node runs to sixty.
            throw FlowSocketException.invalid(options.path("intervalMs"),
                    "must be a whole number of seconds (a multiple of 1000), not " + interval);
        }
        ImmutableSortedSet.Builder<String> ids = ImmutableSortedSet.naturalOrder();
        if (options.has("flowIds")) {
            JsonNode array = options.array("flowIds", MAX_FLOW_IDS);
            for (int i = 0; i < array.size(); i++) {
                JsonNode id = array.get(i);
                if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > RequestFields.MAX_TEXT_LENGTH) {
                    throw FlowSocketException.invalid(options.path("flowIds") + "[" + i + "]",
                            "must be a flow id (a non-empty string)");
                }
                ids.add(id.asText());
            }
        }
        return new StatsRequest((int) interval, ids.build(), options.bool("links", false));
    }

    /** @return interval between two events of a flow or link, ms */
    public int intervalMs() {
        return intervalMs;
    }

    /** @return flow ids asked for; empty for all */
    public Set<String> flowIds() {
        return flowIds;
    }

    /** @return whether LINK_STATS are wanted */
    public boolean links() {
        return links;
    }

    /**
     * Tells whether a flow's statistics are wanted.
     *
     * @param flowId flow handle id
     * @return true if the request names it or names none
     */
    public boolean wants(String flowId) {
        return flowIds.isEmpty() || flowIds.contains(flowId);
    }

    /**
     * Renders the request as the Subscribe reply echoes it.
     *
     * @param mapper JSON mapper
     * @return {@code {"intervalMs":..,"flowIds":[..],"links":..}}
     */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("intervalMs", intervalMs);
        flowIds.forEach(json.putArray("flowIds")::add);
        json.put("links", links);
        return json;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StatsRequest)) {
            return false;
        }
        StatsRequest that = (StatsRequest) o;
        return intervalMs == that.intervalMs && links == that.links && flowIds.equals(that.flowIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intervalMs, flowIds, links);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("intervalMs", intervalMs).add("flowIds", flowIds.size())
                .add("links", links).toString();
    }
}
