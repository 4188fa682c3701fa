/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.Hop;
import com.google.common.collect.ImmutableList;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.api.QosFlowStore;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.FlowRule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Turns a request into the flow to install: for a network flow, both hosts,
 * the path between them, a rule per hop (both directions if asked) and its
 * meters (see {@link MeterPlacement}); for rules, only the checks. Every plan is checked
 * against the flows already installed before anything is sent.
 */
public final class QosFlowPlanner {

    /** Request field of a network flow, which errors about it name. */
    public static final String NETWORK_FIELD = "network";
    /** Request field of rules given device by device, which errors about them name. */
    public static final String RULES_FIELD = "rules";

    private final ApplicationId appId;
    private final QosFlowStore store;
    private final FlowLifecycle lifecycle;
    private final RouteFinder routes;
    private final QosRuleBuilder ruleBuilder;
    private final MeterAllocator meters;
    private final BandwidthAdmission admission;

    /**
     * Creates a planner.
     *
     * @param appId       FlowSocket's application id, which every rule gets
     * @param store       flow store, for new ids
     * @param lifecycle   flow lifecycle, for the installability checks
     * @param routes      host and path resolution
     * @param ruleBuilder per-hop rule builder
     * @param meters      meter allocator
     * @param admission   path choice and reservation of flows that reserve bandwidth
     */
    public QosFlowPlanner(ApplicationId appId, QosFlowStore store, FlowLifecycle lifecycle, RouteFinder routes,
                          QosRuleBuilder ruleBuilder, MeterAllocator meters, BandwidthAdmission admission) {
        this.appId = appId;
        this.store = store;
        this.lifecycle = lifecycle;
        this.routes = routes;
        this.ruleBuilder = ruleBuilder;
        this.meters = meters;
        this.admission = admission;
    }

    /**
     * Plans a flow of rules given device by device. A rule of another
     * application is taken as FlowSocket's, so that the flow can track it.
     *
     * @param rules the rules, at least one
     * @param owner who installs them
     * @return the flow, state PENDING
     * @throws FlowSocketException if a device is unknown or a rule installed already
     */
    public Plan rules(List<FlowRule> given, String owner) {
        List<FlowRule> rules = given.stream().map(this::owned).collect(ImmutableList.toImmutableList());
        if (rules.isEmpty()) {
            throw FlowSocketException.invalid(RULES_FIELD, "must hold at least one flow");
        }
        lifecycle.checkInstallable(rules, RULES_FIELD);
        QosFlow flow = QosFlow.builder().id(store.nextId()).kind(QosFlow.Kind.DEVICE).owner(owner)
                .rules(rules).build();
        return new Plan(flow, CompletableFuture.completedFuture(null));
    }

    /**
     * Plans a network flow and allocates its meters, if it has any. The
     * caller installs the plan, or releases its meters.
     *
     * @param spec          the flow between two hosts
     * @param owner         who installs it
     * @param timeoutMillis how long ONOS may take to install the meters
     * @return the flow, state PENDING, with ONOS's report of its meters
     * @throws FlowSocketException if a host is unknown, there is no path, no path with the bandwidth to
     *                             reserve, or a rule is installed already
     */
    public Plan network(NetworkFlowSpec spec, String owner, long timeoutMillis) {
        Host src = routes.hostOf(spec.src(), NETWORK_FIELD + ".src");
        Host dst = routes.hostOf(spec.dst(), NETWORK_FIELD + ".dst");
        String id = store.nextId();
        List<Hop> path = admission.newPath(id, spec, src, dst);
        lifecycle.checkInstallable(rules(spec, path, List.of()), NETWORK_FIELD);
        // Taken before anything is sent; released with the flow, or here if planning fails.
        admission.reserve(id, spec, path);
        MeterAllocation allocation = MeterAllocation.none();
        try {
            allocation = allocateMeters(spec, MeterPlacement.of(spec, path).devices(), timeoutMillis);
            QosFlow flow = QosFlow.builder().id(id).kind(QosFlow.Kind.NETWORK).owner(owner)
                    .spec(spec)
                    .rules(rules(spec, path, allocation.meters())).meters(allocation.meters()).path(path).build();
            return new Plan(flow, allocation.installed());
        } catch (RuntimeException e) {
            meters.release(allocation.meters());
            admission.release(id);
            throw e;
        }
    }

