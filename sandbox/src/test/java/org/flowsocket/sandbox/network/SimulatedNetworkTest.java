/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.testkit.Waits;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IpPrefix;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Path;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowEntry.FlowEntryState;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleListener;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.DefaultBand;
import org.onosproject.net.meter.DefaultMeterRequest;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterContext;
import org.onosproject.net.meter.MeterEvent;
import org.onosproject.net.meter.MeterFailReason;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterListener;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.meter.MeterService;
import org.onosproject.net.meter.MeterState;
import org.onosproject.net.topology.PathService;
import org.onosproject.net.topology.TopologyService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The simulated network drives ONOS's real managers: topology, paths, flow
 * batches with acknowledgements and refusals, and device availability.
 */
public class SimulatedNetworkTest {

    private static final DeviceId S1 = NetworkSpec.switchId(1);
    private static final DeviceId S2 = NetworkSpec.switchId(2);
    private static final DeviceId S3 = NetworkSpec.switchId(3);

    private SandboxCore core;
    private SimulatedNetwork network;
    private ApplicationId appId;

    @Before
    public void setUp() {
        // A core per test: the quicker memory store (the network keeps no state in it).
        core = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start();
        network = new SimulatedNetwork(core.services(), NetworkSpec.linear(3)).start();
        appId = core.get(CoreService.class).registerApplication("org.flowsocket.sandbox.test");
    }

    @After
    public void tearDown() {
        network.close();
        core.close();
    }

    @Test
    public void linearTopologyHasDevicesLinksAndAPath() throws Exception {
        DeviceService devices = core.get(DeviceService.class);
        assertEquals(3, devices.getDeviceCount());
        assertTrue(devices.isAvailable(S1) && devices.isAvailable(S2) && devices.isAvailable(S3));
        assertEquals(3, devices.getPorts(S2).size());
        assertEquals(4, core.get(LinkService.class).getLinkCount());
        assertEquals(3, core.get(HostService.class).getHostCount());

        TopologyService topology = core.get(TopologyService.class);
        waitFor("topology with 3 devices and 4 links", () ->
                topology.currentTopology().deviceCount() == 3
                        && topology.currentTopology().linkCount() == 4);

        Set<Path> paths = core.get(PathService.class).getPaths(S1, S3);
        assertEquals(1, paths.size());
        Path path = paths.iterator().next();
        assertEquals(2, path.links().size());
        assertEquals(new ConnectPoint(S1, PortNumber.portNumber(2)), path.src());
        assertEquals(new ConnectPoint(S3, PortNumber.portNumber(2)), path.dst());
    }

    @Test
    public void treeTopology() {
        NetworkSpec tree = NetworkSpec.tree(2, 3);
        assertEquals(4, tree.switches().size());
        assertEquals(3, tree.links().size());
        assertEquals(9, tree.hosts().size());
        // root s1 reaches s2 on port 1; s2's uplink is port 4
        NetworkSpec.Link first = tree.links().get(0);
        assertEquals(new ConnectPoint(NetworkSpec.switchId(1), PortNumber.portNumber(1)), first.one());
        assertEquals(new ConnectPoint(NetworkSpec.switchId(2), PortNumber.portNumber(4)), first.two());
    }

    @Test
    public void batchIsConfirmedAfterAckAndRuleReachesAdded() throws Exception {
        network.faults().setAckLatency(Duration.ofMillis(200));
        List<FlowRuleEvent.Type> events = new CopyOnWriteArrayList<>();
        FlowRuleListener listener = e -> events.add(e.type());
        FlowRuleService flows = core.get(FlowRuleService.class);
        flows.addListener(listener);

        FlowRule rule = rule(S1, 10, "10.0.0.1/32");
        Outcome outcome = new Outcome();
        long start = System.nanoTime();
        flows.apply(FlowRuleOperations.builder().add(rule).build(outcome));

        assertTrue("confirmed", outcome.success.get(5, TimeUnit.SECONDS));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue("confirmation waited for the switch (" + elapsedMs + " ms)", elapsedMs >= 150);
        waitFor("rule ADDED", () -> state(flows, rule) == FlowEntryState.ADDED);
        assertTrue(events.contains(FlowRuleEvent.Type.RULE_ADD_REQUESTED));
        assertTrue(events.contains(FlowRuleEvent.Type.RULE_ADDED));
        assertEquals(1, network.flowTable(S1).size());

        // Removal goes through the switch as well.
        Outcome removal = new Outcome();
        flows.apply(FlowRuleOperations.builder().remove(rule).build(removal));
        assertTrue(removal.success.get(5, TimeUnit.SECONDS));
        waitFor("rule removed", () -> state(flows, rule) == null);
        assertTrue(events.contains(FlowRuleEvent.Type.RULE_REMOVED));
        assertTrue(network.flowTable(S1).isEmpty());
        flows.removeListener(listener);
    }

