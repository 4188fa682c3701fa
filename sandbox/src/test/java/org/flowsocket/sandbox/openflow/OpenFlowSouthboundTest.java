/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.Waits;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpPrefix;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.PortStatistics;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowEntry.FlowEntryState;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.DefaultBand;
import org.onosproject.net.meter.DefaultMeterRequest;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterService;
import org.onosproject.net.meter.MeterState;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsType;
import org.projectfloodlight.openflow.protocol.OFType;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The southbound against a switch played by the test ({@link FakeSwitch}):
 * handshake to device, batches confirmed on the barrier reply, a refused
 * rule named by the switch's error, statistics to ADDED, meters, disconnect.
 * Runs in the normal build, without Open vSwitch.
 */
public class OpenFlowSouthboundTest {

    private static final long DPID = 0xaaL;
    private static final DeviceId DEVICE = DeviceId.deviceId("of:00000000000000aa");

    private SandboxCore core;
    private OpenFlowSouthbound southbound;
    private FakeSwitch sw;
    private ApplicationId appId;

    @Before
    public void setUp() throws Exception {
        // A core per test: the quicker memory store (the southbound keeps no state in it).
        core = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start();
        southbound = new OpenFlowSouthbound(core.services(), NetworkSpec.parse("none"),
                new InetSocketAddress("127.0.0.1", 0)).start();
        appId = core.get(CoreService.class).registerApplication("org.flowsocket.sandbox.test");
        sw = new FakeSwitch(southbound.address(), DPID);
        assertTrue("handshake", southbound.awaitDevices(1, Duration.ofSeconds(10)));
    }

    @After
    public void tearDown() throws Exception {
        sw.close();
        southbound.close();
        core.close();
    }

    @Test
    public void handshakeMakesADeviceWithPorts() throws Exception {
        DeviceService devices = core.get(DeviceService.class);
        waitFor("device available", () -> devices.isAvailable(DEVICE));
        // The device is announced first, then its ports.
        waitFor("ports", () -> devices.getPorts(DEVICE).size() == 2);
        Device d = devices.getDevice(DEVICE);
        assertEquals(OpenFlowSouthbound.PROVIDER_ID, d.providerId());
        assertEquals("FlowSocket", d.manufacturer());
        assertEquals("fake switch", d.hwVersion());
        assertEquals("fake", d.annotations().value("name"));
        assertEquals("OF_13", d.annotations().value("protocol"));
        assertEquals(Set.of(1L, 2L), devices.getPorts(DEVICE).stream().map(p -> p.number().toLong())
                .collect(Collectors.toSet()));
        assertTrue(sw.received.stream().anyMatch(m -> m.getType() == OFType.SET_CONFIG));
    }

    @Test
    public void portStatisticsArePolledAndReachOnos() throws Exception {
        DeviceService devices = core.get(DeviceService.class);
        // As ONOS's PortStatsCollector: PORT stats for every port, first a second after connecting.
        waitFor("port statistics", () -> devices.getPortStatistics(DEVICE).size() == 2);
        assertTrue(sw.received.stream().anyMatch(m -> m.getType() == OFType.STATS_REQUEST
                && ((OFStatsRequest<?>) m).getStatsType() == OFStatsType.PORT));
        PortStatistics port2 = devices.getStatisticsForPort(DEVICE, PortNumber.portNumber(2));
        assertEquals(20, port2.packetsReceived());
        assertEquals(40, port2.packetsSent());
        assertEquals(2000, port2.bytesReceived());
        assertEquals(7, port2.durationSec());
    }

