/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.api.TrafficClass;
import org.flowsocket.impl.flow.QosFlowPlanner;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.PortCriterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.meter.MeterId;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * QosFlowPlanner on its own: hosts to path to one rule per hop and
 * direction, meters per device, and the checks before anything is sent.
 */
public class QosFlowPlannerTest extends FlowPartsTestBase {

    private static final IpAddress H1 = IpAddress.valueOf("10.0.0.1");
    private static final IpAddress H3 = IpAddress.valueOf("10.0.0.3");

    @Test
    public void networkFlowHasOneRulePerHopAndDirection() {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(H1, H3).protocol(IpProto.TCP).dstPort(TpPort.tpPort(443))
                .trafficClass(TrafficClass.CRITICAL).bidirectional(true).build();
        QosFlow flow = parts.planner.network(spec, "alice", 1000).flow();
        assertEquals(QosFlow.State.PENDING, flow.state());
        assertEquals(QosFlow.Kind.NETWORK, flow.kind());
        assertEquals("alice", flow.owner());
        assertEquals(spec, flow.spec().orElseThrow());
        // Forward s1 3->2, s2 1->2, s3 1->3; reverse s3 3->1, s2 2->1, s1 2->3.
        assertEquals(List.of("1:3>2", "2:1>2", "3:1>3", "3:3>1", "2:2>1", "1:2>3"),
                     flow.rules().stream().map(QosFlowPlannerTest::hop).collect(Collectors.toList()));
        assertTrue(flow.rules().stream().allMatch(r -> r.priority() == TrafficClass.CRITICAL.priority()
                && r.appId() == FlowParts.APP_ID.id()));
        assertTrue(flow.meters().isEmpty());
    }

    @Test
    public void meteredFlowGetsOneMeterPerDeviceOnEveryRuleThere() throws Exception {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(H1, H3).meter(2000L, 100L).build();
        QosFlowPlanner.Plan plan = parts.planner.network(spec, "alice", 1000);
        plan.metersInstalled().get(5, TimeUnit.SECONDS);
        QosFlow flow = plan.flow();
        assertEquals(3, flow.meters().size());
        for (FlowRule rule : flow.rules()) {
            Instruction meter = rule.treatment().metered();
            assertNotNull("no meter on " + rule.deviceId(), meter);
            assertEquals(flow.meters().stream().filter(m -> m.deviceId().equals(rule.deviceId()))
                                 .findFirst().get().meterId(), ((Instructions.MeterInstruction) meter).meterId());
        }
        assertTrue(flow.meters().stream().allMatch(m -> m.rateKbps() == 2000));
    }

    @Test
    public void policedFlowGetsOneMeterAtTheReservedRateOnTheIngressOfEachDirection() throws Exception {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(H1, H3).bandwidthKbps(3000L).police(true)
                .bidirectional(true).build();
        QosFlowPlanner.Plan plan = parts.planner.network(spec, "alice", 1000);
        plan.metersInstalled().get(5, TimeUnit.SECONDS);
        QosFlow flow = plan.flow();
        // Forward enters at s1, reverse at s3; the forward ingress's meter first.
        assertEquals(List.of(FakeDevices.id(1), FakeDevices.id(3)),
                     flow.meters().stream().map(QosFlowMeter::deviceId).collect(Collectors.toList()));
        assertTrue(flow.meters().stream().allMatch(m -> m.rateKbps() == 3000 && m.burstKb() == null));
        // Rules: s1 s2 s3 forward, s3 s2 s1 back; only each direction's first rule is metered.
        List<MeterId> expected = Arrays.asList(flow.meters().get(0).meterId(), null, null,
                                               flow.meters().get(1).meterId(), null, null);
        assertEquals(expected, flow.rules().stream().map(QosFlowPlannerTest::meterOf).collect(Collectors.toList()));
        assertEquals(2, parts.meters.live().size());
    }

