/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.node.DeviceNodes;
import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.link.LinkService;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * {@code ListLinks}: the infrastructure links ONOS knows, one entry per
 * direction, optionally those of one device or in one state.
 */
public final class ListLinksCommand implements Command {

    /** Most links one reply carries. */
    public static final int MAX_LIMIT = 10_000;

    private final LinkService linkService;
    private final DeviceService deviceService;
    private final CodecContext codecs;

    /**
     * Creates the command.
     *
     * @param linkService   ONOS link service
     * @param deviceService ONOS device service
     * @param codecs        ONOS codec context, for link JSON
     */
    public ListLinksCommand(LinkService linkService, DeviceService deviceService, CodecContext codecs) {
        this.linkService = linkService;
        this.deviceService = deviceService;
        this.codecs = codecs;
    }

    @Override
    public String name() {
        return "ListLinks";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "deviceId", "state", "limit");
        DeviceId deviceId = request.has("deviceId") ? request.deviceId("deviceId") : null;
        Link.State state = request.optEnum("state", Link.State.class).orElse(null);
        int limit = (int) request.integer("limit", 1, MAX_LIMIT, MAX_LIMIT);
        List<Link> links = links(linkService, deviceService, deviceId, state);
        ObjectNode result = codecs.mapper().createObjectNode();
        ArrayNode array = result.putArray("links");
        links.stream().limit(limit).forEach(l -> array.add(codecs.codec(Link.class).encode(l, codecs)));
        result.put("truncated", links.size() > limit);
        return CompletableFuture.completedFuture(result);
    }

    /**
     * Selects links as ListLinks does; the shell's links command too.
     *
     * @param linkService   ONOS link service
     * @param deviceService ONOS device service
     * @param deviceId      only the links leaving or entering this device, or null for all
     * @param state         only links in this state, or null for any
     * @return links ordered by source, then destination
     * @throws org.flowsocket.api.FlowSocketException UNKNOWN_DEVICE if ONOS has no such device
     */
    public static List<Link> links(LinkService linkService, DeviceService deviceService, DeviceId deviceId,
                                   Link.State state) {
        Iterable<Link> source;
        if (deviceId != null) {
            if (deviceService.getDevice(deviceId) == null) {
                throw DeviceNodes.unknown(deviceId);
            }
            source = linkService.getDeviceLinks(deviceId);
        } else {
            source = linkService.getLinks();
        }
        return StreamSupport.stream(source.spliterator(), false)
                .filter(l -> state == null || l.state() == state)
                .sorted(Comparator.comparing((Link l) -> l.src().toString()).thenComparing(l -> l.dst().toString()))
                .collect(Collectors.toList());
    }
}
