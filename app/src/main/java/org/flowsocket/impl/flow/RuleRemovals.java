/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Waits until ONOS lists none of a set of rules any more. A switch's
 * confirmation of a removal batch does not take a rule out of ONOS's flow
 * store: ONOS keeps it PENDING_REMOVE until the switch's FLOW_REMOVED message
 * or, for a switch that sends none, until the next flow statistics leave it
 * out (ONOS 2.5.6 FlowRuleManager.flowRemoved and flowMissing), and only then
 * raises RULE_REMOVED.
 */
final class RuleRemovals {

    /**
     * How often ONOS's flow store is looked at while waiting. ONOS raises
     * RULE_REMOVED on the device's master only (ONOS 2.5.6
     * ECFlowRuleStore.removeFlowRule), so a removal made on another node of
     * the cluster learns of it by looking.
     */
    static final long POLL_MILLIS = 500;

    private final ScheduledExecutorService timer;
    private final Function<Collection<FlowRule>, Set<FlowRule>> listedByOnos;
    private final Set<Watch> watches = new CopyOnWriteArraySet<>();

    /**
     * Creates the waiter.
     *
     * @param timer        scheduler for deadlines
     * @param listedByOnos of some rules, those ONOS's flow store still has
     */
    RuleRemovals(ScheduledExecutorService timer, Function<Collection<FlowRule>, Set<FlowRule>> listedByOnos) {
        this.timer = timer;
        this.listedByOnos = listedByOnos;
    }

    /**
     * Waits for ONOS to drop rules.
     *
     * @param rules         the rules
     * @param timeoutMillis how long to wait
     * @return future completed once ONOS lists none of them, or failed with
     *         {@link StillListed} at the deadline
     */
    CompletableFuture<Void> awaitGone(Collection<FlowRule> rules, long timeoutMillis) {
        Watch watch = new Watch(rules);
        // Registered before looking, so that no RULE_REMOVED falls in between.
        watches.add(watch);
        watch.future.whenComplete((v, e) -> watches.remove(watch));
        watch.keepListed(listedByOnos);
        watch.completeIfEmpty();
        if (!watch.future.isDone()) {
            pollLater(watch, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        }
        return watch.future;
    }

    private void pollLater(Watch watch, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        try {
            timer.schedule(() -> poll(watch, deadlineNanos),
                           Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            watch.failStillListed();
        }
    }

    /**
     * Follows ONOS's rule events.
     *
     * @param event flow rule event
     */
    void ruleEvent(FlowRuleEvent event) {
        if (event.type() == FlowRuleEvent.Type.RULE_REMOVED) {
            RuleKey gone = new RuleKey(event.subject());
            for (Watch watch : watches) {
                if (watch.remaining.remove(gone) != null) {
                    watch.completeIfEmpty();
                }
            }
        }
    }

    // Looks at ONOS's flow store; at the deadline, fails with what is still listed.
    private void poll(Watch watch, long deadlineNanos) {
        if (watch.future.isDone()) {
            return;
        }
        watch.keepListed(listedByOnos);
        if (watch.completeIfEmpty()) {
            return;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            watch.failStillListed();
        } else {
            pollLater(watch, deadlineNanos);
        }
    }

    // The rules of one wait not yet seen gone, by key: a RULE_REMOVED finds
    // its rule without comparing it to every other.
    private static final class Watch {
        private final Map<RuleKey, FlowRule> remaining = new ConcurrentHashMap<>();
        private final CompletableFuture<Void> future = new CompletableFuture<>();

        Watch(Collection<FlowRule> rules) {
            rules.forEach(rule -> remaining.put(new RuleKey(rule), rule));
        }

        void keepListed(Function<Collection<FlowRule>, Set<FlowRule>> listedByOnos) {
            Set<FlowRule> listed = listedByOnos.apply(remaining.values());
            remaining.values().removeIf(rule -> !listed.contains(rule));
        }

        boolean completeIfEmpty() {
            return remaining.isEmpty() && future.complete(null);
        }

        void failStillListed() {
            future.completeExceptionally(new StillListed(ImmutableList.copyOf(remaining.values())));
        }
    }

    /** ONOS still lists rules the switches confirmed removed. */
    static final class StillListed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<FlowRule> rules;

        StillListed(List<FlowRule> rules) {
            super("ONOS still lists " + rules.size() + " rule(s) PENDING_REMOVE");
            this.rules = new ArrayList<>(rules);
        }

        /** @return the rules ONOS still lists */
        List<FlowRule> rules() {
            return rules;
        }
    }
}
