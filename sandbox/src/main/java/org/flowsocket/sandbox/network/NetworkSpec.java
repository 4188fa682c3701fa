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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
 * <li>{@code mesh,N}: N switches (2 to {@value #MAX_MESH_SWITCHES}), every
 * pair linked, one host on port 1 of each; switch i reaches the other
 * switches on ports 2..N in ascending order (switch j on port j+1 if j &lt; i,
 * on port j if j &gt; i);</li>
 * <li>{@code tree,DEPTH,FANOUT}: Mininet's tree: switches numbered in pre-order,
 * children on ports 1..FANOUT, the uplink on port FANOUT+1, hosts at the
 * leaves;</li>
 * <li>{@code none}: an empty network;</li>
 * <li>a path to a JSON file ({@link #fromJson(JsonNode)}).</li>
 * </ul>
 * Switch i has datapath id i and device id {@code of:%016x}; host k has MAC
 * {@code 00:00:00:00:00:k} and IP {@code 10.0.0.k}, as in Mininet. Every port
 * has a speed the switch announces to ONOS: a link's speed on both its ends,
 * {@value #DEFAULT_PORT_SPEED_MBPS} Mb/s where none is given.
 */
public final class NetworkSpec {

    /** The speed of a port no link speed is given for, in Mb/s (10 Gb/s). */
    public static final long DEFAULT_PORT_SPEED_MBPS = 10_000;

    /** The highest link speed a topology may give, in Mb/s (1 Tb/s). */
    public static final long MAX_PORT_SPEED_MBPS = 1_000_000;

    /** The most switches {@code mesh,N} takes: each has N-1 links, so N(N-1)/2 cables in all. */
    public static final int MAX_MESH_SWITCHES = 16;

    /** A switch. */
    public static final class Switch {
        private final DeviceId id;
        private final String name;
        private final Map<PortNumber, Long> portSpeedsMbps;

        Switch(DeviceId id, String name, Map<PortNumber, Long> portSpeedsMbps) {
            this.id = id;
            this.name = name;
            Map<PortNumber, Long> sorted = new TreeMap<>(Comparator.comparingLong(PortNumber::toLong));
            sorted.putAll(portSpeedsMbps);
            this.portSpeedsMbps = Collections.unmodifiableMap(sorted);
        }

        /** @return device id */
        public DeviceId id() {
            return id;
        }

        /** @return switch name, e.g. s1 */
        public String name() {
            return name;
        }

        /** @return port numbers, in ascending order */
        public Set<PortNumber> ports() {
            return portSpeedsMbps.keySet();
        }

        /** @return each port's speed in Mb/s, as the switch announces it; ports in ascending order */
        public Map<PortNumber, Long> portSpeedsMbps() {
            return portSpeedsMbps;
        }
    }

    /** A bidirectional link between two switch ports, both announcing its speed. */
    public static final class Link {
        private final ConnectPoint one;
        private final ConnectPoint two;
        private final long speedMbps;

        Link(ConnectPoint one, ConnectPoint two, long speedMbps) {
            this.one = one;
            this.two = two;
            this.speedMbps = speedMbps;
        }

        /** @return one end */
        public ConnectPoint one() {
            return one;
        }

        /** @return the other end */
        public ConnectPoint two() {
            return two;
        }

        /** @return the speed both ends' ports announce, in Mb/s */
        public long speedMbps() {
            return speedMbps;
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

    /**
     * Puts a network together; every port announces the speed of its link,
     * the default where it has none.
     *
     * @param names    each switch's name, in the order of the switches
     * @param ports    each switch's ports (those of its links and hosts included)
     * @param links    the links
     * @param hosts    the hosts
     * @return the network
     * @throws IllegalArgumentException if a port is an end of two links of different speeds
     */
    static NetworkSpec of(Map<DeviceId, String> names, Map<DeviceId, Set<PortNumber>> ports,
                          List<Link> links, List<Host> hosts) {
        Map<ConnectPoint, Link> linkAt = new HashMap<>();
        for (Link l : links) {
            for (ConnectPoint end : List.of(l.one(), l.two())) {
                Link other = linkAt.putIfAbsent(end, l);
                if (other != null && other.speedMbps() != l.speedMbps()) {
                    throw new IllegalArgumentException("Port " + end + " is an end of two links of different speeds ("
                            + other.speedMbps() + " and " + l.speedMbps() + " Mb/s)");
                }
            }
        }
        List<Switch> switches = new ArrayList<>();
        names.forEach((id, name) -> {
            Map<PortNumber, Long> speeds = new HashMap<>();
            for (PortNumber p : ports.get(id)) {
                Link l = linkAt.get(new ConnectPoint(id, p));
                speeds.put(p, l == null ? DEFAULT_PORT_SPEED_MBPS : l.speedMbps());
            }
            switches.add(new Switch(id, name, speeds));
        });
        return new NetworkSpec(switches, links, hosts);
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

    /** @return whether any link runs at a speed other than {@link #DEFAULT_PORT_SPEED_MBPS} */
    public boolean setsLinkSpeeds() {
        return links.stream().anyMatch(l -> l.speedMbps() != DEFAULT_PORT_SPEED_MBPS);
    }

    /**
     * Parses a topology option: {@code linear,N}, {@code ring,N}, {@code mesh,N},
     * {@code tree,DEPTH,FANOUT}, {@code none}, or the path of a JSON file.
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
                    return linear(Integer.parseInt(single(parts, "linear,N")));
                case "ring":
                    return ring(Integer.parseInt(single(parts, "ring,N")));
                case "mesh":
                    return mesh(Integer.parseInt(single(parts, "mesh,N")));
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
                                + "': use linear,N, ring,N, mesh,N, tree,DEPTH,FANOUT or a JSON file");
                    }
                    return fromJson(new ObjectMapper().readTree(path.toFile()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad number in topology '" + option + "'", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read topology file " + s + ": " + e.getMessage(), e);
        }
    }

    private static String single(String[] parts, String expected) {
        if (parts.length != 2) {
            throw new IllegalArgumentException("Expected " + expected);
        }
        return parts[1].trim();
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
        TopologyBuilder b = new TopologyBuilder();
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
        TopologyBuilder b = new TopologyBuilder();
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
     * A full mesh: every pair of switches linked, one host on port 1 of each.
     * Linking the pairs in ascending order hands switch i's ports 2..N to the
     * other switches in ascending order.
     *
     * @param n number of switches (2 to {@value #MAX_MESH_SWITCHES})
     * @return the network
     */
    public static NetworkSpec mesh(int n) {
        if (n < 2 || n > MAX_MESH_SWITCHES) {
            throw new IllegalArgumentException("mesh needs 2 to " + MAX_MESH_SWITCHES
                    + " switches (every switch has a port for each other switch); got " + n);
        }
        TopologyBuilder b = new TopologyBuilder();
        for (int i = 1; i <= n; i++) {
            b.addSwitch(i);
            b.addHost(i, b.nextPort(i));
        }
        for (int i = 1; i <= n; i++) {
            for (int j = i + 1; j <= n; j++) {
                b.addLink(i, b.nextPort(i), j, b.nextPort(j));
            }
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
        TopologyBuilder b = new TopologyBuilder();
        b.addTree(depth, fanout);
        return b.build();
    }

    /**
     * Reads a network from JSON ({@link JsonTopology} describes the format).
     *
     * @param root JSON object
     * @return the network
     * @throws IllegalArgumentException if the JSON does not describe a network
     */
    public static NetworkSpec fromJson(JsonNode root) {
        return JsonTopology.parse(root);
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
}