    @Test
    public void refusedRuleFailsWithItsName() throws Exception {
        FlowRule good = rule(S2, 10, "10.0.0.1/32");
        FlowRule bad = rule(S2, 20, "10.0.0.2/32");
        Refusal refusal = network.faults().refuse(S2,
                r -> r.priority() == 20, FlowModFailure.TABLE_FULL);

        Outcome outcome = new Outcome();
        FlowRuleService flows = core.get(FlowRuleService.class);
        flows.apply(FlowRuleOperations.builder().add(good).add(bad).build(outcome));

        FlowRuleOperations failed = outcome.error.get(5, TimeUnit.SECONDS);
        List<FlowRule> failedRules = new ArrayList<>();
        for (FlowRuleOperation op : failed.stages().get(0)) {
            failedRules.add(op.rule());
        }
        assertEquals(1, failedRules.size());
        assertEquals(bad, failedRules.get(0));
        assertEquals(bad.id(), failedRules.get(0).id());
        FlowEntry entry = (FlowEntry) failedRules.get(0);
        assertEquals(FlowEntryState.FAILED, entry.state());
        assertEquals(FlowModFailure.ERROR_TYPE, entry.errType());
        assertEquals(FlowModFailure.TABLE_FULL.code(), entry.errCode());
        assertFalse(outcome.success.isDone());

        // the accepted half of the batch is on the switch and ADDED
        waitFor("good rule ADDED", () -> state(flows, good) == FlowEntryState.ADDED);
        assertEquals(1, network.flowTable(S2).size());
        assertEquals(1, refusal.refusedCount());

        // lifting the refusal: ONOS's next statistics round re-sends the rule
        refusal.close();
        network.pollStatistics();
        assertTrue(network.awaitQuiet(Duration.ofSeconds(5)));
        waitFor("bad rule ADDED after retry", () -> state(flows, bad) == FlowEntryState.ADDED);
    }

    @Test
    public void wholeBatchRefused() throws Exception {
        network.faults().refuseAll(S3, FlowModFailure.EPERM);
        Outcome outcome = new Outcome();
        core.get(FlowRuleService.class).apply(FlowRuleOperations.builder()
                .add(rule(S3, 10, "10.0.0.1/32")).add(rule(S3, 11, "10.0.0.2/32")).build(outcome));
        assertEquals(2, outcome.error.get(5, TimeUnit.SECONDS).stages().get(0).size());
        assertTrue(network.flowTable(S3).isEmpty());
    }

    @Test
    public void deviceDownAndUp() throws Exception {
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        DeviceListener listener = events::add;
        DeviceService devices = core.get(DeviceService.class);
        devices.addListener(listener);

        FlowRule rule = rule(S2, 10, "10.0.0.3/32");
        Outcome outcome = new Outcome();
        FlowRuleService flows = core.get(FlowRuleService.class);
        flows.apply(FlowRuleOperations.builder().add(rule).build(outcome));
        assertTrue(outcome.success.get(5, TimeUnit.SECONDS));

        network.deviceDown(S2);
        assertFalse(devices.isAvailable(S2));
        assertTrue(events.stream().anyMatch(e -> e.type() == DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED
                && e.subject().id().equals(S2)));
        assertEquals(0, core.get(LinkService.class).getLinkCount());

        // a batch to a switch that is down fails
        Outcome unreachable = new Outcome();
        flows.apply(FlowRuleOperations.builder().add(rule(S2, 30, "10.0.0.9/32")).build(unreachable));
        assertNotNull(unreachable.error.get(5, TimeUnit.SECONDS));

        events.clear();
        network.deviceUp(S2);
        assertTrue(devices.isAvailable(S2));
        assertTrue(events.stream().anyMatch(e -> e.type() == DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED));
        assertEquals(4, core.get(LinkService.class).getLinkCount());
        // the switch kept the rule it had accepted
        assertTrue(network.flowTable(S2).stream().anyMatch(e -> e.equals(rule)));
        waitFor("rule still ADDED", () -> state(flows, rule) == FlowEntryState.ADDED);
        devices.removeListener(listener);
    }

