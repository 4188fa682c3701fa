/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.link.LinkService;
import org.onosproject.net.link.LinkServiceAdapter;
import org.osgi.service.component.annotations.Component;

import java.util.Set;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link LinkService} of a network with one switch: no links. Where
 * onos-api's adapter returns null, this returns what ONOS 2.5.6 LinkManager
 * returns from an empty link store.
 */
@Component(immediate = true, service = LinkService.class)
public class LinkStandIn extends LinkServiceAdapter {

    // As ONOS 2.5.6 LinkManager.DEVICE_ID_NULL.
    private static final String DEVICE_ID_NULL = "Device ID cannot be null";

    @Override
    public Iterable<Link> getLinks() {
        return ImmutableList.of();
    }

    // As LinkManager.getDeviceLinks: the union of the store's egress and ingress links.
    @Override
    public Set<Link> getDeviceLinks(DeviceId deviceId) {
        checkNotNull(deviceId, DEVICE_ID_NULL);
        return ImmutableSet.of();
    }
}
