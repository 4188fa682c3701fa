/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One flow handle's traffic: each hop's counters and rates (each rule, as
 * its switch counted it), and end to end the traffic entering the network
 * at the ingress hops and leaving it at the egress hops. Immutable.
 * <p>
 * A network flow has one path per direction (its rules are stored path by
 * path, each path's rules matching the same source address): the ingress
 * hop is a path's first rule, the egress hop its last; a bidirectional
 * flow adds up both paths. A device flow's rules are taken as one path in
 * the order given.
 */
public final class FlowTraffic {

    private final String flowId;
    private final List<Hop> hops;
    private final List<Hop> ingress;
    private final List<Hop> egress;

    private FlowTraffic(String flowId, List<Hop> hops, List<Hop> ingress, List<Hop> egress) {
        this.flowId = flowId;
        this.hops = hops;
        this.ingress = ingress;
        this.egress = egress;
    }

    /**
     * Measures a flow's traffic.
     *
     * @param flow    the flow handle
     * @param current each rule's latest sample, null where ONOS has no entry
     * @param earlier each rule's earlier sample, null where there is none
     * @return the flow's traffic
     */
    public static FlowTraffic of(QosFlow flow, Function<FlowRule, RuleSample> current,
                                 Function<FlowRule, RuleSample> earlier) {
        ImmutableList.Builder<Hop> hops = ImmutableList.builder();
        ImmutableList.Builder<Hop> ingress = ImmutableList.builder();
        ImmutableList.Builder<Hop> egress = ImmutableList.builder();
        for (List<FlowRule> path : paths(flow)) {
            List<Hop> measured = new ArrayList<>(path.size());
            for (FlowRule rule : path) {
                RuleSample now = current.apply(rule);
                measured.add(new Hop(rule, now, now == null ? null : now.since(earlier.apply(rule))));
            }
            hops.addAll(measured);
            ingress.add(measured.get(0));
            egress.add(measured.get(measured.size() - 1));
        }
        return new FlowTraffic(flow.id(), hops.build(), ingress.build(), egress.build());
    }

    /** @return the flow handle's id */
    public String flowId() {
        return flowId;
    }

    /** @return bits per second entering the network, over the latest window */
    public long bitRate() {
        return ingress.stream().filter(h -> h.rate != null).mapToLong(h -> h.rate.bitRate()).sum();
    }

    /**
     * Tells whether ONOS has counters of any hop newer than those of an
     * earlier reading.
     *
     * @param earlier each rule's earlier sample, null where there is none
     * @return true if there is something new to tell
     */
    public boolean newerThan(Function<FlowRule, RuleSample> earlier) {
        return hops.stream().anyMatch(h -> h.sample != null && h.sample.newerThan(earlier.apply(h.rule)));
    }

    /** @return every rule of the flow, path by path */
    public List<Hop> hops() {
        return hops;
    }

    /** @return the first hop of each path, where the traffic enters the network */
    public List<Hop> ingress() {
        return ingress;
    }

    /** @return the last hop of each path, where the traffic leaves the network */
    public List<Hop> egress() {
        return egress;
    }

    // A network flow's rules path by path: a new path starts where the source address changes.
    private static List<List<FlowRule>> paths(QosFlow flow) {
        List<List<FlowRule>> paths = new ArrayList<>();
        List<FlowRule> path = new ArrayList<>();
        Criterion source = null;
        for (FlowRule rule : flow.rules()) {
            Criterion ruleSource = rule.selector().getCriterion(Criterion.Type.IPV4_SRC);
            if (flow.kind() == QosFlow.Kind.NETWORK && !path.isEmpty() && !Objects.equals(source, ruleSource)) {
                paths.add(path);
                path = new ArrayList<>();
            }
            source = ruleSource;
            path.add(rule);
        }
        if (!path.isEmpty()) {
            paths.add(path);
        }
        return paths;
    }

    /** One rule of the flow: its latest sample and the traffic since the earlier one. */
    public static final class Hop {
        private final FlowRule rule;
        private final RuleSample sample;
        private final TrafficRate rate;

        /**
         * Creates a hop.
         *
         * @param rule   the rule
         * @param sample its latest sample, or null
         * @param rate   traffic since the earlier sample, or null
         */
        public Hop(FlowRule rule, RuleSample sample, TrafficRate rate) {
            this.rule = rule;
            this.sample = sample;
            this.rate = rate;
        }

        /** @return the rule */
        public FlowRule rule() {
            return rule;
        }

        /** @return its latest sample, or null if ONOS has no entry */
        public RuleSample sample() {
            return sample;
        }

        /** @return traffic since the earlier sample, or null if ONOS has no entry */
        public TrafficRate rate() {
            return rate;
        }
    }
}
