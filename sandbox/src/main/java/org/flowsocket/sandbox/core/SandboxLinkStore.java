/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableSet;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.store.trivial.SimpleLinkStore;

import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * ONOS's {@code SimpleLinkStore}, answering link queries as ONOS 2.5.6's
 * {@code ECLinkStore} (in the unpublished onos-core-dist) does: from its one
 * map of links. SimpleLinkStore answers them from per-device indexes that a
 * removal updates after the link map, so a listener reading links while a
 * provider removes others (EdgeManager handling LINK_REMOVED while the
 * switch's other links vanish) gets a null link and fails.
 */
public final class SandboxLinkStore extends SimpleLinkStore {

    // As ECLinkStore.getDeviceEgressLinks.
    @Override
    public Set<Link> getDeviceEgressLinks(DeviceId deviceId) {
        return filter(link -> deviceId.equals(link.src().deviceId()));
    }

    // As ECLinkStore.getDeviceIngressLinks.
    @Override
    public Set<Link> getDeviceIngressLinks(DeviceId deviceId) {
        return filter(link -> deviceId.equals(link.dst().deviceId()));
    }

    // As ECLinkStore.getEgressLinks.
    @Override
    public Set<Link> getEgressLinks(ConnectPoint src) {
        return filter(link -> src.equals(link.src()));
    }

    // As ECLinkStore.getIngressLinks.
    @Override
    public Set<Link> getIngressLinks(ConnectPoint dst) {
        return filter(link -> dst.equals(link.dst()));
    }

    private Set<Link> filter(Predicate<Link> predicate) {
        return StreamSupport.stream(getLinks().spliterator(), false).filter(predicate)
                .collect(ImmutableSet.toImmutableSet());
    }
}