    @Test
    public void batchIsConfirmedAfterTheBarrierAndRulesReachAdded() throws Exception {
        FlowRule a = rule(1, "10.0.0.1/32");
        FlowRule b = rule(2, "10.0.0.2/32");
        CompletableFuture<Boolean> outcome = apply(FlowRuleOperations.builder().add(a).add(b));
        assertTrue("onSuccess", outcome.get(10, TimeUnit.SECONDS));
        // The FLOW_MODs came before the barrier, each with its own xid.
        List<OFMessage> sent = sw.received.stream()
                .filter(m -> m.getType() == OFType.FLOW_MOD || m.getType() == OFType.BARRIER_REQUEST)
                .collect(Collectors.toList());
        assertEquals(List.of(OFType.FLOW_MOD, OFType.FLOW_MOD, OFType.BARRIER_REQUEST),
                sent.stream().map(OFMessage::getType).collect(Collectors.toList()));
        assertEquals(Set.of(a.id().value(), b.id().value()), sw.table.keySet());
        waitFor("rules ADDED with the switch's counters", () -> {
            List<FlowEntry> entries = entries();
            return entries.size() == 2 && entries.stream()
                    .allMatch(e -> e.state() == FlowEntryState.ADDED && e.packets() == 3);
        });

        assertTrue("removal confirmed", apply(FlowRuleOperations.builder().remove(a)).get(10, TimeUnit.SECONDS));
        assertEquals(Set.of(b.id().value()), sw.table.keySet());
        assertTrue(sw.received.stream().anyMatch(m -> m.getType() == OFType.FLOW_MOD
                && ((org.projectfloodlight.openflow.protocol.OFFlowMod) m).getCommand()
                == OFFlowModCommand.DELETE_STRICT));
        waitFor("removed rule gone from ONOS", () -> entries().size() == 1);
    }

    @Test
    public void refusedRuleComesBackWithTheSwitchError() throws Exception {
        FlowRule good = rule(2, "10.0.0.1/32");
        FlowRule bad = rule(9, "10.0.0.2/32");   // the fake switch has ports 1 and 2 only
        CompletableFuture<List<FlowRule>> failed = new CompletableFuture<>();
        core.get(FlowRuleService.class).apply(FlowRuleOperations.builder().add(good).add(bad)
                .build(new FlowRuleOperationsContext() {
                    @Override
                    public void onSuccess(FlowRuleOperations ops) {
                        failed.complete(List.of());
                    }

                    @Override
                    public void onError(FlowRuleOperations ops) {
                        failed.complete(ops.stages().stream().flatMap(Set::stream)
                                .map(org.onosproject.net.flow.FlowRuleOperation::rule)
                                .collect(Collectors.toList()));
                    }
                }));
        List<FlowRule> refused = failed.get(10, TimeUnit.SECONDS);
        assertEquals(1, refused.size());
        FlowEntry entry = (FlowEntry) refused.get(0);
        assertEquals(bad.id(), entry.id());
        assertEquals(FlowEntryState.FAILED, entry.state());
        assertEquals(OfErrors.BAD_ACTION, entry.errType());
        assertEquals(OfErrors.BAD_ACTION_OUT_PORT, entry.errCode());
        assertEquals("the rest of the batch is on the switch", Set.of(good.id().value()), sw.table.keySet());
    }

