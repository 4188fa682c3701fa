/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.junit.After;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Waiting for ONOS to drop removed rules on a node that hears no
 * RULE_REMOVED: ONOS raises it on the device's master only.
 */
public class RuleRemovalsTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean listed = new AtomicBoolean(true);
    private final RuleRemovals removals = new RuleRemovals(timer, rules -> listed.get() ? Set.copyOf(rules) : Set.of());
    private final FlowRule rule = DefaultFlowRule.builder().forDevice(DeviceId.deviceId("of:0000000000000001"))
            .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1)).build())
            .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
            .withPriority(100).fromApp(new org.onosproject.core.DefaultApplicationId(7, "test"))
            .makePermanent().build();

    @After
    public void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    public void ruleGoneWithoutAnEventIsSeenGoneLongBeforeTheDeadline() throws Exception {
        CompletableFuture<Void> gone = removals.awaitGone(List.of(rule), 20_000);
        Thread.sleep(100);
        listed.set(false);
        gone.get(RuleRemovals.POLL_MILLIS * 4, TimeUnit.MILLISECONDS);
    }

    @Test
    public void ruleStillListedAtTheDeadlineFails() throws Exception {
        CompletableFuture<Void> gone = removals.awaitGone(List.of(rule), 700);
        try {
            gone.get(5, TimeUnit.SECONDS);
            fail("a rule ONOS still lists was taken for gone");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof RuleRemovals.StillListed);
        }
    }
}
