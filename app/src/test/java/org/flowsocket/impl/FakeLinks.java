/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.link.LinkServiceAdapter;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The links of {@link LinearPaths}' line of switches, both directions.
 */
class FakeLinks extends LinkServiceAdapter {

    private volatile List<Link> links;

    FakeLinks(int count) {
        ImmutableList.Builder<Link> all = ImmutableList.builder();
        for (int i = 1; i < count; i++) {
            all.add(LinearPaths.link(i, i + 1), LinearPaths.link(i + 1, i));
        }
        links = all.build();
    }

    /** Cuts the cable between switch n and n+1: both directions vanish. */
    void cut(int n) {
        Set<Link> gone = Set.of(LinearPaths.link(n, n + 1), LinearPaths.link(n + 1, n));
        links = links.stream().filter(l -> !gone.contains(l)).collect(ImmutableList.toImmutableList());
    }

    @Override
    public int getLinkCount() {
        return links.size();
    }

    @Override
    public Iterable<Link> getLinks() {
        return links;
    }

    @Override
    public Link getLink(ConnectPoint src, ConnectPoint dst) {
        return links.stream().filter(l -> l.src().equals(src) && l.dst().equals(dst)).findFirst().orElse(null);
    }

    @Override
    public Set<Link> getDeviceLinks(DeviceId deviceId) {
        return links.stream().filter(l -> l.src().deviceId().equals(deviceId) || l.dst().deviceId().equals(deviceId))
                .collect(Collectors.toSet());
    }

    @Override
    public Set<Link> getDeviceEgressLinks(DeviceId deviceId) {
        return links.stream().filter(l -> l.src().deviceId().equals(deviceId)).collect(Collectors.toSet());
    }

    @Override
    public Set<Link> getDeviceIngressLinks(DeviceId deviceId) {
        return ImmutableSet.copyOf(links.stream().filter(l -> l.dst().deviceId().equals(deviceId))
                                           .collect(Collectors.toSet()));
    }
}
