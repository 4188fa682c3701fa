/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.Hop;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.api.TrafficClass;
import org.flowsocket.impl.codec.NetworkFlowSpecCodec;
import org.flowsocket.impl.codec.RuleForms;
import org.flowsocket.impl.protocol.RequestFields;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.meter.MeterId;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Flow handles live in ONOS's distributed store: every field, including
 * the rules with their QoS actions, must survive the store's serializer.
 */
public class FlowHandleSerializationTest {

    private static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId S2 = DeviceId.deviceId("of:0000000000000002");
    private static final QosRuleBuilder RULES =
            new QosRuleBuilder(new DefaultApplicationId(7, "org.flowsocket.app"));

    public static NetworkFlowSpec spec(String network) {
        try {
            ObjectNode request = (ObjectNode) new ObjectMapper().readTree("{\"network\":" + network + "}");
            return NetworkFlowSpecCodec.decode(RequestFields.of(request).object("network"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final OnosCodecs CODECS = new OnosCodecs();

    // Written by one serializer and read by another, as by two nodes: a
    // serializer reads the rules it wrote itself from its cache.
    private static QosFlow roundTrip(QosFlow handle) {
        byte[] bytes = DistributedQosFlowStore.serializer(CODECS, new RuleForms()).encode(handle);
        QosFlow copy = DistributedQosFlowStore.serializer(CODECS, new RuleForms()).decode(bytes);
        assertNotSame(handle, copy);
        return copy;
    }

    private static void assertSameRules(List<FlowRule> expected, List<FlowRule> actual) {
        assertEquals(expected, actual);
        for (int i = 0; i < expected.size(); i++) {
            FlowRule want = expected.get(i);
            FlowRule got = actual.get(i);
            assertTrue("rule " + i + " differs: " + got, want.exactMatch(got));
            assertEquals(want.treatment().allInstructions(), got.treatment().allInstructions());
            assertEquals(want.selector(), got.selector());
            assertEquals(want.appId(), got.appId());
            assertEquals(want.isPermanent(), got.isPermanent());
            assertEquals(want.timeout(), got.timeout());
        }
    }

    @Test
    public void networkHandleWithQosActionsAndMetersSurvives() {
        NetworkFlowSpec spec = spec("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\",\"protocol\":\"udp\","
                + "\"dstPort\":5060,\"class\":\"voice\",\"qos\":{\"dscp\":40,\"queue\":2,\"meterKbps\":512,"
                + "\"meterBurstKb\":64}}");
        Hop first = new Hop(S1, PortNumber.portNumber(3), PortNumber.portNumber(2));
        Hop second = new Hop(S2, PortNumber.portNumber(1), PortNumber.portNumber(3));
        List<FlowRule> rules = List.of(RULES.rule(spec, first, MeterId.meterId(5)),
                                       RULES.rule(spec.reverse(), second, MeterId.meterId(6)));
        List<Instruction.Type> actions = rules.get(0).treatment().allInstructions().stream()
                .map(Instruction::type).collect(Collectors.toList());
        assertEquals("the rule carries every QoS action", List.of(Instruction.Type.L3MODIFICATION,
                     Instruction.Type.QUEUE, Instruction.Type.OUTPUT), actions);
        assertEquals(MeterId.meterId(5), rules.get(0).treatment().metered().meterId());

        QosFlow handle = QosFlow.builder().id("fs-12").kind(QosFlow.Kind.NETWORK).owner("alice")
                .createdMillis(1_700_000_000_000L).state(QosFlow.State.DEGRADED)
                .reason("device of:0000000000000002 went offline")
                .spec(spec).rules(rules)
                .meters(List.of(new QosFlowMeter(S1, MeterId.meterId(5), 512, null),
                        new QosFlowMeter(S2, MeterId.meterId(6), 512, 64L)))
                .path(List.of(first, second))
                .build();

        QosFlow copy = roundTrip(handle);
        assertEquals(handle, copy);
        assertEquals(List.of(first, second), copy.path());
        assertSameRules(handle.rules(), copy.rules());
        assertEquals(MeterId.meterId(6), copy.meters().get(1).meterId());
        assertEquals(S2, copy.meters().get(1).deviceId());
        assertEquals(handle.reason(), copy.reason());
        assertEquals(handle.spec(), copy.spec());
        assertTrue(copy.touches(S2));
    }

    @Test
    public void rerouteOffAndABandwidthReservationSurvive() {
        NetworkFlowSpec spec = spec("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\",\"reroute\":false,"
                + "\"qos\":{\"bandwidthKbps\":2500}}");
        QosFlow handle = QosFlow.builder().id("fs-14").kind(QosFlow.Kind.NETWORK).owner("bob").spec(spec)
                .path(List.of(new Hop(S1, PortNumber.portNumber(1), PortNumber.portNumber(2)))).build();
        QosFlow copy = roundTrip(handle);
        assertEquals(handle, copy);
        assertFalse(copy.spec().get().reroute());
        assertEquals(Optional.of(2500L), copy.spec().get().bandwidthKbps());
    }

    @Test
    public void aPolicedReservationSurvivesWithItsMetersInOrder() {
        NetworkFlowSpec spec = spec("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\",\"bidirectional\":true,"
                + "\"qos\":{\"bandwidthKbps\":2500,\"police\":true}}");
        QosFlow handle = QosFlow.builder().id("fs-15").kind(QosFlow.Kind.NETWORK).owner("bob").spec(spec)
                .meters(List.of(new QosFlowMeter(S2, MeterId.meterId(7), 2500, null),
                                new QosFlowMeter(S1, MeterId.meterId(3), 2500, null)))
                .path(List.of(new Hop(S2, PortNumber.portNumber(1), PortNumber.portNumber(2)),
                              new Hop(S1, PortNumber.portNumber(1), PortNumber.portNumber(2)))).build();
        QosFlow copy = roundTrip(handle);
        assertEquals(handle, copy);
        assertTrue(copy.spec().get().police());
        assertEquals("the forward ingress's meter stays first", handle.meters(), copy.meters());
    }

    @Test
    public void ipv6TcpTemporaryRulesSurvive() {
        NetworkFlowSpec spec = spec("{\"src\":\"2001:db8::1\",\"dst\":\"2001:db8::2\",\"protocol\":\"tcp\","
                + "\"srcPort\":4000,\"dstPort\":443,\"class\":\"bulk\",\"timeout\":30}");
        FlowRule rule = RULES.rule(spec, new Hop(S1, PortNumber.portNumber(4), PortNumber.portNumber(2)), null);
        QosFlow handle = QosFlow.builder().id("fs-13").kind(QosFlow.Kind.NETWORK).owner("bob")
                .spec(spec).rules(List.of(rule)).build();
        QosFlow copy = roundTrip(handle);
        assertEquals(handle, copy);
        assertSameRules(handle.rules(), copy.rules());
        assertEquals(30, copy.rules().get(0).timeout());
    }

    @Test
    public void actingNodeSurvivesAndLeavesWithTheState() {
        QosFlow removing = QosFlow.builder().id("fs-14").kind(QosFlow.Kind.DEVICE).owner("onos").build()
                .withState(QosFlow.State.REMOVING, "removal requested", "10.0.0.2");
        QosFlow copy = roundTrip(removing);
        assertEquals(removing, copy);
        assertEquals("10.0.0.2", copy.actingNode());
        assertEquals("settled flows have no node acting on them", null,
                     copy.withState(QosFlow.State.DEGRADED, "removal failed").actingNode());
    }

    @Test
    public void nodeCreatedThroughSurvivesEveryState() {
        QosFlow created = QosFlow.builder().id("fs-15").kind(QosFlow.Kind.DEVICE).owner("onos")
                .actingNode("10.0.0.1").createdBy("10.0.0.1").build();
        QosFlow installed = roundTrip(created.withState(QosFlow.State.INSTALLED, null));
        assertEquals("10.0.0.1", installed.createdBy());
        QosFlow removing = roundTrip(installed.withState(QosFlow.State.REMOVING, "removal requested", "10.0.0.3"));
        assertEquals("10.0.0.1", removing.createdBy());
        assertEquals("10.0.0.3", removing.actingNode());
    }

    @Test
    public void bareHandleSurvivesWithNullFields() {
        QosFlow handle = QosFlow.builder().id("fs-1").kind(QosFlow.Kind.DEVICE).owner("onos").build();
        QosFlow copy = roundTrip(handle);
        assertEquals(handle, copy);
        assertEquals(QosFlow.State.PENDING, copy.state());
        assertNull(copy.reason());
        assertTrue(copy.rules().isEmpty());
    }
    @Test
    public void meterIdsOfTenAndMoreSurvive() {
        // ONOS's instruction codec writes meter ids in hex and reads them as decimal.
        NetworkFlowSpec spec = spec("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\",\"class\":\"video\","
                + "\"qos\":{\"meterKbps\":2048}}");
        List<FlowRule> rules = List.of(
                RULES.rule(spec, new Hop(S1, PortNumber.portNumber(1), PortNumber.portNumber(2)), MeterId.meterId(10)),
                RULES.rule(spec, new Hop(S2, PortNumber.portNumber(1), PortNumber.portNumber(2)),
                           MeterId.meterId(4095)));
        QosFlow handle = QosFlow.builder().id("fs-5").kind(QosFlow.Kind.NETWORK).owner("onos")
                .spec(spec).rules(rules).build();
        QosFlow copy = roundTrip(handle);
        assertSameRules(handle.rules(), copy.rules());
        assertEquals(MeterId.meterId(10), copy.rules().get(0).treatment().metered().meterId());
        assertEquals(MeterId.meterId(4095), copy.rules().get(1).treatment().metered().meterId());
    }

    @Test
    public void storedFormNamesEveryFieldOfTheHandleAndItsMeters() {
        QosFlow handle = QosFlow.builder().id("fs-2").kind(QosFlow.Kind.NETWORK).owner("onos")
                .spec(spec("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\"}"))
                .meters(List.of(new QosFlowMeter(S1, MeterId.meterId(3), 512, null))).actingNode("node1").createdBy("node1")
                .path(List.of(new Hop(S1, PortNumber.portNumber(1), PortNumber.portNumber(2)))).build();
        ObjectNode stored = new QosFlowSerializer(CODECS, new RuleForms()).encode(handle);
        // A field added to QosFlow or QosFlowMeter must be added to the stored form too.
        assertEquals(fieldsOf(QosFlow.class, "format"), names(stored));
        assertEquals(fieldsOf(QosFlowMeter.class), names(stored.get("meters").get(0)));
    }

    @Test
    public void handleStoredInFormatOneReadsWithATypedSpecAndWritesBackTheSame() throws IOException {
        // Written by FlowSocket before the handle held its spec typed: the spec as the text of a network object.
        JsonNode stored = new ObjectMapper().readTree(getClass().getResource("qos-flow-format-1.json"));
        QosFlowSerializer serializer = new QosFlowSerializer(CODECS, new RuleForms());
        QosFlow handle = serializer.decode(stored);

        NetworkFlowSpec voice = NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"), IpAddress.valueOf("10.0.0.3"))
                .protocol(IpProto.UDP).dstPort(TpPort.tpPort(5060)).trafficClass(TrafficClass.VOICE).queue(2L)
                .meter(512L, 64L).bidirectional(true).build();
        assertEquals(Optional.of(voice), handle.spec());
        assertEquals(QosFlow.Kind.NETWORK, handle.kind());
        assertEquals(QosFlow.State.INSTALLED, handle.state());
        assertEquals(List.of(new QosFlowMeter(S1, MeterId.meterId(5), 512, 64L)), handle.meters());
        assertSameRules(List.of(RULES.rule(voice, new Hop(S1, PortNumber.portNumber(3), PortNumber.portNumber(2)),
                                           MeterId.meterId(5)),
                                RULES.rule(voice.reverse(), new Hop(S1, PortNumber.portNumber(2),
                                           PortNumber.portNumber(3)), MeterId.meterId(5))),
                        handle.rules());
        assertEquals("the stored form is unchanged", stored.toString(), serializer.encode(handle).toString());
    }

    @Test
    public void storedSpecThatIsNoNetworkObjectIsRefused() {
        QosFlowSerializer serializer = new QosFlowSerializer(CODECS, new RuleForms());
        ObjectNode stored = serializer.encode(QosFlow.builder().id("fs-6").kind(QosFlow.Kind.NETWORK).owner("onos")
                .spec(spec("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\"}")).build());
        stored.put("spec", "{\"src\":\"10.0.0.1\"}");
        IllegalArgumentException e = thrown(IllegalArgumentException.class, () -> serializer.decode(stored));
        assertTrue(e.getMessage(), e.getMessage().startsWith("'dst' is required in "));
    }

    @Test
    public void networkFlowNeedsASpecAndADeviceFlowHasNone() {
        IllegalArgumentException e = thrown(IllegalArgumentException.class, () -> QosFlow.builder().id("fs-8")
                .kind(QosFlow.Kind.NETWORK).owner("onos").build());
        assertEquals("a NETWORK flow needs its network spec", e.getMessage());
        e = thrown(IllegalArgumentException.class, () -> QosFlow.builder().id("fs-9").kind(QosFlow.Kind.DEVICE)
                .owner("onos").spec(spec("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\"}")).build());
        assertEquals("a DEVICE flow takes no network spec", e.getMessage());
    }

    @Test
    public void documentOfAnotherFormatIsRefused() {
        QosFlowSerializer serializer = new QosFlowSerializer(CODECS, new RuleForms());
        ObjectNode stored = serializer.encode(QosFlow.builder().id("fs-3").kind(QosFlow.Kind.DEVICE)
                .owner("onos").build());
        stored.put("format", QosFlowSerializer.FORMAT + 1);
        IllegalStateException e = thrown(IllegalStateException.class, () -> serializer.decode(stored));
        assertEquals("flow handle stored in format 2; this FlowSocket reads format 1", e.getMessage());
    }

    @Test
    public void ruleOnosJsonCannotHoldIsRefusedNotStoredDifferently() {
        // ONOS's criterion codec (2.5 to 2.7) writes an ARP opcode match as its type alone.
        FlowRule rule = DefaultFlowRule.builder().forDevice(S1).withCookie(0x0007_0000_0000_0001L)
                .withPriority(40000).makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_ARP).matchArpOp(1).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
                .build();
        QosFlow handle = QosFlow.builder().id("fs-4").kind(QosFlow.Kind.DEVICE).owner("onos")
                .rules(List.of(rule)).build();
        IllegalArgumentException e = thrown(IllegalArgumentException.class,
                () -> new QosFlowSerializer(CODECS, new RuleForms()).encode(handle));
        assertTrue(e.getMessage(), e.getMessage().startsWith("ONOS's flow JSON cannot hold rule"));
    }

    private static <E extends RuntimeException> E thrown(Class<E> type, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + e, e);
        }
        fail("expected " + type.getSimpleName());
        return null;
    }

    private static Set<String> fieldsOf(Class<?> type, String... more) {
        Set<String> names = Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        names.addAll(List.of(more));
        return names;
    }

    private static Set<String> names(JsonNode json) {
        Set<String> names = new TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
