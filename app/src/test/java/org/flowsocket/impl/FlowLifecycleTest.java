/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.impl.flow.FlowInstaller;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosproject.net.flow.FlowRuleOperations;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * FlowLifecycle on its own: a flow's states as the switches confirm, refuse,
 * lose and regain its rules, and its removal.
 */
public class FlowLifecycleTest extends FlowPartsTestBase {

    private QosFlow planned;

    @Before
    public void planFlow() {
        planned = parts.planner.network(NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"),
                                                                IpAddress.valueOf("10.0.0.3")).build(),
                                        "alice", 1000).flow();
    }

    @Test
    public void confirmedFlowIsInstalledAfterPending() throws Exception {
        QosFlow installed = parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        assertEquals(QosFlow.State.INSTALLED, installed.state());
        assertEquals(3, parts.switches.ruleCount());
        assertEquals(QosFlowEvent.Type.FLOW_ADDED, next().type());
        QosFlowEvent update = next();
        assertEquals(QosFlowEvent.Type.FLOW_UPDATED, update.type());
        assertEquals(QosFlow.State.INSTALLED, update.subject().state());
        assertTrue(update.stateChanged());
    }

    @Test
    public void unconfirmedInstallAnswersPendingAtOnce() throws Exception {
        parts.switches.mode(FakeSwitches.Mode.SILENT);
        CompletableFuture<QosFlow> answer = parts.lifecycle.install(planned, false, 1000);
        assertEquals(QosFlow.State.PENDING, answer.get(1, TimeUnit.SECONDS).state());
    }

    @Test
    public void refusedFlowFailsIsWithdrawnAndStaysVisible() throws Exception {
        parts.switches.refuseOn(FakeDevices.id(2));
        try {
            parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
            fail("a refused flow was installed");
        } catch (ExecutionException e) {
            FlowSocketException error = (FlowSocketException) e.getCause();
            assertEquals(ErrorCode.FLOW_REFUSED, error.code());
            assertEquals(planned.id(), error.flowId());
            assertNotNull(error.details());
        }
        assertEquals("the rules that were accepted are withdrawn", 0, parts.switches.ruleCount());
        assertEquals(QosFlow.State.FAILED, parts.store.get(planned.id()).get().state());
    }

    @Test
    public void unansweredFlowTimesOut() throws Exception {
        parts.switches.mode(FakeSwitches.Mode.SILENT);
        try {
            parts.lifecycle.install(planned, true, 200).get(5, TimeUnit.SECONDS);
            fail("an unconfirmed flow was installed");
        } catch (ExecutionException e) {
            assertEquals(ErrorCode.CONFIRM_TIMEOUT, ((FlowSocketException) e.getCause()).code());
        }
    }

    @Test
    public void lostRuleDegradesAndItsReturnReinstalls() throws Exception {
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        parts.switches.statistics();
        parts.switches.dropRule(planned.rules().get(1));
        assertEquals(QosFlow.State.DEGRADED, state());
        assertTrue(parts.store.get(planned.id()).get().reason().contains("was removed from"));

        // Someone puts it back, e.g. the switch reconnecting with its table.
        parts.switches.apply(FlowRuleOperations.builder().add(planned.rules().get(1)).build());
        assertEquals("ONOS has not reported it ADDED yet", QosFlow.State.DEGRADED, state());
        parts.switches.statistics();
        assertEquals(QosFlow.State.INSTALLED, state());
    }

    @Test
    public void deviceGoingOfflineDegrades() throws Exception {
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        parts.devices.setAvailable(FakeDevices.id(3), false);
        assertEquals(QosFlow.State.DEGRADED, state());
        assertEquals("device " + FakeDevices.id(3) + " went offline",
                     parts.store.get(planned.id()).get().reason());
    }

    @Test
    public void removalDeletesEveryRuleAndForgetsTheFlow() throws Exception {
        parts.lifecycle.install(planned, true, 1000).get(5, TimeUnit.SECONDS);
        parts.switches.statistics();
        QosFlow removed = parts.lifecycle.remove(planned.id(), false, 1000).get(5, TimeUnit.SECONDS);
        assertEquals(planned.id(), removed.id());
        assertEquals(0, parts.switches.ruleCount());
        assertFalse(parts.store.get(planned.id()).isPresent());
    }

    // ONOS takes each apply on a thread of its own: a removal sent before ONOS
    // answered the addition can reach the store first, which drops it, and the
    // addition then leaves the rules on the switches.
    @Test
    public void removalOfAFlowStillBeingAddedWaitsForOnosToAnswerTheAddition() throws Exception {
        parts.switches.mode(FakeSwitches.Mode.HELD);
        assertEquals(QosFlow.State.PENDING, parts.lifecycle.install(planned, false, 1000)
                .get(1, TimeUnit.SECONDS).state());
        CompletableFuture<QosFlow> removal = parts.lifecycle.remove(planned.id(), false, 2000);
        assertEquals("only the addition went to ONOS", 1, parts.switches.heldCount());

        parts.switches.releaseHeldLatestFirst();
        assertEquals(planned.id(), removal.get(5, TimeUnit.SECONDS).id());
        assertEquals("nothing is left on the switches", 0, parts.switches.ruleCount());
        assertFalse(parts.store.get(planned.id()).isPresent());
    }

    @Test
    public void withdrawalAfterATimeoutWaitsForOnosToAnswerTheAddition() throws Exception {
        parts.switches.mode(FakeSwitches.Mode.HELD);
        try {
            parts.lifecycle.install(planned, true, 200).get(5, TimeUnit.SECONDS);
            fail("an unanswered flow was installed");
        } catch (ExecutionException e) {
            assertEquals(ErrorCode.CONFIRM_TIMEOUT, ((FlowSocketException) e.getCause()).code());
        }
        assertEquals("only the addition went to ONOS", 1, parts.switches.heldCount());

        parts.switches.releaseHeldLatestFirst();
        assertEquals("nothing is left on the switches", 0, parts.switches.ruleCount());
    }

    @Test
    public void withdrawalLeavesOutTheRulesAddedAgainWhileItWaited() throws Exception {
        parts.switches.mode(FakeSwitches.Mode.HELD);
        FlowInstaller installer = new FlowInstaller(parts.switches, parts.timer);
        CompletableFuture<Void> first = installer.install(planned.rules(), 100);
        try {
            first.get(5, TimeUnit.SECONDS);
            fail("an unanswered batch was confirmed");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof FlowInstaller.TimedOut);
        }
        installer.withdraw(planned.rules());
        // A new flow takes one of the rules before ONOS answered the first addition.
        CompletableFuture<Void> again = installer.install(planned.rules().subList(0, 1), 1000);

        parts.switches.releaseHeldLatestFirst();
        again.get(5, TimeUnit.SECONDS);
        List<?> left = parts.switches.rules(planned.rules().get(0).deviceId());
        assertEquals("the rule added again stays: " + left, 1, left.size());
        assertEquals(planned.rules().get(0).id(), parts.switches.rules(planned.rules().get(0).deviceId()).get(0).id());
        assertEquals(1, parts.switches.ruleCount());
    }

    @Test
    public void removingAnUnknownFlowIsTyped() {
        QosFlowPlannerTest.expect(ErrorCode.UNKNOWN_FLOW, "flowId",
                                  () -> parts.lifecycle.remove("fs-404", false, 1000));
    }

    private QosFlow.State state() {
        return parts.store.get(planned.id()).get().state();
    }

    private QosFlowEvent next() throws InterruptedException {
        QosFlowEvent event = parts.events.poll(5, TimeUnit.SECONDS);
        assertNotNull("no store event", event);
        return event;
    }
}
