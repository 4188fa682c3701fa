/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.Hop;
import org.onlab.graph.ScalarWeight;
import org.onlab.graph.Weight;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.net.link.LinkService;
import org.onosproject.net.topology.HopCountLinkWeigher;
import org.onosproject.net.topology.LinkWeigher;
import org.onosproject.net.topology.TopologyEdge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What ONOS says of a flow's path now: a device offline or a link gone, and
 * which links came up too recently to be trusted. A link that came up
 * (ONOS's LINK_ADDED, also when its switch returns) is held down for a
 * while: no flow is moved onto it before it has stayed up that long, so a
 * flapping link attracts no traffic.
 */
public final class PathHealth {

    private final DeviceService deviceService;
    private final LinkService linkService;
    private final LongSupplier holdDownMillis;
    private final LongSupplier clock;
    private final Map<LinkKey, Long> upSince = new ConcurrentHashMap<>();
    // Links last heard going down (both directions of the cable): ONOS's
    // link store lists a link again before its listeners hear LINK_ADDED
    // (LinkManager posts the event after the store changed), and a link is
    // trusted only from the return this node heard.
    private final Set<LinkKey> down = ConcurrentHashMap.newKeySet();

    /**
     * Creates the view.
     *
     * @param deviceService  ONOS device service
     * @param linkService    ONOS link service
     * @param holdDownMillis how long a link that came up is not used, ms
     * @param clock          current time, ms
     */
    public PathHealth(DeviceService deviceService, LinkService linkService, LongSupplier holdDownMillis,
                      LongSupplier clock) {
        this.deviceService = deviceService;
        this.linkService = linkService;
        this.holdDownMillis = holdDownMillis;
        this.clock = clock;
    }

    /**
     * Follows ONOS's link events: notes when each link last came up or
     * went down.
     *
     * @param event link event
     */
    public void linkEvent(LinkEvent event) {
        Link link = event.subject();
        LinkKey key = LinkKey.linkKey(link);
        // Both directions of the cable count from the change: a heal may look at the other direction,
        // which ONOS lists already, before its own event arrives. A link that went down stays held
        // until its return is heard, however long it was away.
        LinkKey reverse = LinkKey.linkKey(link.dst(), link.src());
        if (event.type() == LinkEvent.Type.LINK_REMOVED || link.state() != Link.State.ACTIVE) {
            down.add(key);
            down.add(reverse);
        } else {
            down.remove(key);
            down.remove(reverse);
        }
        long now = clock.getAsLong();
        upSince.put(key, now);
        upSince.put(reverse, now);
    }

    /**
     * Names what broke a path: a device of it offline, else the first link
     * missing along it, in either direction, or with a port ONOS reports
     * down (a switch reports its ports down when their cable is cut), else
     * another port of the path down, such as a host's. A
     * device going offline takes its links with it, and ONOS reports the
     * device first and its links after: the device is named however far
     * along the path it is, so the reason does not change as those later
     * events arrive.
     *
     * @param path hops from source to destination host
     * @return e.g. {@code link of:...1/3-of:...2/2 went down}, or empty if the path is whole
     */
    public Optional<String> failureOf(List<Hop> path) {
        for (Hop hop : path) {
            if (!deviceService.isAvailable(hop.deviceId())) {
                return Optional.of("device " + hop.deviceId() + " went offline");
            }
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            ConnectPoint out = new ConnectPoint(path.get(i).deviceId(), path.get(i).outPort());
            ConnectPoint in = new ConnectPoint(path.get(i + 1).deviceId(), path.get(i + 1).inPort());
            // A cut cable shows first as its ports going down, then as the link
            // vanishing: either way it is the link that broke.
            if (!active(out, in) || !active(in, out) || portDown(out) || portDown(in)) {
                return Optional.of("link " + out + "-" + in + " went down");
            }
        }
        // A port of the path that is down, e.g. the port a host is attached to.
        for (Hop hop : path) {
            for (PortNumber number : List.of(hop.inPort(), hop.outPort())) {
                ConnectPoint port = new ConnectPoint(hop.deviceId(), number);
                if (portDown(port)) {
                    return Optional.of("port " + port + " went down");
                }
            }
        }
        return Optional.empty();
    }

    private boolean portDown(ConnectPoint point) {
        Port port = deviceService.getPort(point.deviceId(), point.port());
        return port != null && !port.isEnabled();
    }

    /**
     * Tells whether a path is whole and none of its links is held down.
     *
     * @param path hops
     * @return true if a flow may use it now
     */
    public boolean usable(List<Hop> path) {
        if (failureOf(path).isPresent()) {
            return false;
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            ConnectPoint out = new ConnectPoint(path.get(i).deviceId(), path.get(i).outPort());
            ConnectPoint in = new ConnectPoint(path.get(i + 1).deviceId(), path.get(i + 1).inPort());
            if (heldDown(LinkKey.linkKey(out, in)) || heldDown(LinkKey.linkKey(in, out))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns how long until the last link now held down is trusted.
     *
     * @return ms, 0 if no link is held down
     */
    public long holdDownLeftMillis() {
        long now = clock.getAsLong();
        long hold = holdDownMillis.getAsLong();
        upSince.values().removeIf(since -> since + hold <= now);
        return upSince.values().stream().mapToLong(since -> since + hold - now).max().orElse(0);
    }

    /**
     * Returns a weigher for ONOS's path computation: hop count, as ONOS's
     * default, over the links that are active, not held down and accepted
     * by the given test. Links ONOS no longer lists, or whose switch is
     * offline, are refused too: ONOS's topology, which its PathService
     * searches, follows link and device events only after a short batching
     * delay (DefaultTopologyProvider), and a flow must not wait for it.
     *
     * @param acceptable further test of each link, e.g. its free capacity
     * @return link weigher
     */
    public LinkWeigher weigher(Predicate<Link> acceptable) {
        return weigher(acceptable, true);
    }

    /**
     * Returns a weigher as {@link #weigher(Predicate)}, for a new flow:
     * links in their hold-down are used (the hold-down keeps flows that
     * already run from following a flapping link).
     *
     * @param acceptable further test of each link
     * @return link weigher
     */
    public LinkWeigher newFlowWeigher(Predicate<Link> acceptable) {
        return weigher(acceptable, false);
    }

    private LinkWeigher weigher(Predicate<Link> acceptable, boolean holdDown) {
        return new LinkWeigher() {
            @Override
            public Weight weight(TopologyEdge edge) {
                Link link = edge.link();
                boolean usable = active(link.src(), link.dst()) && deviceService.isAvailable(link.src().deviceId())
                        && deviceService.isAvailable(link.dst().deviceId())
                        && portUp(link.src()) && portUp(link.dst())
                        && !(holdDown && heldDown(LinkKey.linkKey(link))) && acceptable.test(link);
                return usable ? HopCountLinkWeigher.DEFAULT_HOP_COUNT_WEIGHER.weight(edge) : getNonViableWeight();
            }

            @Override
            public Weight getInitialWeight() {
                return HopCountLinkWeigher.DEFAULT_HOP_COUNT_WEIGHER.getInitialWeight();
            }

            @Override
            public Weight getNonViableWeight() {
                return ScalarWeight.NON_VIABLE_WEIGHT;
            }
        };
    }

    /**
     * Tells whether ONOS has a device online.
     *
     * @param deviceId device
     * @return true if available
     */
    public boolean isAvailable(DeviceId deviceId) {
        return deviceService.isAvailable(deviceId);
    }

    /**
     * Returns the links of a path as ONOS lists them, each direction the
     * flow uses.
     *
     * @param path          hops
     * @param bidirectional whether the way back is used too
     * @return links; a link ONOS does not list is left out
     */
    public List<Link> linksOf(List<Hop> path, boolean bidirectional) {
        List<Link> out = new ArrayList<>();
        for (int i = 0; i + 1 < path.size(); i++) {
            ConnectPoint a = new ConnectPoint(path.get(i).deviceId(), path.get(i).outPort());
            ConnectPoint b = new ConnectPoint(path.get(i + 1).deviceId(), path.get(i + 1).inPort());
            Optional.ofNullable(linkService.getLink(a, b)).ifPresent(out::add);
            if (bidirectional) {
                Optional.ofNullable(linkService.getLink(b, a)).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Returns the other direction of a link, as ONOS lists it.
     *
     * @param link the link
     * @return the reverse link, if ONOS has it
     */
    public Optional<Link> reverseOf(Link link) {
        return Optional.ofNullable(linkService.getLink(link.dst(), link.src()));
    }

    // A port reported down carries nothing, though ONOS may list its link a moment longer.
    private boolean portUp(ConnectPoint point) {
        Port port = deviceService.getPort(point.deviceId(), point.port());
        return port == null || port.isEnabled();
    }

    private boolean active(ConnectPoint src, ConnectPoint dst) {
        Link link = linkService.getLink(src, dst);
        return link != null && link.state() == Link.State.ACTIVE;
    }

    private boolean heldDown(LinkKey key) {
        if (down.contains(key)) {
            return true;
        }
        Long since = upSince.get(key);
        return since != null && since + holdDownMillis.getAsLong() > clock.getAsLong();
    }
}
