/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.HostNode;
import org.flowsocket.impl.protocol.Messages;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.packet.IpAddress;
import org.onosproject.net.ConnectPoint;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host of an AddNode request ({@code kind: host}), as {@link HostNode}.
 * The request gives one {@code location}, a {@code locations} array, or
 * both; the host's locations are that one followed by the array.
 */
public final class HostNodeCodec {

    /** Most IP addresses of one host. */
    static final int MAX_IPS = 16;
    /** Most locations of one host. */
    static final int MAX_LOCATIONS = 8;
    /** Most annotations of one host. */
    static final int MAX_ANNOTATIONS = 32;
    /** Longest annotation key; ONOS's own keys are short words such as "name". */
    static final int MAX_ANNOTATION_KEY_LENGTH = 64;

    private static final Pattern LOCATION_FIELD = Pattern.compile("locations\\[(\\d+)\\](.*)");

    private HostNodeCodec() {
    }

    /**
     * Reads and validates the host of an AddNode request.
     *
     * @param f the request
     * @return the host
     * @throws FlowSocketException naming the offending field
     */
    public static HostNode decode(RequestFields f) {
        f.allowOnly("type", "id", "kind", "mac", "vlan", "ips", "location", "locations", "name",
                    "annotations", "replace");
        HostNode.Builder host = HostNode.builder(f.mac("mac")).vlan(f.vlan("vlan"));
        if (f.has("ips")) {
            int i = 0;
            for (JsonNode item : f.array("ips", MAX_IPS)) {
                String field = f.path("ips") + "[" + i++ + "]";
                try {
                    host.ip(IpAddress.valueOf(item.isTextual() ? item.asText() : ""));
                } catch (IllegalArgumentException e) {
                    throw FlowSocketException.invalid(field, "is not an IP address: " + item);
                }
            }
        }
        int locations = 0;
        if (f.has("location")) {
            host.location(location(f.object("location")));
            locations++;
        }
        if (f.has("locations")) {
            JsonNode items = f.array("locations", MAX_LOCATIONS);
            for (int i = 0; i < items.size(); i++) {
                host.location(location(f.element("locations", i, items.get(i))));
            }
            locations += items.size();
        }
        if (locations == 0) {
            throw FlowSocketException.missing(f.path("location"));
        }
        if (locations > MAX_LOCATIONS) {
            throw new FlowSocketException(ErrorCode.TOO_LARGE, "a host has at most " + MAX_LOCATIONS
                    + " locations, location and locations together", f.path("locations"), null);
        }
        f.optText("name").ifPresent(name -> host.annotation("name", name));
        f.optObject("annotations").ifPresent(a -> annotations(a, host));
        return host.build();
    }

    /**
     * Names a field of a host's error as the request did: the host's
     * location {@code i} is the request's {@code location} or an element of
     * its {@code locations}.
     *
     * @param error   the host's error
     * @param request the request the host was read from
     * @return the error about the request's field
     */
    public static FlowSocketException asRequestField(FlowSocketException error, RequestFields request) {
        Matcher m = error.field() == null ? null : LOCATION_FIELD.matcher(error.field());
        if (m == null || !m.matches() || !request.has("location")) {
            return error;
        }
        int index = Integer.parseInt(m.group(1));
        String field = index == 0 ? "location" + m.group(2) : "locations[" + (index - 1) + "]" + m.group(2);
        return error.aboutField(field);
    }

    private static ConnectPoint location(RequestFields f) {
        f.allowOnly("deviceId", "port");
        return new ConnectPoint(f.deviceId("deviceId"), f.port("port"));
    }

    private static void annotations(RequestFields f, HostNode.Builder host) {
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = f.node().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (++count > MAX_ANNOTATIONS) {
                throw new FlowSocketException(ErrorCode.TOO_LARGE, "at most " + MAX_ANNOTATIONS
                        + " annotations are accepted", f.location(), null);
            }
            String key = entry.getKey();
            if (key.isEmpty() || key.length() > MAX_ANNOTATION_KEY_LENGTH) {
                throw FlowSocketException.invalid(f.path(Messages.abbreviate(key, 64)), "is not an annotation key:"
                        + " keys have 1 to " + MAX_ANNOTATION_KEY_LENGTH + " characters");
            }
            host.annotation(key, f.text(key));
        }
    }
}
