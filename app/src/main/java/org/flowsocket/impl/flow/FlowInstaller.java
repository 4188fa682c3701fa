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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Submits rule batches through {@link FlowRuleService#apply} and turns the
 * switches' answer into a future: completed when ONOS reports the batch
 * confirmed, failed with {@link Refused} naming the rules the switches
 * refused, or with {@link TimedOut} when no answer came in time.
 * <p>
 * A removal waits until ONOS answered the addition of the same rules. ONOS
 * 2.5.6 FlowRuleManager.apply hands each call to a pool of 32 threads
 * (operationsService), and each device batch to another (deviceInstallers),
 * so two calls reach the store and the switch in either order: a removal
 * that overtakes its addition is dropped by the store (ECFlowRuleStore has no
 * rule to mark PENDING_REMOVE), and the addition then leaves the rule on the
 * switch, ADDED, for ever. ONOS answers every batch: its OpenFlow provider
 * fails one the switch did not answer within 10 s (OpenFlowRuleProvider's
 * pendingBatches); a removal still waits no longer than its own deadline.
 */
public final class FlowInstaller {

    /** Longest a withdrawal waits for ONOS to answer the addition it undoes. */
    static final long WITHDRAW_WAIT_MILLIS = 30_000;

    private final FlowRuleService flowRuleService;
    private final ScheduledExecutorService timer;
    // ONOS's answer to the latest addition of each rule it has not answered
    // yet; a rule's entry goes with that answer.
    private final Map<RuleKey, CompletableFuture<Void>> unansweredAdds = new ConcurrentHashMap<>();
    // Withdrawals waiting for those answers, by rule: an addition of the rule
    // meanwhile (a new flow now owns it) takes it out of the withdrawal.
    private final Map<RuleKey, Object> waitingWithdrawals = new ConcurrentHashMap<>();

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
        if (!waitingWithdrawals.isEmpty()) {
            rules.forEach(rule -> waitingWithdrawals.remove(new RuleKey(rule)));
        }
        return submit(ops, rules, timeoutMillis);
    }

    /**
     * Removes rules.
     *
     * @param rules         rules to remove
     * @param timeoutMillis how long to wait for the switches
     * @return future completed on confirmation
     */
    public CompletableFuture<Void> remove(Collection<FlowRule> rules, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        return additionsAnswered(rules, timeoutMillis).thenCompose(v -> {
            FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
            rules.forEach(ops::remove);
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            return submit(ops, List.of(), Math.max(1, left));
        });
    }

    /**
     * Removes rules without waiting for the switches; used to roll back. It
     * is sent once ONOS answered their addition (at most
     * {@link #WITHDRAW_WAIT_MILLIS}), without the rules added again meanwhile.
     *
     * @param rules rules to remove
     */
    public void withdraw(Collection<FlowRule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        Object withdrawal = new Object();
        rules.forEach(r -> waitingWithdrawals.put(new RuleKey(r), withdrawal));
        additionsAnswered(rules, WITHDRAW_WAIT_MILLIS).thenRun(() -> {
            FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
            int count = 0;
            for (FlowRule rule : rules) {
                if (waitingWithdrawals.remove(new RuleKey(rule), withdrawal)) {
                    ops.remove(rule);
                    count++;
                }
            }
            if (count > 0) {
                flowRuleService.apply(ops.build());
            }
        });
    }

    // Completes when ONOS answered the additions of these rules it had not
    // answered yet, or after waitMillis.
    private CompletableFuture<Void> additionsAnswered(Collection<FlowRule> rules, long waitMillis) {
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (FlowRule rule : rules) {
            CompletableFuture<Void> answer = unansweredAdds.get(new RuleKey(rule));
            if (answer != null && !answers.contains(answer)) {
                answers.add(answer);
            }
        }
        if (answers.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
                .handle((v, e) -> null);
        try {
            ScheduledFuture<?> cap = timer.schedule(() -> all.complete(null), waitMillis, TimeUnit.MILLISECONDS);
            all.whenComplete((v, e) -> cap.cancel(false));
        } catch (RejectedExecutionException e) {
            // The component is stopping: nothing will wait for the answers.
            all.complete(null);
        }
        return all;
    }

    private CompletableFuture<Void> submit(FlowRuleOperations.Builder ops, Collection<FlowRule> added,
                                           long timeoutMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        FlowRuleOperations operations = ops.build(new FlowRuleOperationsContext() {
            @Override
            public void onSuccess(FlowRuleOperations confirmed) {
                answered.complete(null);
                done.complete(null);
            }

            @Override
            public void onError(FlowRuleOperations failed) {
                answered.complete(null);
                done.completeExceptionally(new Refused(rulesOf(failed)));
            }
        });
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(() -> {
                done.completeExceptionally(new TimedOut(timeoutMillis));
                // ONOS answers within about 10 s; an answer that never comes is not waited for for ever.
                timer.schedule(() -> answered.complete(null), WITHDRAW_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The component is stopping: submit nothing rather than rules nobody would wait for.
            done.completeExceptionally(new FlowSocketException(ErrorCode.UNAVAILABLE,
                    "FlowSocket is stopping; nothing was sent to the switches"));
            return done;
        }
        done.whenComplete((v, e) -> deadline.cancel(false));
        List<RuleKey> addedKeys = new ArrayList<>(added.size());
        added.forEach(rule -> addedKeys.add(new RuleKey(rule)));
        addedKeys.forEach(key -> unansweredAdds.put(key, answered));
        answered.whenComplete((v, e) -> addedKeys.forEach(key -> unansweredAdds.remove(key, answered)));
        try {
            flowRuleService.apply(operations);
        } catch (RuntimeException e) {
            answered.complete(null);
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