    @Test
    public void aRuleNamingAMeterTheSwitchLacksIsNotInstalledThoughOnosConfirmsTheBatch() throws Exception {
        FlowRule metered = DefaultFlowRule.builder().forDevice(S1)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(IpPrefix.valueOf("10.0.0.9/32")).build())
                .withTreatment(DefaultTrafficTreatment.builder().meter(MeterId.meterId(7))
                        .setOutput(PortNumber.portNumber(1)).build())
                .withPriority(10).fromApp(appId).makePermanent().build();
        Outcome outcome = new Outcome();
        FlowRuleService flows = core.get(FlowRuleService.class);
        flows.apply(FlowRuleOperations.builder().add(metered).build(outcome));
        // The switch answers METER_MOD_FAILED, which ONOS's OpenFlow provider does not pass on.
        assertTrue("ONOS confirms the batch at the barrier", outcome.success.get(5, TimeUnit.SECONDS));
        assertTrue(network.awaitQuiet(Duration.ofSeconds(5)));
        assertEquals("the switch keeps no rule naming a meter it lacks", List.of(), network.flowTable(S1));
        network.pollStatistics();
        assertTrue(network.awaitQuiet(Duration.ofSeconds(5)));
        assertEquals("ONOS never sees it ADDED", FlowEntryState.PENDING_ADD, state(flows, metered));
    }

    @Test
    public void meterIsConfirmedOnlyWhenTheSwitchMetersAreRead() throws Exception {
        assertEquals("ONOS's default meterStatsPollInterval", Duration.ofSeconds(10), network.meterStatsInterval());
        AtomicInteger reads = new AtomicInteger();
        network.addMeterStatsListener(d -> {
            if (d.equals(S1)) {
                reads.incrementAndGet();
            }
        });
        // Restarts the reads: the next one comes 1 s from now, then every 2 s.
        network.setMeterStatsInterval(Duration.ofSeconds(2));
        int before = reads.get();
        MeterService meters = core.get(MeterService.class);
        List<MeterEvent.Type> events = new CopyOnWriteArrayList<>();
        MeterListener listener = e -> events.add(e.type());
        meters.addListener(listener);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        MeterRequest request = DefaultMeterRequest.builder()
                .forDevice(S1)
                .fromApp(appId)
                .withUnit(Meter.Unit.KB_PER_SEC)
                .withBands(List.of(DefaultBand.builder().ofType(Band.Type.DROP)
                        .withRate(1000).burstSize(100).build()))
                .burst()
                .withContext(new MeterContext() {
                    @Override
                    public void onSuccess(MeterRequest op) {
                        done.complete(true);
                    }

                    @Override
                    public void onError(MeterRequest op, MeterFailReason reason) {
                        done.complete(false);
                    }
                })
                .add();
        Meter meter = meters.submit(request);
        waitFor("the switch holds the meter", () -> network.meterTable(S1).size() == 1);
        boolean confirmed = done.isDone();
        if (reads.get() == before) {
            assertFalse("ONOS confirms a meter only from a statistics read", confirmed);
            assertEquals(MeterState.PENDING_ADD, meters.getMeter(S1, meter.meterCellId()).state());
        }
        assertTrue("meter confirmed", done.get(5, TimeUnit.SECONDS));
        assertTrue("by a statistics read", reads.get() > before);
        assertEquals(MeterId.meterId(1), meter.meterCellId());
        waitFor("meter ADDED", () -> meters.getMeter(S1, meter.meterCellId()).state() == MeterState.ADDED);
        assertTrue(events.contains(MeterEvent.Type.METER_ADDED));
        assertEquals(1, network.meterTable(S1).size());

        // A removal is followed by a read at once (forceStatsAfterMeterRemoval).
        meters.withdraw(request, meter.meterCellId());
        waitFor("meter removed", () -> meters.getMeter(S1, meter.meterCellId()) == null);
        assertTrue(network.meterTable(S1).isEmpty());
        meters.removeListener(listener);
    }

    private FlowRule rule(DeviceId device, int priority, String dst) {
        return DefaultFlowRule.builder()
                .forDevice(device)
                .withSelector(DefaultTrafficSelector.builder()
                        .matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(IpPrefix.valueOf(dst)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .withPriority(priority)
                .fromApp(appId)
                .makePermanent()
                .build();
    }

    private static FlowEntryState state(FlowRuleService flows, FlowRule rule) {
        for (FlowEntry e : flows.getFlowEntries(rule.deviceId())) {
            if (e.equals(rule)) {
                return e.state();
            }
        }
        return null;
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        // Some states change only with the switches' next statistics, every 5 s:
        // two rounds and a margin.
        Waits.until(what, Duration.ofSeconds(12), condition);
    }

    private static final class Outcome implements FlowRuleOperationsContext {
        final CompletableFuture<Boolean> success = new CompletableFuture<>();
        final CompletableFuture<FlowRuleOperations> error = new CompletableFuture<>();

        @Override
        public void onSuccess(FlowRuleOperations ops) {
            success.complete(true);
        }

        @Override
        public void onError(FlowRuleOperations ops) {
            error.complete(ops);
        }
    }
}
