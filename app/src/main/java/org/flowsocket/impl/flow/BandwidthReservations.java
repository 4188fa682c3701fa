/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.onlab.util.KryoNamespace;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The bandwidth network flows reserve on links, in ONOS's distributed store
 * so that every node agrees. All reservations are one value of one
 * ConsistentMap key, changed with the map's atomic compute: a reservation
 * checks and takes every link of its path in one step, so two concurrent
 * reservations that fit only one at a time cannot both succeed.
 */
public final class BandwidthReservations {

    static final String MAP_NAME = "flowsocket-bandwidth";
    private static final String KEY = "links";

    private final ConsistentMap<String, String> map;
    private final ObjectMapper mapper;

    /**
     * Opens the reservations.
     *
     * @param storageService ONOS storage service
     * @param mapper         JSON mapper
     */
    public BandwidthReservations(StorageService storageService, ObjectMapper mapper) {
        // Stored as JSON text (link -> flow -> kb/s), the same for every ONOS release.
        this.map = storageService.<String, String>consistentMapBuilder().withName(MAP_NAME)
                .withSerializer(Serializer.using(KryoNamespace.newBuilder()
                        .nextId(KryoNamespace.INITIAL_ID)
                        // ONOS's TestConsistentMap (under the sandbox and the tests)
                        // copies a Versioned value through the map's serializer.
                        .register(Versioned.class)
                        .build(MAP_NAME)))
                .build();
        this.mapper = mapper;
    }

    /**
     * Reserves a rate on links for a flow, in place of what it reserved
     * before (its own old reservation does not count against it).
     *
     * @param flowId      the flow
     * @param links       every link the flow crosses, each direction on its own
     * @param kbps        the rate
     * @param capacityOf  each link's capacity, kb/s
     * @throws FlowSocketException {@code NO_CAPACITY} naming the first link
     *                             without room; nothing is reserved then
     */
    public void reserve(String flowId, Collection<Link> links, long kbps, ToLongFunction<Link> capacityOf) {
        try {
            compute(flowId, links, kbps, capacityOf);
        } catch (ConsistentMapException e) {
            // ONOS's synchronous map wraps what the change threw.
            if (e.getCause() instanceof FlowSocketException) {
                throw (FlowSocketException) e.getCause();
            }
            throw e;
        }
    }

    private void compute(String flowId, Collection<Link> links, long kbps, ToLongFunction<Link> capacityOf) {
        map.compute(KEY, (k, stored) -> {
            Map<String, Map<String, Long>> table = read(stored);
            remove(table, flowId);
            for (Link link : links) {
                String key = key(LinkKey.linkKey(link));
                long capacity = capacityOf.applyAsLong(link);
                long reserved = sum(table.get(key));
                if (reserved + kbps > capacity) {
                    throw noCapacity(link, capacity, reserved, kbps);
                }
            }
            links.forEach(l -> table.computeIfAbsent(key(LinkKey.linkKey(l)), x -> new TreeMap<>())
                    .put(flowId, kbps));
            return write(table);
        });
    }

    /**
     * Releases whatever a flow reserved.
     *
     * @param flowId the flow
     */
    public void release(String flowId) {
        map.computeIfPresent(KEY, (k, stored) -> {
            Map<String, Map<String, Long>> table = read(stored);
            return remove(table, flowId) ? write(table) : stored;
        });
    }

    /**
     * Returns what every link has reserved, all flows together.
     *
     * @return kb/s by link
     */
    public Map<LinkKey, Long> reservedKbps() {
        Versioned<String> stored = map.get(KEY);
        ImmutableMap.Builder<LinkKey, Long> out = ImmutableMap.builder();
        read(stored == null ? null : stored.value()).forEach((link, flows) -> out.put(linkKey(link), sum(flows)));
        return out.build();
    }

