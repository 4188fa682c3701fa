/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

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

import static org.flowsocket.sandbox.network.NetworkSpec.switchId;

/**
 * Builds the generated topologies as Mininet builds its own: switch i is
 * named {@code si}, ports are handed out in order of use, the k-th host has
 * MAC {@code 00:00:00:00:00:k} and IP {@code 10.0.0.k}, and every link runs at
 * the default port speed.
 */
final class TopologyBuilder {
    private final Map<Integer, Integer> lastPort = new LinkedHashMap<>();
    private final Map<DeviceId, String> names = new LinkedHashMap<>();
    private final Map<DeviceId, Set<PortNumber>> ports = new LinkedHashMap<>();
    private final List<NetworkSpec.Link> links = new ArrayList<>();
    private final List<NetworkSpec.Host> hosts = new ArrayList<>();
    private int switchCount;
    private int hostCount;

    void addSwitch(int i) {
        lastPort.put(i, 0);
        names.put(switchId(i), "s" + i);
        ports.put(switchId(i), new LinkedHashSet<>());
        switchCount = Math.max(switchCount, i);
    }

    int nextPort(int sw) {
        int p = lastPort.merge(sw, 1, Integer::sum);
        ports.get(switchId(sw)).add(PortNumber.portNumber(p));
        return p;
    }

    void addLink(int a, int pa, int b, int pb) {
        links.add(new NetworkSpec.Link(new ConnectPoint(switchId(a), PortNumber.portNumber(pa)),
                new ConnectPoint(switchId(b), PortNumber.portNumber(pb)), NetworkSpec.DEFAULT_PORT_SPEED_MBPS));
    }

    void addHost(int sw, int port) {
        hostCount++;
        int k = hostCount;
        MacAddress mac = MacAddress.valueOf(String.format("00:00:00:00:%02x:%02x", (k >> 8) & 0xff, k & 0xff));
        IpAddress ip = IpAddress.valueOf(String.format("10.0.%d.%d", k / 256, k % 256));
        hosts.add(new NetworkSpec.Host(mac, VlanId.NONE, Set.of(ip),
                new ConnectPoint(switchId(sw), PortNumber.portNumber(port))));
    }

    /**
     * Adds a subtree in pre-order.
     *
     * @param depth  levels of switches below and including its root
     * @param fanout children per switch
     * @return the number of its root switch
     */
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
        return NetworkSpec.of(names, ports, links, hosts);
    }
}