    @Test
    public void policedOneWayFlowMetersItsSourceSwitchOnlyWithTheBurstGiven() throws Exception {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(H1, H3).bandwidthKbps(800L).meter(null, 40L).police(true)
                .build();
        QosFlow flow = parts.planner.network(spec, "alice", 1000).flow();
        assertEquals(List.of(new QosFlowMeter(FakeDevices.id(1), flow.meters().get(0).meterId(), 800, 40L)),
                     flow.meters());
        assertEquals(flow.meters().get(0).meterId(), meterOf(flow.rules().get(0)));
        assertNull(meterOf(flow.rules().get(1)));
        assertNull(meterOf(flow.rules().get(2)));
    }

    @Test
    public void unknownHostIsTypedAndNamesTheEnd() {
        expect(ErrorCode.UNKNOWN_HOST, "network.dst",
               () -> parts.planner.network(NetworkFlowSpec.builder(H1, IpAddress.valueOf("10.0.0.9")).build(),
                                           "alice", 1000));
    }

    @Test
    public void cutLineHasNoPath() {
        parts.paths.cut(2);
        expect(ErrorCode.NO_PATH, null,
               () -> parts.planner.network(NetworkFlowSpec.builder(H1, H3).build(), "alice", 1000));
    }

    @Test
    public void ruleAlreadyOwnedByAnotherFlowIsDuplicate() {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(H1, H3).build();
        // Stored as FlowLifecycle stores it, naming this node as the one
        // installing it: a PENDING flow naming no node is what an earlier
        // release left, and the leader settles it as FAILED at its next look.
        QosFlow first = parts.planner.network(spec, "alice", 1000).flow()
                .withState(QosFlow.State.PENDING, null, parts.leadership.localNode());
        parts.store.create(first);
        parts.departed.settle();
        try {
            parts.planner.network(spec, "bob", 1000);
            fail("planned a flow whose rules another flow owns");
        } catch (FlowSocketException e) {
            assertEquals(ErrorCode.DUPLICATE_FLOW, e.code());
            assertEquals(first.id(), e.flowId());
        }
    }

    @Test
    public void rulesOfAnotherApplicationBecomeFlowSockets() {
        FlowRule foreign = DefaultFlowRule.builder().forDevice(FakeDevices.id(2)).withPriority(100)
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
                .fromApp(new DefaultApplicationId(99, "org.example")).makeTemporary(30).build();
        FlowRule owned = parts.planner.rules(List.of(foreign), "bob").flow().rules().get(0);
        assertEquals(FlowParts.APP_ID.id(), owned.appId());
        assertEquals(foreign.selector(), owned.selector());
        assertEquals(foreign.treatment(), owned.treatment());
        assertEquals(30, owned.timeout());
    }

    @Test
    public void ruleOnAnUnknownDeviceIsRefusedBeforeAnythingIsSent() {
        FlowRule rule = DefaultFlowRule.builder().forDevice(DeviceId.deviceId("of:00000000000000ff"))
                .withPriority(100).withSelector(DefaultTrafficSelector.emptySelector())
                .withTreatment(DefaultTrafficTreatment.emptyTreatment()).fromApp(FlowParts.APP_ID)
                .makePermanent().build();
        expect(ErrorCode.UNKNOWN_DEVICE, QosFlowPlanner.RULES_FIELD,
               () -> parts.planner.rules(List.of(rule), "bob"));
        assertEquals(0, parts.switches.batches());
    }

    private static MeterId meterOf(FlowRule rule) {
        Instruction meter = rule.treatment().metered();
        return meter == null ? null : ((Instructions.MeterInstruction) meter).meterId();
    }

    private static String hop(FlowRule rule) {
        long in = ((PortCriterion) rule.selector().getCriterion(Criterion.Type.IN_PORT)).port().toLong();
        long out = rule.treatment().allInstructions().stream().filter(i -> i instanceof Instructions.OutputInstruction)
                .map(i -> ((Instructions.OutputInstruction) i).port().toLong()).findFirst().orElse(-1L);
        return rule.deviceId().toString().substring(rule.deviceId().toString().length() - 1) + ":" + in + ">" + out;
    }

    static void expect(ErrorCode code, String field, Runnable action) {
        try {
            action.run();
            fail("expected " + code);
        } catch (FlowSocketException e) {
            assertEquals(e.getMessage(), code, e.code());
            assertEquals(e.getMessage(), field, e.field());
        }
    }
}
