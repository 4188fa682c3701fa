/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of a simulated network: switches with ports, bidirectional links
 * between switch ports, and hosts attached to switch ports.
 * <p>
 * Made from a topology option ({@link #parse(String)}):
 * <ul>
 * <li>{@code linear,N}: N switches in a chain, one host on port 1 of each,
 * numbered as Mininet numbers its linear topology (switch i reaches switch i-1
 * on port 2 and switch i+1 on port 3; the first switch reaches the second on
 * port 2);</li>
 * <li>{@code ring,N}: N switches (at least 3) in a cycle, one host on port 1
 * of each; switch i reaches switch i+1, and switch N switch 1, by its next
 * free port, so every pair of switches has two disjoint paths;</li>
 * <li>{@code tree,DEPTH,FANOUT}: Mininet's tree: switches numbered in pre-order,
 * children on ports 1..FANOUT, the uplink on port FANOUT+1, hosts at the
 * leaves;</li>
 * <li>{@code none}: an empty network;</li>
 * <li>a path to a JSON file:
 * <pre>
 * {
 *   "devices": [ {"id": "of:0000000000000001", "name": "s1", "ports": 4} ],
 *   "links":   [ {"src": "of:0000000000000001/2", "dst": "of:0000000000000002/2"} ],
 *   "hosts":   [ {"mac": "00:00:00:00:00:01", "vlan": "None",
 *                 "ips": ["10.0.0.1"], "location": "of:0000000000000001/1"} ]
 * }
 * </pre>
 * {@code ports} is a count (ports 1..n) or a list of port numbers; ports used
 * by links and hosts are added in any case. Links are bidirectional.</li>
 * </ul>
 * Switch i has datapath id i and device id {@code of:%016x}; host k has MAC
 * {@code 00:00:00:00:00:k} and IP {@code 10.0.0.k}, as in Mininet.
 */
public final class NetworkSpec {

    /** A switch. */
    public static final class Switch {
        private final DeviceId id;
        private final String name;
        private final Set<PortNumber> ports;

        Switch(DeviceId id, String name, Set<PortNumber> ports) {
            this.id = id;
            this.name = name;
            this.ports = Collections.unmodifiableSet(ports);
        }

        /** @return device id */
        public DeviceId id() {
            return id;
        }

        /** @return switch name, e.g. s1 */
        public String name() {
            return name;
        }

        /** @return port numbers */
        public Set<PortNumber> ports() {
            return ports;
        }
    }

    /** A bidirectional link between two switch ports. */
    public static final class Link {
        private final ConnectPoint one;
        private final ConnectPoint two;

        Link(ConnectPoint one, ConnectPoint two) {
            this.one = one;
            this.two = two;
        }

        /** @return one end */
        public ConnectPoint one() {
            return one;
        }

        /** @return the other end */
        public ConnectPoint two() {
            return two;
        }
    }

    /** A host attached to a switch port. */
    public static final class Host {
        private final MacAddress mac;
        private final VlanId vlan;
        private final Set<IpAddress> ips;
        private final ConnectPoint location;

        Host(MacAddress mac, VlanId vlan, Set<IpAddress> ips, ConnectPoint location) {
            this.mac = mac;
            this.vlan = vlan;
            this.ips = Collections.unmodifiableSet(ips);
            this.location = location;
        }

        /** @return MAC address */
        public MacAddress mac() {
            return mac;
        }

        /** @return VLAN */
        public VlanId vlan() {
            return vlan;
        }

        /** @return IP addresses */
        public Set<IpAddress> ips() {
            return ips;
        }

        /** @return where it is attached */
        public ConnectPoint location() {
            return location;
        }
    }

    private final List<Switch> switches;
    private final List<Link> links;
    private final List<Host> hosts;

    private NetworkSpec(List<Switch> switches, List<Link> links, List<Host> hosts) {
        this.switches = Collections.unmodifiableList(switches);
        this.links = Collections.unmodifiableList(links);
        this.hosts = Collections.unmodifiableList(hosts);
    }

    /** @return switches */
    public List<Switch> switches() {
        return switches;
    }

    /** @return bidirectional links */
    public List<Link> links() {
        return links;
    }

    /** @return hosts */
    public List<Host> hosts() {
        return hosts;
    }

    /**
     * Parses a topology option: {@code linear,N}, {@code ring,N}, {@code tree,DEPTH,FANOUT},
     * {@code none}, or the path of a JSON file.
     *
     * @param option topology option
     * @return the network
     * @throws IllegalArgumentException if the option is malformed
     */
    public static NetworkSpec parse(String option) {
        String s = option.trim();
        String[] parts = s.split(",");
        String kind = parts[0].trim().toLowerCase(Locale.ROOT);
        try {
            switch (kind) {
                case "linear":
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("Expected linear,N");
                    }
                    return linear(Integer.parseInt(parts[1].trim()));
                case "ring":
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("Expected ring,N");
                    }
                    return ring(Integer.parseInt(parts[1].trim()));
                case "tree":
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("Expected tree,DEPTH,FANOUT");
                    }
                    return tree(Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()));
                case "none":
                    return new NetworkSpec(List.of(), List.of(), List.of());
                default:
                    Path path = Path.of(s);
                    if (!Files.isRegularFile(path)) {
                        throw new IllegalArgumentException("Unknown topology '" + option
                                + "': use linear,N, ring,N, tree,DEPTH,FANOUT or a JSON file");
                    }
                    return fromJson(new ObjectMapper().readTree(path.toFile()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad number in topology '" + option + "'", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read topology file " + s + ": " + e.getMessage(), e);
        }
    }

    /**
     * A chain of switches with one host each.
     *
     * @param n number of switches (at least 1)
     * @return the network
     */
    public static NetworkSpec linear(int n) {
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("linear needs 1 to 1000 switches");
        }
        Builder b = new Builder();
        for (int i = 1; i <= n; i++) {
            b.addSwitch(i);
            b.addHost(i, b.nextPort(i));
            if (i > 1) {
                b.addLink(i, b.nextPort(i), i - 1, b.nextPort(i - 1));
            }
        }
        return b.build();
    }

    /**
     * A cycle of switches with one host each.
     *
     * @param n number of switches (3 to 1000)
     * @return the network
     */
    public static NetworkSpec ring(int n) {
        if (n < 3 || n > 1000) {
            throw new IllegalArgumentException("ring needs 3 to 1000 switches");
        }
        Builder b = new Builder();
        for (int i = 1; i <= n; i++) {
            b.addSwitch(i);
            b.addHost(i, b.nextPort(i));
        }
        for (int i = 1; i <= n; i++) {
            int next = i % n + 1;
            b.addLink(i, b.nextPort(i), next, b.nextPort(next));
        }
        return b.build();
    }

    /**
     * Mininet's tree topology.
     *
     * @param depth  depth (at least 1)
     * @param fanout children per switch (at least 1)
     * @return the network
     */
    public static NetworkSpec tree(int depth, int fanout) {
        if (depth < 1 || fanout < 1 || Math.pow(fanout, depth) > 4096) {
            throw new IllegalArgumentException("tree needs depth >= 1, fanout >= 1, at most 4096 hosts");
        }
        Builder b = new Builder();
        b.addTree(depth, fanout);
        return b.build();
    }

    /**
     * Reads a network from JSON (see the class description).
     *
     * @param root JSON object
     * @return the network
     */
    public static NetworkSpec fromJson(JsonNode root) {
        Map<DeviceId, String> names = new LinkedHashMap<>();
        Map<DeviceId, Set<PortNumber>> ports = new LinkedHashMap<>();
        for (JsonNode d : root.path("devices")) {
            DeviceId id = DeviceId.deviceId(required(d, "id"));
            names.put(id, d.path("name").asText(id.toString()));
            Set<PortNumber> p = new TreeSet<>((x, y) -> Long.compare(x.toLong(), y.toLong()));
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
        List<Link> links = new ArrayList<>();
        for (JsonNode l : root.path("links")) {
            ConnectPoint src = ConnectPoint.deviceConnectPoint(required(l, "src"));
            ConnectPoint dst = ConnectPoint.deviceConnectPoint(required(l, "dst"));
            checkKnown(ports, src);
            checkKnown(ports, dst);
            ports.get(src.deviceId()).add(src.port());
            ports.get(dst.deviceId()).add(dst.port());
            links.add(new Link(src, dst));
        }
        List<Host> hosts = new ArrayList<>();
        for (JsonNode h : root.path("hosts")) {
            ConnectPoint loc = ConnectPoint.deviceConnectPoint(required(h, "location"));
            checkKnown(ports, loc);
            ports.get(loc.deviceId()).add(loc.port());
            Set<IpAddress> ips = new LinkedHashSet<>();
            h.path("ips").forEach(ip -> ips.add(IpAddress.valueOf(ip.asText())));
            hosts.add(new Host(MacAddress.valueOf(required(h, "mac")),
                    VlanId.vlanId(h.path("vlan").asText("None")), ips, loc));
        }
        List<Switch> switches = new ArrayList<>();
        names.forEach((id, name) -> switches.add(new Switch(id, name, ports.get(id))));
        return new NetworkSpec(switches, links, hosts);
    }

    /**
     * Returns the device id of switch number i, as the sandbox numbers them.
     *
     * @param i switch number (datapath id)
     * @return device id {@code of:%016x}
     */
    public static DeviceId switchId(long i) {
        return DeviceId.deviceId(String.format("of:%016x", i));
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

    // Builds Mininet-like topologies: ports are handed out in order of use.
    private static final class Builder {
        private final Map<Integer, Integer> lastPort = new LinkedHashMap<>();
        private final Map<Integer, Set<PortNumber>> ports = new LinkedHashMap<>();
        private final List<Link> links = new ArrayList<>();
        private final List<Host> hosts = new ArrayList<>();
        private int switchCount;
        private int hostCount;

        void addSwitch(int i) {
            lastPort.put(i, 0);
            ports.put(i, new TreeSet<>((x, y) -> Long.compare(x.toLong(), y.toLong())));
            switchCount = Math.max(switchCount, i);
        }

        int nextPort(int sw) {
            int p = lastPort.merge(sw, 1, Integer::sum);
            ports.get(sw).add(PortNumber.portNumber(p));
            return p;
        }

        void addLink(int a, int pa, int b, int pb) {
            links.add(new Link(new ConnectPoint(switchId(a), PortNumber.portNumber(pa)),
                    new ConnectPoint(switchId(b), PortNumber.portNumber(pb))));
        }

        void addHost(int sw, int port) {
            hostCount++;
            int k = hostCount;
            MacAddress mac = MacAddress.valueOf(String.format("00:00:00:00:%02x:%02x", (k >> 8) & 0xff, k & 0xff));
            IpAddress ip = IpAddress.valueOf(String.format("10.0.%d.%d", k / 256, k % 256));
            hosts.add(new Host(mac, VlanId.NONE, Set.of(ip),
                    new ConnectPoint(switchId(sw), PortNumber.portNumber(port))));
        }

        // Adds a subtree in pre-order and returns the number of its root switch.
        int addTree(int depth, int fanout) {
            int me = ++switchCount;
            addSwitch(me);
            for (int c = 0; c < fanout; c++) {
                if (depth == 1) {
                    addHost(me, nextPort(me));
                } else {
                    int child = addTree(depth - 1, fanout);
                    addLink(me, nextPort(me), child, nextPort(child));
                }
            }
            return me;
        }

        NetworkSpec build() {
            List<Switch> switches = new ArrayList<>();
            ports.forEach((i, p) -> switches.add(new Switch(switchId(i), "s" + i, p)));
            return new NetworkSpec(switches, links, hosts);
        }
    }
}
