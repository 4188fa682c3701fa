/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableSet;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.DefaultPath;
import org.onosproject.net.DeviceId;
import org.onosproject.net.ElementId;
import org.onosproject.net.Link;
import org.onosproject.net.Path;
import org.onosproject.net.PortNumber;
import org.onosproject.net.topology.DefaultTopologyEdge;
import org.onosproject.net.topology.DefaultTopologyVertex;
import org.onosproject.net.topology.LinkWeigher;
import org.onosproject.net.topology.PathServiceAdapter;
import org.onlab.graph.ScalarWeight;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Shortest paths on a line of switches: switch i's port 2 is cabled to
 * switch i+1's port 1; hosts use ports 3 and 4. A cut cable splits the line.
 */
class LinearPaths extends PathServiceAdapter {

    private final int count;
    private volatile int cutAfter = -1;

    LinearPaths(int count) {
        this.count = count;
    }

    /** Cuts the cable between switch n and n+1. */
    void cut(int n) {
        cutAfter = n;
    }

    @Override
    public Set<Path> getPaths(ElementId src, ElementId dst) {
        int a = index((DeviceId) src);
        int b = index((DeviceId) dst);
        if (a == b || a < 1 || b < 1 || a > count || b > count) {
            return ImmutableSet.of();
        }
        int step = a < b ? 1 : -1;
        List<Link> links = new ArrayList<>();
        for (int i = a; i != b; i += step) {
            if (cutAfter == Math.min(i, i + step)) {
                return ImmutableSet.of();
            }
            links.add(link(i, i + step));
        }
        return ImmutableSet.of(new DefaultPath(FakeDevices.PID, links, ScalarWeight.toWeight(links.size())));
    }

    // As ONOS 2.5.6 DefaultTopology: a path only over links the weigher finds viable.
    @Override
    public Set<Path> getPaths(ElementId src, ElementId dst, LinkWeigher weigher) {
        Set<Path> paths = getPaths(src, dst);
        return paths.stream().filter(p -> p.links().stream().allMatch(l -> weigher.weight(
                new DefaultTopologyEdge(new DefaultTopologyVertex(l.src().deviceId()),
                                        new DefaultTopologyVertex(l.dst().deviceId()), l)).isViable()))
                .collect(ImmutableSet.toImmutableSet());
    }

    static Link link(int from, int to) {
        PortNumber out = PortNumber.portNumber(from < to ? 2 : 1);
        PortNumber in = PortNumber.portNumber(from < to ? 1 : 2);
        return DefaultLink.builder().providerId(FakeDevices.PID)
                .src(new ConnectPoint(FakeDevices.id(from), out))
                .dst(new ConnectPoint(FakeDevices.id(to), in))
                .type(Link.Type.DIRECT).build();
    }

    private static int index(DeviceId id) {
        return (int) Long.parseLong(id.toString().substring(3), 16);
    }
}
