/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.impl.CoreFixture;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * An ONOS application installs, follows and removes a confirmed QoS flow
 * through org.flowsocket.api alone; the fixture only stands in for ONOS's
 * injecting the service and for the hosts the network has.
 */
public class VoiceCallsTest {

    private static final IpAddress ALICE = IpAddress.valueOf("10.0.0.1");
    private static final IpAddress BOB = IpAddress.valueOf("10.0.0.3");

    private final BlockingQueue<QosFlowEvent> events = new LinkedBlockingQueue<>();
    private final QosFlowListener listener = events::add;
    private CoreFixture onos;
    private VoiceCalls app;

    @Before
    public void setUp() {
        onos = new CoreFixture();
        onos.addHost("00:00:00:00:00:01", ALICE, 1);
        onos.addHost("00:00:00:00:00:03", BOB, 3);
        app = new VoiceCalls();
        app.qosFlowService = onos.manager;
        app.qosFlowService.addListener(listener);
    }

    @After
    public void tearDown() {
        app.qosFlowService.removeListener(listener);
        onos.stop();
    }

    @Test
    public void callIsInstalledOnEveryHopBothWaysAndHangUpRemovesIt() throws Exception {
        QosFlow flow = app.call(ALICE, BOB).get(10, TimeUnit.SECONDS);
        assertEquals(QosFlow.State.INSTALLED, flow.state());
        assertEquals(QosFlow.Kind.NETWORK, flow.kind());
        assertEquals(VoiceCalls.APP_NAME, flow.owner());
        assertEquals("three hops, two directions", 6, flow.rules().size());
        assertTrue(flow.rules().stream().allMatch(r -> r.priority() == 50000));

        assertEquals(QosFlowEvent.Type.FLOW_ADDED, next().type());
        QosFlowEvent installed = next();
        assertEquals(QosFlowEvent.Type.FLOW_UPDATED, installed.type());
        assertEquals(QosFlow.State.INSTALLED, installed.subject().state());
        assertEquals(QosFlow.State.PENDING, installed.prevSubject().state());

        List<QosFlow> mine = app.qosFlowService.getFlows(QosFlowFilter.builder().owner(VoiceCalls.APP_NAME)
                                                                 .state(QosFlow.State.INSTALLED).build());
        assertEquals(List.of(flow.id()), mine.stream().map(QosFlow::id).collect(Collectors.toList()));

        app.hangUp(flow.id()).get(10, TimeUnit.SECONDS);
        assertFalse(app.qosFlowService.getFlow(flow.id()).isPresent());
        QosFlowEvent last = next();
        while (last.type() != QosFlowEvent.Type.FLOW_REMOVED) {
            assertEquals(QosFlow.State.REMOVING, last.subject().state());
            last = next();
        }
        assertEquals(flow.id(), last.subject().id());
    }

    @Test
    public void callToAnUnknownHostFailsWithItsCode() throws Exception {
        CompletableFuture<QosFlow> call = app.call(ALICE, IpAddress.valueOf("10.0.0.99"));
        FlowSocketException error = failure(call);
        assertEquals(ErrorCode.UNKNOWN_HOST, error.code());
        assertEquals("network.dst", error.field());
        assertEquals("UNKNOWN_HOST: no host known to ONOS has IP address 10.0.0.99; add it with AddNode first"
                     + " (network.dst)",
                     call.handle((flow, e) -> VoiceCalls.whyNot(e)).get(10, TimeUnit.SECONDS));
        assertTrue(app.qosFlowService.getFlows(QosFlowFilter.ALL).isEmpty());
    }

    @Test
    public void aSecondIdenticalCallIsRefusedAsDuplicate() throws Exception {
        QosFlow first = app.call(ALICE, BOB).get(10, TimeUnit.SECONDS);
        FlowSocketException error = failure(app.call(ALICE, BOB));
        assertEquals(ErrorCode.DUPLICATE_FLOW, error.code());
        assertEquals(first.id(), error.flowId());
    }

    @Test
    public void callASwitchRefusesFailsWithTheRefusedRulesInItsDetails() throws Exception {
        onos.refuseRulesOn(2);
        FlowSocketException error = failure(app.call(ALICE, BOB));
        assertEquals(ErrorCode.FLOW_REFUSED, error.code());
        assertNotNull("the failed flow is named", error.flowId());
        JsonNode refused = error.details().get("refused");
        assertEquals("both directions' rules on s2", 2, refused.size());
        assertTrue(refused.findValuesAsText("deviceId").stream().allMatch("of:0000000000000002"::equals));
        // The error is a value: what a caller does to the details it got does not change it.
        ((ObjectNode) error.details()).removeAll();
        assertEquals(refused, error.details().get("refused"));
        assertEquals(QosFlow.State.FAILED, app.qosFlowService.getFlow(error.flowId()).orElseThrow().state());
    }

    @Test
    public void hangingUpAnUnknownCallFailsTheFutureWithUnknownFlow() throws Exception {
        FlowSocketException error = failure(app.hangUp("fs-404"));
        assertEquals(ErrorCode.UNKNOWN_FLOW, error.code());
        assertEquals("flowId", error.field());
        assertEquals("fs-404", error.flowId());
    }

    @Test
    public void aRemovalWaitOutOfRangeFailsTheFutureNamingTheField() throws Exception {
        QosFlow flow = app.call(ALICE, BOB).get(10, TimeUnit.SECONDS);
        FlowSocketException error = failure(app.qosFlowService.remove(flow.id(), false, 5));
        assertEquals(ErrorCode.INVALID_FIELD, error.code());
        assertEquals("timeoutMillis", error.field());
        assertEquals(QosFlow.State.INSTALLED, app.qosFlowService.getFlow(flow.id()).orElseThrow().state());
    }

    @Test
    public void anIncompleteRequestIsRefusedByItsBuilderNamingTheField() {
        try {
            QosFlowRequest.builder().owner(VoiceCalls.APP_NAME).build();
            fail("a request without a flow was built");
        } catch (FlowSocketException e) {
            assertEquals(ErrorCode.MISSING_FIELD, e.code());
            assertEquals("network", e.field());
        }
    }

    // The future's exceptional completion: the FlowSocketException itself, as
    // whenComplete and handle see it, and the cause of what get() throws.
    private static FlowSocketException failure(CompletableFuture<QosFlow> future) throws Exception {
        Throwable error = future.handle((flow, e) -> e).get(10, TimeUnit.SECONDS);
        assertTrue("not a FlowSocketException: " + error, error instanceof FlowSocketException);
        try {
            future.get();
            fail("failed, yet get() returned");
        } catch (ExecutionException e) {
            assertSame(error, e.getCause());
        }
        return (FlowSocketException) error;
    }

    private QosFlowEvent next() throws InterruptedException {
        QosFlowEvent event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull("no QoS flow event", event);
        return event;
    }
}
