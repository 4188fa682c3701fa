/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.Hop;
import com.google.common.collect.ImmutableList;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.onlab.packet.IpAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Host;
import org.onosproject.net.Link;
import org.onosproject.net.Path;
import org.onosproject.net.host.HostService;
import org.onosproject.net.topology.LinkWeigher;
import org.onosproject.net.topology.PathService;

import java.util.List;
import java.util.Set;

/**
 * Resolves IP addresses to hosts and computes the switches between them.
 */
public final class RouteFinder {

    private final HostService hostService;
    private final PathService pathService;

    /**
     * Creates a route finder.
     *
     * @param hostService ONOS host service
     * @param pathService ONOS path service
     */
    public RouteFinder(HostService hostService, PathService pathService) {
        this.hostService = hostService;
        this.pathService = pathService;
    }

    /**
     * Returns the single host that owns an IP address.
     *
     * @param ip    the address
     * @param field request field that named it, for errors
     * @return the host
     */
    public Host hostOf(IpAddress ip, String field) {
        Set<Host> hosts = hostService.getHostsByIp(ip);
        if (hosts.isEmpty()) {
            throw new FlowSocketException(ErrorCode.UNKNOWN_HOST, "no host known to ONOS has IP address "
                    + ip + "; add it with AddNode first", field, null);
        }
        if (hosts.size() > 1) {
            throw FlowSocketException.invalid(field, "IP address " + ip + " belongs to " + hosts.size()
                    + " hosts; it must identify one");
        }
        return hosts.iterator().next();
    }

    /**
     * Returns the hops from one host to another along the shortest path.
     *
     * @param src source host
     * @param dst destination host
     * @return hops in order from source to destination
     */
    public List<Hop> hops(Host src, Host dst) {
        return hops(src, dst, null);
    }

    /**
     * Returns the hops from one host to another along the shortest path
     * whose links the weigher finds viable.
     *
     * @param src     source host
     * @param dst     destination host
     * @param weigher link weigher, or null for ONOS's default (hop count)
     * @return hops in order from source to destination
     * @throws FlowSocketException {@code NO_PATH} if there is none
     */
    public List<Hop> hops(Host src, Host dst, LinkWeigher weigher) {
        ConnectPoint from = src.location();
        ConnectPoint to = dst.location();
        if (from.deviceId().equals(to.deviceId())) {
            return ImmutableList.of(new Hop(from.deviceId(), from.port(), to.port()));
        }
        Set<Path> paths = weigher == null ? pathService.getPaths(from.deviceId(), to.deviceId())
                : pathService.getPaths(from.deviceId(), to.deviceId(), weigher);
        if (paths == null || paths.isEmpty()) {
            throw new FlowSocketException(ErrorCode.NO_PATH, "the topology has no path from "
                    + from.deviceId() + " to " + to.deviceId() + " (hosts " + src.id() + " and "
                    + dst.id() + ")");
        }
        List<Link> links = paths.iterator().next().links();
        ImmutableList.Builder<Hop> hops = ImmutableList.builder();
        ConnectPoint ingress = from;
        for (Link link : links) {
            hops.add(new Hop(ingress.deviceId(), ingress.port(), link.src().port()));
            ingress = link.dst();
        }
        hops.add(new Hop(ingress.deviceId(), ingress.port(), to.port()));
        return hops.build();
    }
}
