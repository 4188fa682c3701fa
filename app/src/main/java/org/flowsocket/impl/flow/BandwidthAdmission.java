/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.onosproject.net.Host;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.topology.LinkWeigher;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Admission control of network flows that reserve bandwidth: the path is
 * the shortest whose every link has the rate unreserved (in both directions
 * for a bidirectional flow), and the reservation is taken atomically in
 * ONOS's distributed store. A flow without {@code qos.bandwidthKbps} takes
 * the plain shortest path and reserves nothing.
 */
public final class BandwidthAdmission {

    private final RouteFinder routes;
    private final PathHealth health;
    private final LinkCapacities capacities;
    private final BandwidthReservations reservations;

    /**
     * Creates the admission control.
     *
     * @param routes       path computation
     * @param health       link state, for the weigher
     * @param capacities   link capacities
     * @param reservations the reservations
     */
    public BandwidthAdmission(RouteFinder routes, PathHealth health, LinkCapacities capacities,
                              BandwidthReservations reservations) {
        this.routes = routes;
        this.health = health;
        this.capacities = capacities;
        this.reservations = reservations;
    }

    /**
     * Returns the path of a new flow.
     *
     * @param flowId the flow
     * @param spec   its spec
     * @param src    source host
     * @param dst    destination host
     * @return hops
     * @throws FlowSocketException {@code NO_PATH}, or {@code NO_CAPACITY} naming the bottleneck
     */
    public List<Hop> newPath(String flowId, NetworkFlowSpec spec, Host src, Host dst) {
        // Without a reservation, ONOS's own shortest path, as before admission control.
        return spec.bandwidthKbps().isEmpty() ? routes.hops(src, dst)
                : constrainedPath(flowId, spec, src, dst, health::newFlowWeigher);
    }

    /**
     * Returns the path a running flow moves to: links in their hold-down are
     * not used.
     *
     * @param flowId the flow
     * @param spec   its spec
     * @param src    source host
     * @param dst    destination host
     * @return hops
     * @throws FlowSocketException {@code NO_PATH}, or {@code NO_CAPACITY} naming the bottleneck
     */
    public List<Hop> reroutePath(String flowId, NetworkFlowSpec spec, Host src, Host dst) {
        return path(flowId, spec, src, dst, health::weigher);
    }

    private List<Hop> path(String flowId, NetworkFlowSpec spec, Host src, Host dst,
                           Function<Predicate<Link>, LinkWeigher> weigher) {
        if (spec.bandwidthKbps().isEmpty()) {
            return routes.hops(src, dst, weigher.apply(link -> true));
        }
        return constrainedPath(flowId, spec, src, dst, weigher);
    }

    private List<Hop> constrainedPath(String flowId, NetworkFlowSpec spec, Host src, Host dst,
                                      Function<Predicate<Link>, LinkWeigher> weigher) {
        long kbps = spec.bandwidthKbps().get();
        Map<LinkKey, Map<String, Long>> reserved = reservations.reservedBy();
        Predicate<Link> fits = link -> available(link, reserved, flowId) >= kbps;
        // A bidirectional flow's way back crosses the same links the other way.
        Predicate<Link> fitsBothWays = !spec.bidirectional() ? fits
                : link -> fits.test(link) && health.reverseOf(link).map(fits::test).orElse(false);
        try {
            return routes.hops(src, dst, weigher.apply(fitsBothWays));
        } catch (FlowSocketException e) {
            if (e.code() != ErrorCode.NO_PATH) {
                throw e;
            }
            // Some path exists, but none with room: name the tightest link of the shortest.
            List<Hop> shortest = routes.hops(src, dst, weigher.apply(link -> true));
            Link bottleneck = health.linksOf(shortest, spec.bidirectional()).stream()
                    .min(Comparator.comparingLong(l -> available(l, reserved, flowId)))
                    .orElseThrow(() -> e);
            throw reservations.noCapacity(bottleneck, capacities.capacityKbps(bottleneck),
                    BandwidthReservations.reservedByOthers(reserved, bottleneck, flowId), kbps);
        }
    }

    /**
     * Reserves a flow's rate on every link of its path, in place of what it
     * reserved before; does nothing for a flow that reserves no bandwidth.
     *
     * @param flowId the flow
     * @param spec   its spec
     * @param path   its path
     * @throws FlowSocketException {@code NO_CAPACITY} if another reservation took the room meanwhile
     */
    public void reserve(String flowId, NetworkFlowSpec spec, List<Hop> path) {
        if (spec.bandwidthKbps().isPresent()) {
            reservations.reserve(flowId, health.linksOf(path, spec.bidirectional()), spec.bandwidthKbps().get(),
                                 capacities::capacityKbps);
        }
    }

    /**
     * Releases what a flow reserved.
     *
     * @param flowId the flow
     */
    public void release(String flowId) {
        reservations.release(flowId);
    }

    private long available(Link link, Map<LinkKey, Map<String, Long>> reserved, String flowId) {
        return capacities.capacityKbps(link) - BandwidthReservations.reservedByOthers(reserved, link, flowId);
    }
}
