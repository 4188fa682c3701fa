/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import com.fasterxml.jackson.databind.JsonNode;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a network from JSON:
 * <pre>
 * {
 *   "linkSpeedMbps": 1000,
 *   "devices": [ {"id": "of:0000000000000001", "name": "s1", "ports": 4} ],
 *   "links":   [ {"src": "of:0000000000000001/2", "dst": "of:0000000000000002/2", "speedMbps": 100} ],
 *   "hosts":   [ {"mac": "00:00:00:00:00:01", "vlan": "None",
 *                 "ips": ["10.0.0.1"], "location": "of:0000000000000001/1"} ]
 * }
 * </pre>
 * {@code ports} is a count (ports 1..n) or a list of port numbers; ports used
 * by links and hosts are added in any case. Links are bidirectional. A link's
 * {@code speedMbps} is the port speed both its ends announce to ONOS (ONOS's
 * port speed is in Mb/s); {@code linkSpeedMbps} is that of links without one;
 * ports of no link, and links without either, announce
 * {@link NetworkSpec#DEFAULT_PORT_SPEED_MBPS}. A field the format does not
 * know is refused, so that a misspelt speed does not silently become the
 * default.
 */
final class JsonTopology {

    private static final Set<String> TOP_FIELDS = Set.of("devices", "links", "hosts", "linkSpeedMbps");
    private static final Set<String> DEVICE_FIELDS = Set.of("id", "name", "ports");
    private static final Set<String> LINK_FIELDS = Set.of("src", "dst", "speedMbps");
    private static final Set<String> HOST_FIELDS = Set.of("mac", "vlan", "ips", "location");

    private JsonTopology() {
    }

    /**
     * Reads a network.
     *
     * @param root JSON object
     * @return the network
     * @throws IllegalArgumentException if the JSON does not describe a network
     */
    static NetworkSpec parse(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("A topology is a JSON object with devices, links and hosts");
        }
        checkFields(root, "the topology", TOP_FIELDS);
        long defaultLinkSpeed = root.has("linkSpeedMbps")
                ? speedMbps(root.get("linkSpeedMbps"), "\"linkSpeedMbps\"")
                : NetworkSpec.DEFAULT_PORT_SPEED_MBPS;
        Map<DeviceId, String> names = new LinkedHashMap<>();
        Map<DeviceId, Set<PortNumber>> ports = new LinkedHashMap<>();
        for (JsonNode d : root.path("devices")) {
            checkFields(d, "device " + d, DEVICE_FIELDS);
            DeviceId id = DeviceId.deviceId(required(d, "id"));
            names.put(id, d.path("name").asText(id.toString()));
            Set<PortNumber> p = new LinkedHashSet<>();
            JsonNode pn = d.path("ports");
            if (pn.isInt()) {
                for (int i = 1; i <= pn.asInt(); i++) {
                    p.add(PortNumber.portNumber(i));
                }
            } else if (pn.isArray()) {
                pn.forEach(x -> p.add(PortNumber.portNumber(x.asLong())));
            }
            ports.put(id, p);
        }
        List<NetworkSpec.Link> links = new ArrayList<>();
        for (JsonNode l : root.path("links")) {
            checkFields(l, "link " + l, LINK_FIELDS);
            ConnectPoint src = ConnectPoint.deviceConnectPoint(required(l, "src"));
            ConnectPoint dst = ConnectPoint.deviceConnectPoint(required(l, "dst"));
            checkKnown(ports, src);
            checkKnown(ports, dst);
            ports.get(src.deviceId()).add(src.port());
            ports.get(dst.deviceId()).add(dst.port());
            long speed = l.has("speedMbps")
                    ? speedMbps(l.get("speedMbps"), "\"speedMbps\" of link " + src + "-" + dst)
                    : defaultLinkSpeed;
            links.add(new NetworkSpec.Link(src, dst, speed));
        }
        List<NetworkSpec.Host> hosts = new ArrayList<>();
        for (JsonNode h : root.path("hosts")) {
            checkFields(h, "host " + h, HOST_FIELDS);
            ConnectPoint loc = ConnectPoint.deviceConnectPoint(required(h, "location"));
            checkKnown(ports, loc);
            ports.get(loc.deviceId()).add(loc.port());
            Set<IpAddress> ips = new LinkedHashSet<>();
            h.path("ips").forEach(ip -> ips.add(IpAddress.valueOf(ip.asText())));
            hosts.add(new NetworkSpec.Host(MacAddress.valueOf(required(h, "mac")),
                    VlanId.vlanId(h.path("vlan").asText("None")), ips, loc));
        }
        return NetworkSpec.of(names, ports, links, hosts);
    }

    // A port speed: ONOS's PortDescription carries it as a whole number of Mb/s.
    private static long speedMbps(JsonNode value, String what) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < 1 || value.asLong() > NetworkSpec.MAX_PORT_SPEED_MBPS) {
            throw new IllegalArgumentException(what + " must be a whole number of Mb/s from 1 to "
                    + NetworkSpec.MAX_PORT_SPEED_MBPS + "; got " + value);
        }
        return value.asLong();
    }

    private static void checkFields(JsonNode n, String what, Set<String> known) {
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new IllegalArgumentException("Unknown field \"" + f + "\" in " + what
                        + "; known fields: " + String.join(", ", new TreeSet<>(known)));
            }
        });
    }

    private static String required(JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            throw new IllegalArgumentException("Missing \"" + field + "\" in " + n);
        }
        return n.get(field).asText();
    }

    private static void checkKnown(Map<DeviceId, Set<PortNumber>> ports, ConnectPoint cp) {
        if (!ports.containsKey(cp.deviceId())) {
            throw new IllegalArgumentException("Unknown device " + cp.deviceId() + " in " + cp);
        }
    }
}
