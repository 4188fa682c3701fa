/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.link.DefaultLinkDescription;
import org.onosproject.net.link.LinkProvider;
import org.onosproject.net.link.LinkProviderService;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The simulated network's link provider: a link is discovered, in both
 * directions, once both its switches are up and it is not taken down.
 * Used on the network's thread.
 */
final class SimLinkProvider extends AbstractProvider implements LinkProvider {

    private final SimSwitches switches;
    private final List<NetworkSpec.Link> links;
    private final Set<Set<ConnectPoint>> linksDown = new HashSet<>();
    private LinkProviderService service;

    SimLinkProvider(ProviderId id, SimSwitches switches, List<NetworkSpec.Link> links) {
        super(id);
        this.switches = requireNonNull(switches);
        this.links = List.copyOf(links);
    }

    void setService(LinkProviderService service) {
        this.service = requireNonNull(service);
    }

    /**
     * A switch connected: the links it completes are discovered.
     *
     * @param deviceId the switch
     */
    void connected(DeviceId deviceId) {
        for (NetworkSpec.Link l : links) {
            if (l.one().deviceId().equals(deviceId) || l.two().deviceId().equals(deviceId)) {
                announce(l);
            }
        }
    }

    /**
     * A switch disconnected: its links vanish, as in ONOS 2.5.6, where
     * LldpLinkProvider reacts to the device's DEVICE_AVAILABILITY_CHANGED
     * with linksVanished.
     *
     * @param deviceId the switch
     */
    void disconnected(DeviceId deviceId) {
        service.linksVanished(deviceId);
    }

    /**
     * Takes a link down in both directions, once its ports reported the
     * link down: as ONOS 2.5.6 LldpLinkProvider does on a PORT_UPDATED of a
     * disabled port, every link of each end vanishes (LinkManager then
     * posts LINK_REMOVED for both directions).
     *
     * @param one one end
     * @param two other end
     * @return whether the link was up
     */
    boolean linkDown(ConnectPoint one, ConnectPoint two) {
        NetworkSpec.Link l = link(one, two);
        if (!linksDown.add(Set.of(l.one(), l.two()))) {
            return false;
        }
        service.linksVanished(l.one());
        service.linksVanished(l.two());
        return true;
    }

    /**
     * Brings a link back up; it is discovered if both switches are up.
     *
     * @param one one end
     * @param two other end
     * @return whether the link was down
     */
    boolean linkUp(ConnectPoint one, ConnectPoint two) {
        NetworkSpec.Link l = link(one, two);
        boolean wasDown = linksDown.remove(Set.of(l.one(), l.two()));
        announce(l);
        return wasDown;
    }

    /**
     * Tells whether a link was taken down.
     *
     * @param one one end
     * @param two other end
     * @return true if down
     */
    boolean isDown(ConnectPoint one, ConnectPoint two) {
        NetworkSpec.Link l = link(one, two);
        return linksDown.contains(Set.of(l.one(), l.two()));
    }

    /** @return the links taken down, in the network's order */
    List<NetworkSpec.Link> linksDown() {
        return links.stream().filter(l -> linksDown.contains(Set.of(l.one(), l.two())))
                .collect(Collectors.toUnmodifiableList());
    }

    private void announce(NetworkSpec.Link l) {
        if (switches.connected(l.one().deviceId()) == null || switches.connected(l.two().deviceId()) == null
                || linksDown.contains(Set.of(l.one(), l.two()))) {
            return;
        }
        service.linkDetected(new DefaultLinkDescription(l.one(), l.two(), Link.Type.DIRECT));
        service.linkDetected(new DefaultLinkDescription(l.two(), l.one(), Link.Type.DIRECT));
    }

    private NetworkSpec.Link link(ConnectPoint one, ConnectPoint two) {
        return links.stream().filter(l -> (l.one().equals(one) && l.two().equals(two))
                || (l.one().equals(two) && l.two().equals(one))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No link " + one + " - " + two));
    }
}
