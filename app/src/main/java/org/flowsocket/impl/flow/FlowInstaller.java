/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableList;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Submits rule batches through {@link FlowRuleService#apply} and turns the
 * switches' answer into a future: completed when ONOS reports the batch
 * confirmed, failed with {@link Refused} naming the rules the switches
 * refused, or with {@link TimedOut} when no answer came in time.
 */
public final class FlowInstaller {

    private final FlowRuleService flowRuleService;
    private final ScheduledExecutorService timer;

    /**
     * Creates an installer.
     *
     * @param flowRuleService ONOS flow rule service
     * @param timer           scheduler for confirmation deadlines
     */
    public FlowInstaller(FlowRuleService flowRuleService, ScheduledExecutorService timer) {
        this.flowRuleService = flowRuleService;
        this.timer = timer;
    }

    /**
     * Installs rules.
     *
     * @param rules         rules to add
     * @param timeoutMillis how long to wait for the switches
     * @return future completed on confirmation
     */
    public CompletableFuture<Void> install(Collection<FlowRule> rules, long timeoutMillis) {
        FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
        rules.forEach(ops::add);
        return submit(ops, timeoutMillis);
    }

    /**
     * Removes rules.
     *
     * @param rules         rules to remove
     * @param timeoutMillis how long to wait for the switches
     * @return future completed on confirmation
     */
    public CompletableFuture<Void> remove(Collection<FlowRule> rules, long timeoutMillis) {
        FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
        rules.forEach(ops::remove);
        return submit(ops, timeoutMillis);
    }

    /**
     * Removes rules without waiting for anything; used to roll back.
     *
     * @param rules rules to remove
     */
    public void withdraw(Collection<FlowRule> rules) {
        if (!rules.isEmpty()) {
            FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
            rules.forEach(ops::remove);
            flowRuleService.apply(ops.build());
        }
    }

    private CompletableFuture<Void> submit(FlowRuleOperations.Builder ops, long timeoutMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        FlowRuleOperations operations = ops.build(new FlowRuleOperationsContext() {
            @Override
            public void onSuccess(FlowRuleOperations confirmed) {
                done.complete(null);
            }

            @Override
            public void onError(FlowRuleOperations failed) {
                done.completeExceptionally(new Refused(rulesOf(failed)));
            }
        });
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(() -> done.completeExceptionally(new TimedOut(timeoutMillis)),
                                      timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The component is stopping: submit nothing rather than rules nobody would wait for.
            done.completeExceptionally(new FlowSocketException(ErrorCode.UNAVAILABLE,
                    "FlowSocket is stopping; nothing was sent to the switches"));
            return done;
        }
        done.whenComplete((v, e) -> deadline.cancel(false));
        try {
            flowRuleService.apply(operations);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private static List<FlowRule> rulesOf(FlowRuleOperations ops) {
        return ops.stages().stream().flatMap(Collection::stream).map(FlowRuleOperation::rule)
                .collect(ImmutableList.toImmutableList());
    }

    /** The switches refused some rules of a batch. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<FlowRule> rules;

        Refused(List<FlowRule> rules) {
            super(rules.size() + " rule(s) refused");
            this.rules = rules;
        }

        /** @return the refused rules */
        public List<FlowRule> rules() {
            return rules;
        }
    }

    /** No confirmation came in time. */
    public static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut(long millis) {
            super("no confirmation from the switches within " + millis + " ms");
        }
    }
}