    /**
     * Allocates a flow's meters on devices, at the flow's meter rate.
     *
     * @param spec          the flow
     * @param devices       one device per meter, as {@link MeterPlacement#devices()} orders them
     * @param timeoutMillis how long ONOS may take to install the meters
     * @return the allocation, none if there are no devices
     */
    MeterAllocation allocateMeters(NetworkFlowSpec spec, List<DeviceId> devices, long timeoutMillis) {
        return devices.isEmpty() || spec.meterRateKbps().isEmpty() ? MeterAllocation.none()
                : meters.allocate(devices, spec.meterRateKbps().get(), spec.meterBurstKb().orElse(null),
                                  timeoutMillis);
    }

    private FlowRule owned(FlowRule rule) {
        if (rule.appId() == appId.id()) {
            return rule;
        }
        FlowRule.Builder copy = DefaultFlowRule.builder().fromApp(appId).forDevice(rule.deviceId())
                .forTable(rule.table()).withPriority(rule.priority()).withSelector(rule.selector())
                .withTreatment(rule.treatment()).withReason(rule.reason()).withHardTimeout(rule.hardTimeout());
        return (rule.isPermanent() ? copy.makePermanent() : copy.makeTemporary(rule.timeout())).build();
    }

    /**
     * Returns a network flow's rules along a path: one per hop, and for a
     * bidirectional flow one per hop of the same path reversed, which swaps
     * the spec's ends (both directions cross the same links, so that one
     * failure moves both and a reservation holds both ways).
     *
     * @param spec   the flow
     * @param path   hops from source to destination host
     * @param meters the flow's meters on this path, in the order of
     *               {@link MeterPlacement#devices()}, or empty for rules without meters
     * @return rules, forward direction first
     */
    public List<FlowRule> rules(NetworkFlowSpec spec, List<Hop> path, List<QosFlowMeter> meters) {
        MeterPlacement placement = MeterPlacement.of(spec, path);
        ImmutableList.Builder<FlowRule> rules = ImmutableList.builder();
        for (int i = 0; i < path.size(); i++) {
            rules.add(ruleBuilder.rule(spec, path.get(i), placement.forward(i, meters)));
        }
        if (spec.bidirectional()) {
            NetworkFlowSpec back = spec.reverse();
            for (int i = path.size() - 1; i >= 0; i--) {
                rules.add(ruleBuilder.rule(back, path.get(i).reverse(), placement.reverse(i, meters)));
            }
        }
        return rules.build();
    }

    /**
     * Returns the devices of a path, in order.
     *
     * @param path hops
     * @return device ids
     */
    public static Set<DeviceId> devicesOf(List<Hop> path) {
        Set<DeviceId> devices = new LinkedHashSet<>();
        path.forEach(hop -> devices.add(hop.deviceId()));
        return devices;
    }

    /**
     * A planned flow, ready for {@link FlowLifecycle#install}.
     */
    public static final class Plan {
        private final QosFlow flow;
        private final CompletableFuture<Void> metersInstalled;

        Plan(QosFlow flow, CompletableFuture<Void> metersInstalled) {
            this.flow = checkNotNull(flow);
            this.metersInstalled = checkNotNull(metersInstalled);
        }

        /**
         * Returns the flow to install.
         *
         * @return flow, state PENDING
         */
        public QosFlow flow() {
            return flow;
        }

        /**
         * Returns ONOS's report that the switches hold the flow's meters.
         *
         * @return future, complete at once for a flow without meters
         */
        public CompletableFuture<Void> metersInstalled() {
            return metersInstalled;
        }
    }
}
