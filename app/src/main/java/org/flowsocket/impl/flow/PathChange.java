/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableList;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.api.QosFlowStore;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.slf4j.Logger;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Moves a network flow to another path, make before break, under its id:
 * the flow's meters and bandwidth reservation move with it, and whatever
 * the move took is given back if the switches refuse the new path.
 */
final class PathChange {

    private final Logger log = getLogger(getClass());

    private final QosFlowStore store;
    private final QosFlowPlanner planner;
    private final FlowInstaller installer;
    private final MeterAllocator meters;
    private final BandwidthAdmission admission;
    private final Function<FlowRule, FlowEntry> entries;
    private final Supplier<RerouteSettings> settings;
    private final LongSupplier clock;

    PathChange(QosFlowStore store, QosFlowPlanner planner, FlowInstaller installer, MeterAllocator meters,
               BandwidthAdmission admission, Function<FlowRule, FlowEntry> entries,
               Supplier<RerouteSettings> settings, LongSupplier clock) {
        this.store = store;
        this.planner = planner;
        this.installer = installer;
        this.meters = meters;
        this.admission = admission;
        this.entries = entries;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Moves a flow to a path: installs the rules the new path needs, waits
     * for the switches to confirm them, switches the handle to the new rules
     * and path, then removes the rules only the old path used. The same path
     * again (a restored flow) sends only what ONOS lost.
     *
     * @param flow the flow as it is
     * @param spec its spec
     * @param path the path to move it to
     * @return future of what prevented the move; empty once the flow is on
     *         the new path, or was removed meanwhile (then nothing is left of the new path)
     */
    CompletableFuture<Optional<Failure>> apply(QosFlow flow, NetworkFlowSpec spec, List<Hop> path) {
        long started = clock.getAsLong();
        long timeout = settings.get().confirmTimeoutMillis();
        // A meter stays where the new path still needs one (a policed flow's ingress usually stays);
        // where it needs one no meter is on, say the new switch of a moved source host, one is added.
        MeterPlacement placement = MeterPlacement.of(spec, path);
        List<QosFlowMeter> kept = placement.kept(flow.meters());
        MeterAllocation added;
        try {
            added = planner.allocateMeters(spec, placement.missing(kept), timeout);
        } catch (FlowSocketException e) {
            // E.g. the switch a moved host's traffic now enters by has no meters: the flow stays where it is.
            return failed(FlowRerouter.REROUTE_FAILED, e.getMessage());
        }
        List<QosFlowMeter> newMeters = MeterPlacement.merge(kept, added.meters());
        List<FlowRule> rules = planner.rules(spec, path, newMeters);
        List<FlowRule> fresh = rules.stream().filter(r -> !flow.rules().contains(r))
                .collect(ImmutableList.toImmutableList());
        // Reserved atomically, as InstallFlow reserves: of two flows that would
        // share an ONOS flow entry, one gets it.
        Optional<String> taken = store.reserveRules(flow.id(), fresh);
        if (taken.isPresent()) {
            meters.release(added.meters());
            return failed(FlowRerouter.REROUTE_FAILED, "flow " + taken.get()
                    + " already has a rule identical to one of the new path's");
        }
        try {
            // The reservation moves with the flow: the new path's links in place of the old.
            admission.reserve(flow.id(), spec, path);
        } catch (FlowSocketException e) {
            meters.release(added.meters());
            store.releaseRules(flow.id(), fresh);
            return failed(FlowRerouter.NO_CAPACITY, e.getMessage());
        }
        boolean samePath = path.equals(flow.path());
        // A rule the old path has as it is stays, unless ONOS lost it (back on the same path: the switches
        // usually kept their rules); one with the same match but another action is modified in place.
        List<FlowRule> toSend = rules.stream().filter(r -> !keeps(flow.rules(), r) || !inOnos(r))
                .collect(ImmutableList.toImmutableList());
        List<FlowRule> stale = flow.rules().stream().filter(r -> !rules.contains(r))
                .collect(ImmutableList.toImmutableList());
        List<QosFlowMeter> dropped = flow.meters().stream().filter(m -> !newMeters.contains(m))
                .collect(ImmutableList.toImmutableList());
        // The old versions of the rules the new path changes in place, to put back if the move fails.
        List<FlowRule> changedInPlace = flow.rules().stream().filter(o -> rules.contains(o) && !keeps(rules, o))
                .collect(ImmutableList.toImmutableList());
        AtomicBoolean sent = new AtomicBoolean();
        CompletableFuture<Void> confirmed = added.installed().thenCompose(v -> {
            if (toSend.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            sent.set(true);
            return installer.install(toSend, timeout);
        });
        return confirmed.handle((ok, error) -> Optional.ofNullable(error)).thenCompose(error -> {
            if (error.isPresent()) {
                return rollBack(flow, spec, fresh, sent.get() ? toSend : fresh, sent.get() ? changedInPlace : List.of(),
                                added, timeout, error.get());
            }
            AtomicBoolean applied = new AtomicBoolean();
            store.update(flow.id(), h -> {
                boolean live = live(h);
                applied.set(live);
                return live ? h.toBuilder().rules(rules).path(path).meters(newMeters)
                        .state(QosFlow.State.INSTALLED).reason(null).build() : h;
            });
            if (!applied.get()) {
                // Removed meanwhile: its removal takes the old rules, this every rule it sent (the
                // removal may have gone out before them, and a rule changed in place is the flow's).
                installer.withdraw(toSend);
                store.releaseRules(flow.id(), fresh);
                meters.release(added.meters());
                admission.release(flow.id());
                return CompletableFuture.completedFuture(Optional.<Failure>empty());
            }
            log.info("Flow {} {} in {} ms: {} -> {}", flow.id(), samePath ? "restored" : "rerouted",
                     clock.getAsLong() - started, flow.path(), path);
            store.releaseRules(flow.id(), stale);
            if (!stale.isEmpty() || !dropped.isEmpty()) {
                installer.remove(stale, timeout).whenComplete((v, e) -> {
                    if (e != null) {
                        log.warn("Flow {}: the old path's rules were not confirmed removed: {}", flow.id(),
                                 unwrap(e).getMessage());
                    }
                    meters.release(dropped);
                });
            }
            return CompletableFuture.completedFuture(Optional.<Failure>empty());
        });
    }

    /*
     * Make before break is all or nothing: a move the switches did not confirm withdraws the
     * rules only the new path has and puts back the old versions of those it changed in place
     * (sent after the change, so on the same switch connection they land last), so that the
     * switches hold the rules the handle still lists; the flow keeps its old reservation.
     * A flow removed meanwhile gets nothing back and loses every rule the move sent.
     */
    private CompletableFuture<Optional<Failure>> rollBack(QosFlow flow, NetworkFlowSpec spec, List<FlowRule> fresh,
                                                          List<FlowRule> sent, List<FlowRule> changedInPlace,
                                                          MeterAllocation added, long timeout, Throwable error) {
        boolean live = live(flow.id());
        installer.withdraw(live ? fresh : sent);
        store.releaseRules(flow.id(), fresh);
        meters.release(added.meters());
        if (live) {
            keepOldReservation(flow, spec);
        } else {
            admission.release(flow.id());
        }
        String detail = "the switches did not confirm the new path: " + unwrap(error).getMessage();
        CompletableFuture<Void> putBack = changedInPlace.isEmpty() || !live
                ? CompletableFuture.completedFuture(null) : installer.install(changedInPlace, timeout);
        return putBack.handle((v, e) -> {
            if (e == null) {
                return Optional.of(new Failure(FlowRerouter.REROUTE_FAILED, detail));
            }
            log.warn("Flow {}: the old versions of its rules were not confirmed put back: {}", flow.id(),
                     unwrap(e).getMessage());
            return Optional.of(new Failure(FlowRerouter.REROUTE_FAILED, detail
                    + "; the old versions of the rules it changed were not confirmed put back: "
                    + unwrap(e).getMessage()));
        });
    }

    private boolean live(String id) {
        return store.get(id).map(PathChange::live).orElse(false);
    }

    private static boolean live(QosFlow flow) {
        return flow.state() == QosFlow.State.INSTALLED || flow.state() == QosFlow.State.DEGRADED;
    }

    private boolean inOnos(FlowRule rule) {
        FlowEntry entry = entries.apply(rule);
        return entry != null && (entry.state() == FlowEntry.FlowEntryState.ADDED
                || entry.state() == FlowEntry.FlowEntryState.PENDING_ADD);
    }

    // The flow stays on its old path: it keeps what it reserved there, if still free.
    private void keepOldReservation(QosFlow flow, NetworkFlowSpec spec) {
        try {
            admission.reserve(flow.id(), spec, flow.path());
        } catch (FlowSocketException e) {
            log.warn("Flow {} lost its reservation: {}", flow.id(), e.getMessage());
        }
    }

    private static boolean keeps(Collection<FlowRule> old, FlowRule rule) {
        return old.stream().anyMatch(o -> o.equals(rule) && o.treatment().equals(rule.treatment()));
    }

    private static CompletableFuture<Optional<Failure>> failed(String code, String detail) {
        return CompletableFuture.completedFuture(Optional.of(new Failure(code, detail)));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Why a flow could not move: a reason code of {@link FlowRerouter} and what happened. */
    static final class Failure {
        private final String code;
        private final String detail;

        Failure(String code, String detail) {
            this.code = code;
            this.detail = detail;
        }

        String code() {
            return code;
        }

        String detail() {
            return detail;
        }
    }
}
