/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowStore;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.Link;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.link.LinkEvent;
import org.slf4j.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Keeps network flows on a working path. When a device or link of a flow's
 * path fails, or one of its hosts moves, it computes a new path through
 * ONOS's PathService around what failed, installs the new rules, waits for
 * the switches to confirm them and only then removes the old ones (make
 * before break), under the flow's id. Without a path the flow is
 * {@code DEGRADED} with a reason beginning {@code NO_PATH:}; it is restored
 * when a path returns. A link that came up is trusted only after the
 * hold-down ({@link PathHealth}), and one flow changes path at most
 * {@code maxPerMinute} times a minute, so a flapping link causes no storm.
 * On a cluster only the elected leader of FlowSocket's flows acts
 * ({@link FlowLeadership#isLeader}), whichever node masters the switches.
 */
public final class FlowRerouter {

    /** Reason prefix of a flow without a path. */
    public static final String NO_PATH = "NO_PATH";
    /** Reason prefix of a flow that changed path too often. */
    public static final String REROUTE_LIMITED = "REROUTE_LIMITED";
    /** Reason prefix of a flow whose new path the switches did not confirm. */
    public static final String REROUTE_FAILED = "REROUTE_FAILED";
    /** Reason prefix of a flow that found paths, but none with the bandwidth it reserves. */
    public static final String NO_CAPACITY = "NO_CAPACITY";
    /** Reason prefix of a flow with {@code reroute} off whose path failed. */
    public static final String PATH_FAILED = "PATH_FAILED";

    private static final long MINUTE_MILLIS = 60_000;

    private final Logger log = getLogger(getClass());

    private final QosFlowStore store;
    private final RouteFinder routes;
    private final BandwidthAdmission admission;
    private final PathChange change;
    private final PathHealth health;
    private final FlowLeadership leadership;
    private final ScheduledExecutorService executor;
    private final Supplier<RerouteSettings> settings;
    private final RerouteLimiter limiter;

    // One healing at a time per flow; a flow asked for again meanwhile is looked at once more after.
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Set<String> again = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reviewScheduled = new AtomicBoolean();

    /**
     * Creates the rerouter.
     *
     * @param store     flow store
     * @param planner   builds a flow's rules along a path
     * @param routes    host resolution
     * @param admission path computation, with the bandwidth a flow reserves
     * @param installer rule installer
     * @param meters    meter allocator, for the devices a new path adds
     * @param health    the state of paths and links
     * @param leadership which node acts for a flow: the leader of FlowSocket's flows
     * @param executor  where the healing runs and retries are scheduled
     * @param settings  current settings
     * @param entries   ONOS's entry of a rule, or null
     * @param clock     current time, ms
     */
    public FlowRerouter(QosFlowStore store, QosFlowPlanner planner, RouteFinder routes,
                        BandwidthAdmission admission, FlowInstaller installer,
                        MeterAllocator meters, PathHealth health, FlowLeadership leadership,
                        ScheduledExecutorService executor, Supplier<RerouteSettings> settings,
                        Function<FlowRule, FlowEntry> entries, LongSupplier clock) {
        this.store = store;
        this.routes = routes;
        this.admission = admission;
        this.change = new PathChange(store, planner, installer, meters, admission, entries, settings, clock);
        this.health = health;
        this.leadership = leadership;
        this.executor = executor;
        this.settings = settings;
        this.limiter = new RerouteLimiter(() -> settings.get().maxPerMinute(), clock);
    }

    /**
     * Tells whether a flow's path is kept by this rerouter: a network flow
     * with {@code reroute} on.
     *
     * @param flow the flow
     * @return true if FlowSocket moves it when its path fails
     */
    public boolean heals(QosFlow flow) {
        return watches(flow) && flow.spec().map(NetworkFlowSpec::reroute).orElse(false);
    }

    // A network flow: its path is watched, and moved if it reroutes.
    private static boolean watches(QosFlow flow) {
        return flow.kind() == QosFlow.Kind.NETWORK && !flow.path().isEmpty();
    }

    /**
     * Tells whether a healed flow may be called whole: its path is whole
     * and trusted, and it is not waiting for a new one.
     *
     * @param flow the flow
     * @return false if the rerouter, not the rules' return, decides its state
     */
    public boolean pathUsable(QosFlow flow) {
        return !watches(flow) || health.usable(flow.path()) && !ownDegradation(flow);
    }

    /**
     * Looks at every healed flow after ONOS computed a new topology (its
     * PathService answers from the new one only then).
     */
    public void topologyChanged() {
        reviewAll();
    }

    /**
     * Looks at the flows crossing a device that went offline, or one of
     * whose ports went down, at once: the path computation avoids the
     * device before ONOS's topology does.
     *
     * @param event ONOS device event
     */
    public void deviceEvent(DeviceEvent event) {
        DeviceId deviceId = event.subject().id();
        if (event.type() == DeviceEvent.Type.DEVICE_REMOVED
                || event.type() == DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED && !health.isAvailable(deviceId)
                || event.type() == DeviceEvent.Type.PORT_UPDATED && event.port() != null
                && !event.port().isEnabled()) {
            store.flowsOn(deviceId).forEach(this::post);
        }
    }

    /**
     * Looks at the flows crossing a link that went down, at once.
     *
     * @param event ONOS link event
     */
    public void linkEvent(LinkEvent event) {
        if (event.type() == LinkEvent.Type.LINK_REMOVED || event.subject().state() != Link.State.ACTIVE) {
            Link link = event.subject();
            store.flowsOn(link.src().deviceId()).stream()
                    .filter(id -> store.flowsOn(link.dst().deviceId()).contains(id)).forEach(this::post);
        }
    }

    /**
     * Looks at the flows of a host that moved.
     *
     * @param event ONOS host event
     */
    public void hostEvent(HostEvent event) {
        if (event.type() != HostEvent.Type.HOST_MOVED && event.type() != HostEvent.Type.HOST_ADDED) {
            return;
        }
        // From this node's index, not a scan of the store: hosts come and go often.
        event.subject().ipAddresses().stream().flatMap(ip -> store.flowsWithEndpoint(ip).stream()).distinct()
                .forEach(this::post);
    }

    private void reviewAll() {
        store.list().stream().filter(f -> f.state() == QosFlow.State.INSTALLED
                || f.state() == QosFlow.State.DEGRADED).forEach(f -> post(f.id()));
    }

    // Looks at everything again once the last link held down is trusted.
    private void reviewAfterHoldDown() {
        long left = health.holdDownLeftMillis();
        if (left > 0 && reviewScheduled.compareAndSet(false, true)) {
            schedule(() -> {
                reviewScheduled.set(false);
                reviewAll();
                reviewAfterHoldDown();
            }, left + 1);
        }
    }

    private void post(String id) {
        try {
            executor.execute(() -> heal(id));
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void heal(String id) {
        if (!busy.add(id)) {
            again.add(id);
            return;
        }
        CompletableFuture<Void> work;
        try {
            work = healNow(id);
        } catch (RuntimeException e) {
            log.warn("Could not heal flow {}", id, e);
            work = CompletableFuture.completedFuture(null);
        }
        work.whenComplete((v, e) -> {
            if (e != null) {
                log.warn("Could not heal flow {}", id, e);
            }
            busy.remove(id);
            if (again.remove(id)) {
                post(id);
            }
        });
    }

    private CompletableFuture<Void> healNow(String id) {
        // Only the leader acts on a flow; the other nodes need not even read
        // it (on ONOS's Raft store each read is a round trip).
        if (!leadership.isLeader()) {
            return done();
        }
        QosFlow flow = store.get(id).orElse(null);
        if (flow == null || !watches(flow)
                || flow.state() != QosFlow.State.INSTALLED && flow.state() != QosFlow.State.DEGRADED) {
            return done();
        }
        Optional<NetworkFlowSpec> known = flow.spec();
        if (known.isEmpty()) {
            return done();
        }
        NetworkFlowSpec spec = known.get();
        Optional<String> failure = health.failureOf(flow.path());
        if (!spec.reroute()) {
            reportPath(flow, failure);
            return done();
        }
        Host src;
        Host dst;
        try {
            src = routes.hostOf(spec.src(), QosFlowPlanner.NETWORK_FIELD + ".src");
            dst = routes.hostOf(spec.dst(), QosFlowPlanner.NETWORK_FIELD + ".dst");
        } catch (FlowSocketException e) {
            // A host vanished with its switch: the anchor is gone.
            if (leadership.isLeader()) {
                degrade(flow, NO_PATH, failure.orElse(null), e.getMessage());
            }
            return done();
        }
        if (!leadership.isLeader()) {
            return done();
        }
        Hop first = flow.path().get(0);
        Hop last = flow.path().get(flow.path().size() - 1);
        String cause = failure.orElse(
                !src.location().equals(new ConnectPoint(first.deviceId(), first.inPort()))
                        ? "host " + src.id() + " moved to " + src.location()
                        : !dst.location().equals(new ConnectPoint(last.deviceId(), last.outPort()))
                        ? "host " + dst.id() + " moved to " + dst.location() : null);
        if (cause == null && (flow.state() == QosFlow.State.INSTALLED || !ownDegradation(flow))) {
            return done();
        }
        List<Hop> path;
        try {
            path = admission.reroutePath(id, spec, src, dst);
        } catch (FlowSocketException e) {
            if (cause != null) {
                degrade(flow, e.code() == ErrorCode.NO_CAPACITY ? NO_CAPACITY : NO_PATH, cause, e.getMessage());
            }
            // Otherwise the old reason stands: a link of a path may be held down.
            reviewAfterHoldDown();
            return done();
        }
        boolean newPath = !path.equals(flow.path());
        if (!newPath && failure.isPresent()) {
            // E.g. the port of a host is down: the only path crosses what failed.
            degrade(flow, NO_PATH, cause, "the only path from " + src.id() + " to " + dst.id() + " crosses it");
            return done();
        }
        if (newPath && !limiter.allows(id)) {
            degrade(flow, REROUTE_LIMITED, cause, "flow " + id + " changed path " + settings.get().maxPerMinute()
                    + " times within a minute (rerouteMaxPerMinute); it is tried again when that allows");
            schedule(() -> post(id), limiter.nextAllowedInMillis(id));
            return done();
        }
        boolean samePath = path.equals(flow.path());
        return change.apply(flow, spec, path).thenAccept(refused -> {
            if (refused.isPresent()) {
                degrade(flow, refused.get().code(), cause, refused.get().detail());
            } else if (!samePath) {
                limiter.changed(id);
            }
        });
    }

    // A flow that stays on its path is DEGRADED while the path is broken, INSTALLED again once it is whole.
    private void reportPath(QosFlow flow, Optional<String> failure) {
        if (!leadership.isLeader()) {
            return;
        }
        if (failure.isPresent()) {
            degrade(flow, PATH_FAILED, failure.get(), "the flow keeps its path (reroute false)");
        } else if (ownDegradation(flow) && health.usable(flow.path())) {
            store.update(flow.id(), h -> h.state() == QosFlow.State.DEGRADED && ownDegradation(h)
                    ? h.withState(QosFlow.State.INSTALLED, null) : h);
        } else if (ownDegradation(flow)) {
            reviewAfterHoldDown();
        }
    }




    private void degrade(QosFlow flow, String code, String cause, String detail) {
        String reason = code + ": " + (cause == null ? "" : cause + "; ") + detail;
        store.update(flow.id(), h -> (h.state() == QosFlow.State.INSTALLED || h.state() == QosFlow.State.DEGRADED)
                && !reason.equals(h.reason()) ? h.withState(QosFlow.State.DEGRADED, reason) : h);
        log.info("Flow {} degraded: {}", flow.id(), reason);
    }

    // Degraded by this rerouter, not by a rule removed behind FlowSocket's back.
    private static boolean ownDegradation(QosFlow flow) {
        String reason = flow.reason();
        return flow.state() == QosFlow.State.DEGRADED && reason != null
                && (reason.startsWith(NO_PATH + ":") || reason.startsWith(REROUTE_LIMITED + ":")
                || reason.startsWith(REROUTE_FAILED + ":") || reason.startsWith(PATH_FAILED + ":")
                || reason.startsWith(NO_CAPACITY + ":"));
    }

    /**
     * Lets go of a flow that is gone or FAILED: its bandwidth reservation
     * and its count of path changes. Doing it twice changes nothing.
     *
     * @param id flow id
     */
    public void flowGone(String id) {
        admission.release(id);
        limiter.forget(id);
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

}
