/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

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
import org.onosproject.net.meter.MeterId;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Turns a request into the flow to install: for a network flow, both hosts,
 * the path between them, a rule per hop (both directions if asked) and a
 * meter per device; for rules, only the checks. Every plan is checked
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

    /**
     * Creates a planner.
     *
     * @param appId       FlowSocket's application id, which every rule gets
     * @param store       flow store, for new ids
     * @param lifecycle   flow lifecycle, for the installability checks
     * @param routes      host and path resolution
     * @param ruleBuilder per-hop rule builder
     * @param meters      meter allocator
     */
    public QosFlowPlanner(ApplicationId appId, QosFlowStore store, FlowLifecycle lifecycle, RouteFinder routes,
                          QosRuleBuilder ruleBuilder, MeterAllocator meters) {
        this.appId = appId;
        this.store = store;
        this.lifecycle = lifecycle;
        this.routes = routes;
        this.ruleBuilder = ruleBuilder;
        this.meters = meters;
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
     * @throws FlowSocketException if a host is unknown, there is no path, or a rule is installed already
     */
    public Plan network(NetworkFlowSpec spec, String owner, long timeoutMillis) {
        Host src = routes.hostOf(spec.src(), NETWORK_FIELD + ".src");
        Host dst = routes.hostOf(spec.dst(), NETWORK_FIELD + ".dst");
        List<List<Hop>> directions = new ArrayList<>();
        directions.add(routes.hops(src, dst));
        if (spec.bidirectional()) {
            directions.add(routes.hops(dst, src));
        }
        lifecycle.checkInstallable(rules(spec, directions, Map.of()), NETWORK_FIELD);
        MeterAllocation allocation = spec.meterKbps().isPresent()
                ? meters.allocate(devicesOf(directions), spec.meterKbps().get(), spec.meterBurstKb().orElse(null),
                                  timeoutMillis)
                : MeterAllocation.none();
        try {
            Map<DeviceId, MeterId> meterOf = allocation.meters().stream()
                    .collect(Collectors.toMap(QosFlowMeter::deviceId, QosFlowMeter::meterId));
            QosFlow flow = QosFlow.builder().id(store.nextId()).kind(QosFlow.Kind.NETWORK).owner(owner)
                    .spec(spec)
                    .rules(rules(spec, directions, meterOf)).meters(allocation.meters()).build();
            return new Plan(flow, allocation.installed());
        } catch (RuntimeException e) {
            meters.release(allocation.meters());
            throw e;
        }
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

    // One rule per hop; the second direction swaps the spec's ends.
    private List<FlowRule> rules(NetworkFlowSpec spec, List<List<Hop>> directions, Map<DeviceId, MeterId> meterOf) {
        ImmutableList.Builder<FlowRule> rules = ImmutableList.builder();
        NetworkFlowSpec direction = spec;
        for (List<Hop> hops : directions) {
            for (Hop hop : hops) {
                rules.add(ruleBuilder.rule(direction, hop, meterOf.get(hop.deviceId())));
            }
            direction = direction.reverse();
        }
        return rules.build();
    }

    private static Set<DeviceId> devicesOf(List<List<Hop>> directions) {
        Set<DeviceId> devices = new LinkedHashSet<>();
        directions.forEach(hops -> hops.forEach(hop -> devices.add(hop.deviceId())));
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
