/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.impl.codec.RuleForms;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.meter.MeterId;
import org.onosproject.store.service.Serializer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes and reads flow handles with the flow handle store's serializer, in
 * whatever ONOS release its class loader holds (see
 * {@code FlowHandleAcrossReleasesTest}). The writer stores sample handles;
 * the reader decodes what another release wrote and compares it with the
 * same samples built on its own release.
 */
public final class FlowHandleStorageProbe implements Supplier<byte[][]>, Function<byte[][], String> {

    private static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId S2 = DeviceId.deviceId("of:0000000000000002");

    private final Serializer serializer = DistributedQosFlowStore.serializer(new OnosCodecs(), new RuleForms());

    /** @return the sample handles, serialized */
    @Override
    public byte[][] get() {
        List<QosFlow> samples = samples();
        byte[][] stored = new byte[samples.size()][];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = serializer.encode(samples.get(i));
        }
        return stored;
    }

    /**
     * Reads handles another release wrote.
     *
     * @param stored the serialized sample handles
     * @return empty if each equals its sample on this release, else what differs
     */
    @Override
    public String apply(byte[][] stored) {
        List<QosFlow> samples = samples();
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < stored.length; i++) {
            QosFlow want = samples.get(i);
            QosFlow got;
            try {
                got = serializer.decode(stored[i]);
            } catch (RuntimeException e) {
                differences.add(want.id() + " unreadable: " + e);
                continue;
            }
            if (!want.equals(got)) {
                differences.add(want.id() + " read as " + got);
                continue;
            }
            for (int r = 0; r < want.rules().size(); r++) {
                FlowRule a = want.rules().get(r);
                FlowRule b = got.rules().get(r);
                if (!a.exactMatch(b) || a.appId() != b.appId() || a.timeout() != b.timeout()
                        || a.isPermanent() != b.isPermanent() || a.hardTimeout() != b.hardTimeout()
                        || !a.treatment().allInstructions().equals(b.treatment().allInstructions())) {
                    differences.add(want.id() + " rule " + r + ": " + a + " read as " + b);
                }
            }
        }
        return String.join("\n", differences);
    }

    // A network flow with every QoS action and its meters, an IPv6 TCP flow
    // with a timeout, and an ONOS-JSON flow with VLAN, MAC and table.
    static List<QosFlow> samples() {
        QosRuleBuilder rules = new QosRuleBuilder(new DefaultApplicationId(7, "org.flowsocket.app"));
        NetworkFlowSpec voice = FlowHandleSerializationTest.spec("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\","
                + "\"protocol\":\"udp\",\"dstPort\":5060,\"class\":\"voice\",\"qos\":{\"dscp\":40,\"queue\":2,"
                + "\"meterKbps\":512,\"meterBurstKb\":64}}");
        QosFlow network = QosFlow.builder().id("fs-12").kind(QosFlow.Kind.NETWORK).owner("alice")
                .createdMillis(1_700_000_000_000L).state(QosFlow.State.DEGRADED)
                .reason("device of:0000000000000002 went offline").spec(voice)
                .rules(List.of(rules.rule(voice, new Hop(S1, PortNumber.portNumber(3), PortNumber.portNumber(2)),
                                          MeterId.meterId(5)),
                               rules.rule(voice.reverse(), new Hop(S2, PortNumber.portNumber(1),
                                          PortNumber.portNumber(3)), MeterId.meterId(6))))
                .meters(List.of(new QosFlowMeter(S1, MeterId.meterId(5), 512, null), new QosFlowMeter(S2, MeterId.meterId(6), 512, 64L)))
                .build();
        NetworkFlowSpec bulk = FlowHandleSerializationTest.spec("{\"src\":\"2001:db8::1\",\"dst\":\"2001:db8::2\","
                + "\"protocol\":\"tcp\",\"srcPort\":4000,\"dstPort\":443,\"class\":\"bulk\",\"timeout\":30}");
        QosFlow temporary = QosFlow.builder().id("fs-13").kind(QosFlow.Kind.NETWORK).owner("bob")
                .createdMillis(1_700_000_000_001L).state(QosFlow.State.INSTALLED).spec(bulk)
                .rules(List.of(rules.rule(bulk, new Hop(S1, PortNumber.portNumber(4), PortNumber.portNumber(2)),
                                          null)))
                .build();
        FlowRule onosJson = DefaultFlowRule.builder().forDevice(S2).withCookie(0x0007_0000_1234_5678L)
                .forTable(1).withPriority(40001).makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(7))
                        .matchEthType(Ethernet.TYPE_IPV4).matchVlanId(VlanId.vlanId((short) 100))
                        .matchEthSrc(MacAddress.valueOf("00:00:00:00:00:01")).build())
                .withTreatment(DefaultTrafficTreatment.builder().popVlan()
                        .setEthDst(MacAddress.valueOf("00:00:00:00:00:02"))
                        .setOutput(PortNumber.portNumber(8)).build())
                .build();
        QosFlow device = QosFlow.builder().id("fs-14").kind(QosFlow.Kind.DEVICE).owner("onos")
                .createdMillis(1_700_000_000_002L).state(QosFlow.State.PENDING).rules(List.of(onosJson))
                .build();
        return List.of(network, temporary, device);
    }
}