    /**
     * Returns what a link has reserved for flows other than one.
     *
     * @param all    every link's reservations, from {@link #reservedBy()}
     * @param link   the link
     * @param flowId the flow not to count, or null
     * @return kb/s
     */
    static long reservedByOthers(Map<LinkKey, Map<String, Long>> all, Link link, String flowId) {
        Map<String, Long> flows = all.getOrDefault(LinkKey.linkKey(link), Map.of());
        return flows.entrySet().stream().filter(e -> !e.getKey().equals(flowId))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Returns every link's reservations, flow by flow.
     *
     * @return kb/s by flow by link
     */
    public Map<LinkKey, Map<String, Long>> reservedBy() {
        Versioned<String> stored = map.get(KEY);
        Map<LinkKey, Map<String, Long>> out = new HashMap<>();
        read(stored == null ? null : stored.value()).forEach((link, flows) -> out.put(linkKey(link), flows));
        return out;
    }

    /**
     * Builds the error of a link without room.
     *
     * @param link     the bottleneck
     * @param capacity its capacity, kb/s
     * @param reserved what others reserved on it, kb/s
     * @param kbps     what the flow needs, kb/s
     * @return {@code NO_CAPACITY} with the figures in its details
     */
    FlowSocketException noCapacity(Link link, long capacity, long reserved, long kbps) {
        ObjectNode details = mapper.createObjectNode();
        details.put("link", name(link));
        details.put("capacityKbps", capacity);
        details.put("reservedKbps", reserved);
        details.put("availableKbps", Math.max(0, capacity - reserved));
        details.put("requestedKbps", kbps);
        return new FlowSocketException(ErrorCode.NO_CAPACITY, "link " + name(link)
                + " has " + Math.max(0, capacity - reserved) + " kb/s available (capacity " + capacity
                + " kb/s, " + reserved + " kb/s reserved); the flow needs " + kbps + " kb/s",
                "network.qos.bandwidthKbps", details);
    }

    private static boolean remove(Map<String, Map<String, Long>> table, String flowId) {
        boolean changed = false;
        for (Iterator<Map<String, Long>> it = table.values().iterator(); it.hasNext(); ) {
            Map<String, Long> flows = it.next();
            changed |= flows.remove(flowId) != null;
            if (flows.isEmpty()) {
                it.remove();
            }
        }
        return changed;
    }

    private static long sum(Map<String, Long> flows) {
        return flows == null ? 0 : flows.values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Map<String, Long>> read(String stored) {
        Map<String, Map<String, Long>> table = new TreeMap<>();
        if (stored == null) {
            return table;
        }
        try {
            JsonNode json = mapper.readTree(stored);
            json.fields().forEachRemaining(link -> {
                Map<String, Long> flows = new TreeMap<>();
                link.getValue().fields().forEachRemaining(f -> flows.put(f.getKey(), f.getValue().asLong()));
                table.put(link.getKey(), flows);
            });
            return table;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable bandwidth reservations: " + stored, e);
        }
    }

    private String write(Map<String, Map<String, Long>> table) {
        ObjectNode json = mapper.createObjectNode();
        table.forEach((link, flows) -> {
            ObjectNode f = json.putObject(link);
            flows.forEach(f::put);
        });
        return json.toString();
    }

    /**
     * Names a direction of a link as errors and ListLinks do.
     *
     * @param link the link
     * @return e.g. {@code of:0000000000000001/2-of:0000000000000002/2}
     */
    public static String name(Link link) {
        return link.src() + "-" + link.dst();
    }

    // A direction of a link as stored: its ends separated by a space, which no connect point holds.
    private static String key(LinkKey link) {
        return link.src() + " " + link.dst();
    }

    private static LinkKey linkKey(String key) {
        int space = key.indexOf(' ');
        return LinkKey.linkKey(ConnectPoint.deviceConnectPoint(key.substring(0, space)),
                               ConnectPoint.deviceConnectPoint(key.substring(space + 1)));
    }
}