    @Test
    public void meterReachesAddedOnlyFromTheSwitchMeterStatistics() throws Exception {
        assertEquals("ONOS's default meterStatsPollInterval", Duration.ofSeconds(10),
                     southbound.meterStatsInterval());
        MeterService meters = core.get(MeterService.class);
        waitFor("meter features", () -> statsRequests(OFStatsType.METER_FEATURES) > 0);
        Thread.sleep(200);
        // Restarts the reads: the next one 1 s from now, then every 2 s.
        southbound.setMeterStatsInterval(Duration.ofSeconds(2));
        long readsBefore = statsRequests(OFStatsType.METER);
        Meter meter = meters.submit(DefaultMeterRequest.builder().forDevice(DEVICE).fromApp(appId)
                .withUnit(Meter.Unit.KB_PER_SEC)
                .withBands(Set.of(DefaultBand.builder().ofType(Band.Type.DROP).withRate(512).build())).add());
        waitFor("METER_MOD ADD", () -> sw.meters.containsKey(meter.id().id()));
        boolean added = meters.getMeter(DEVICE, meter.id()).state() == MeterState.ADDED;
        if (statsRequests(OFStatsType.METER) == readsBefore) {
            assertFalse("no ADDED before ONOS reads the switch's meters", added);
        }
        List<OFMessage> received = List.copyOf(sw.received);
        int meterMod = received.indexOf(sw.meterMods.get(0));
        assertTrue("no barrier after a METER_MOD, as ONOS sends none", received.subList(meterMod, received.size())
                .stream().noneMatch(m -> m.getType() == OFType.BARRIER_REQUEST));
        waitFor("meter ADDED", () -> meters.getMeters(DEVICE).stream()
                .anyMatch(m -> m.id().equals(meter.id()) && m.state() == MeterState.ADDED));
        assertTrue(statsRequests(OFStatsType.METER) > readsBefore);

        // A removal is followed at once by a read (forceStatsAfterMeterRemoval), which purges it.
        southbound.setMeterStatsInterval(Duration.ofSeconds(60));
        Thread.sleep(1500);
        meters.withdraw(DefaultMeterRequest.builder().forDevice(DEVICE).fromApp(appId)
                .withUnit(Meter.Unit.KB_PER_SEC)
                .withBands(Set.of(DefaultBand.builder().ofType(Band.Type.DROP).withRate(512).build())).remove(),
                meter.id());
        waitFor("meter purged", () -> meters.getMeter(DEVICE, meter.id()) == null);
        assertTrue(sw.meters.isEmpty());
    }

    @Test
    public void ruleUsingAMeterTheSwitchLacksIsRefused() throws Exception {
        FlowRule metered = DefaultFlowRule.builder().forDevice(DEVICE).fromApp(appId).withPriority(40000)
                .makePermanent().withSelector(DefaultTrafficSelector.builder().matchEthType((short) 0x0800).build())
                .withTreatment(DefaultTrafficTreatment.builder().meter(MeterId.meterId(7))
                        .setOutput(PortNumber.portNumber(1)).build())
                .build();
        assertFalse("refused, not held back", apply(FlowRuleOperations.builder().add(metered))
                .get(10, TimeUnit.SECONDS));
        assertTrue(sw.table.isEmpty());
    }

    @Test
    public void lostConnectionDisconnectsTheDevice() throws Exception {
        DeviceService devices = core.get(DeviceService.class);
        waitFor("device available", () -> devices.isAvailable(DEVICE));
        sw.close();
        waitFor("device unavailable", () -> !devices.isAvailable(DEVICE));
        assertEquals(Set.of(), southbound.connectedDevices());
        // A batch for it fails at once.
        assertEquals(false, apply(FlowRuleOperations.builder().add(rule(1, "10.0.0.3/32")))
                .get(10, TimeUnit.SECONDS));
    }

    private FlowRule rule(int outPort, String dst) {
        return DefaultFlowRule.builder().forDevice(DEVICE).fromApp(appId).withPriority(40000).makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchEthType((short) 0x0800)
                        .matchIPDst(IpPrefix.valueOf(dst)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setIpDscp((byte) 46)
                        .setOutput(PortNumber.portNumber(outPort)).build())
                .build();
    }

    private CompletableFuture<Boolean> apply(FlowRuleOperations.Builder ops) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        core.get(FlowRuleService.class).apply(ops.build(new FlowRuleOperationsContext() {
            @Override
            public void onSuccess(FlowRuleOperations o) {
                outcome.complete(true);
            }

            @Override
            public void onError(FlowRuleOperations o) {
                outcome.complete(false);
            }
        }));
        return outcome;
    }

    private long statsRequests(OFStatsType type) {
        return sw.received.stream().filter(m -> m.getType() == OFType.STATS_REQUEST
                && ((OFStatsRequest<?>) m).getStatsType() == type).count();
    }

    private List<FlowEntry> entries() {
        return StreamSupport.stream(core.get(FlowRuleService.class).getFlowEntries(DEVICE).spliterator(), false)
                .collect(Collectors.toList());
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        Waits.until(what, Duration.ofSeconds(10), condition);
    }
}
