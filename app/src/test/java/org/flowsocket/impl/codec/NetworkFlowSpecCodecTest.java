/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.TrafficClass;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;

import java.util.Map;
import java.util.Optional;

import static org.flowsocket.impl.flow.FlowHandleSerializationTest.spec;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The {@code network} object of InstallFlow: traffic class defaults,
 * overrides, validation and the reverse direction.
 */
public class NetworkFlowSpecCodecTest {

    private static final String BASE = "\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\"";

    private static NetworkFlowSpec parse(String extra) {
        return spec("{" + BASE + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    private static void invalid(String network, String field) {
        try {
            spec(network);
            fail("accepted " + network);
        } catch (FlowSocketException e) {
            assertEquals(network, ErrorCode.INVALID_FIELD, e.code());
            assertEquals(network, field, e.field());
        }
    }

    @Test
    public void eachTrafficClassGivesItsDscpAndPriority() {
        Map<String, int[]> expected = Map.of("voice", new int[]{46, 50000}, "video", new int[]{34, 45000},
                                             "critical", new int[]{26, 40000}, "best-effort", new int[]{0, 30000},
                                             "bulk", new int[]{10, 20000});
        expected.forEach((name, values) -> {
            NetworkFlowSpec spec = parse("\"class\":\"" + name + "\"");
            assertEquals(name, values[0], spec.dscp());
            assertEquals(name, values[1], spec.priority());
            assertEquals(name, spec.trafficClass().protocolName());
        });
    }

    @Test
    public void bestEffortAndPermanentOneWayAreTheDefaults() {
        NetworkFlowSpec spec = parse("");
        assertEquals(TrafficClass.BEST_EFFORT, spec.trafficClass());
        assertEquals(0, spec.dscp());
        assertEquals(30000, spec.priority());
        assertFalse(spec.bidirectional());
        assertEquals(0, spec.timeoutSeconds());
        assertEquals(Optional.empty(), spec.protocol());
        assertEquals(Optional.empty(), spec.queue());
        assertEquals(Optional.empty(), spec.meterKbps());
    }

    @Test
    public void classNamesAreCaseInsensitive() {
        assertEquals(TrafficClass.BEST_EFFORT, parse("\"class\":\"Best-Effort\"").trafficClass());
        assertEquals(TrafficClass.BEST_EFFORT, parse("\"class\":\"BEST_EFFORT\"").trafficClass());
        assertEquals(TrafficClass.VOICE, parse("\"class\":\"VOICE\"").trafficClass());
    }

    @Test
    public void qosAndPriorityOverrideTheClass() {
        NetworkFlowSpec dscp = parse("\"class\":\"voice\",\"qos\":{\"dscp\":12}");
        assertEquals(12, dscp.dscp());
        assertEquals("the class still sets the priority", 50000, dscp.priority());
        NetworkFlowSpec priority = parse("\"class\":\"voice\",\"priority\":100");
        assertEquals(100, priority.priority());
        assertEquals(46, priority.dscp());
        assertEquals(0, parse("\"class\":\"voice\",\"qos\":{\"dscp\":0}").dscp());
        assertEquals(63, parse("\"qos\":{\"dscp\":63}").dscp());
        NetworkFlowSpec qos = parse("\"qos\":{\"queue\":3,\"meterKbps\":1000,\"meterBurstKb\":100}");
        assertEquals(Optional.of(3L), qos.queue());
        assertEquals(Optional.of(1000L), qos.meterKbps());
        assertEquals(Optional.of(100L), qos.meterBurstKb());
    }

    @Test
    public void portsNeedAProtocolWithPorts() {
        invalid("{" + BASE + ",\"srcPort\":5060}", "network.srcPort");
        invalid("{" + BASE + ",\"protocol\":\"icmp\",\"dstPort\":7}", "network.dstPort");
        invalid("{" + BASE + ",\"protocol\":\"udp\",\"dstPort\":0}", "network.dstPort");
        invalid("{" + BASE + ",\"protocol\":\"udp\",\"dstPort\":65536}", "network.dstPort");
        invalid("{" + BASE + ",\"protocol\":\"gre\"}", "network.protocol");
        assertEquals(Optional.of(TpPort.tpPort(443)), parse("\"protocol\":\"sctp\",\"dstPort\":443").dstPort());
    }

    @Test
    public void invalidCombinationsNameTheirField() {
        invalid("{\"src\":\"10.0.0.1\",\"dst\":\"2001:db8::1\"}", "network.dst");
        invalid("{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.1\"}", "network.dst");
        invalid("{" + BASE + ",\"qos\":{\"meterBurstKb\":10}}", "network.qos.meterBurstKb");
        invalid("{" + BASE + ",\"qos\":{\"meterKbps\":0}}", "network.qos.meterKbps");
        invalid("{" + BASE + ",\"timeout\":65536}", "network.timeout");
        invalid("{" + BASE + ",\"class\":\"gold\"}", "network.class");
        invalid("{" + BASE + ",\"dscp\":46}", "network.dscp");
    }

    @Test
    public void reverseSwapsAddressesAndPortsAndKeepsTheRest() {
        NetworkFlowSpec spec = parse("\"protocol\":\"tcp\",\"srcPort\":40000,\"dstPort\":443,\"class\":\"video\","
                + "\"qos\":{\"queue\":1,\"meterKbps\":2000},\"bidirectional\":true,\"timeout\":60");
        NetworkFlowSpec back = spec.reverse();
        assertEquals(IpAddress.valueOf("10.0.0.3"), back.src());
        assertEquals(IpAddress.valueOf("10.0.0.1"), back.dst());
        assertEquals(Optional.of(TpPort.tpPort(443)), back.srcPort());
        assertEquals(Optional.of(TpPort.tpPort(40000)), back.dstPort());
        assertEquals(spec.protocol(), back.protocol());
        assertEquals(spec.dscp(), back.dscp());
        assertEquals(spec.priority(), back.priority());
        assertEquals(spec.queue(), back.queue());
        assertEquals(spec.meterKbps(), back.meterKbps());
        assertEquals(spec.timeoutSeconds(), back.timeoutSeconds());
        assertEquals(spec.src(), back.reverse().src());
        assertEquals(spec.srcPort(), back.reverse().srcPort());
    }

    @Test
    public void resolvedSpecShowsEveryDefault() {
        ObjectNode json = NetworkFlowSpecCodec.encode(parse("\"class\":\"critical\""), new ObjectMapper());
        assertEquals("critical", json.path("class").asText());
        assertEquals(26, json.path("qos").path("dscp").asInt());
        assertEquals(40000, json.path("priority").asInt());
        assertEquals("10.0.0.1", json.path("src").asText());
        assertTrue(json.has("bidirectional"));
        assertFalse(json.has("protocol"));
        assertTrue("reroute is on by default", json.path("reroute").asBoolean(false));
        assertFalse(json.path("qos").has("bandwidthKbps"));
    }

    @Test
    public void rerouteAndBandwidthAreReadCheckedAndKept() {
        NetworkFlowSpec spec = parse("\"reroute\":false,\"qos\":{\"bandwidthKbps\":2500}");
        assertFalse(spec.reroute());
        assertEquals(Long.valueOf(2500), spec.bandwidthKbps().get());
        ObjectNode json = NetworkFlowSpecCodec.encode(spec, new ObjectMapper());
        assertEquals(2500, json.path("qos").path("bandwidthKbps").asLong());
        assertEquals(spec, NetworkFlowSpecCodec.decodeText(json.toString(), new ObjectMapper()));
        invalid("{" + BASE + ",\"qos\":{\"bandwidthKbps\":0}}", "network.qos.bandwidthKbps");
        invalid("{" + BASE + ",\"qos\":{\"bandwidthKbps\":1000000001}}", "network.qos.bandwidthKbps");
        invalid("{" + BASE + ",\"reroute\":\"yes\"}", "network.reroute");
    }

    @Test
    public void policeIsReadCheckedAndKeptOnlyWhenTrue() {
        NetworkFlowSpec policed = parse("\"qos\":{\"bandwidthKbps\":2500,\"police\":true,\"meterBurstKb\":64}");
        assertTrue(policed.police());
        assertEquals(Optional.of(2500L), policed.meterRateKbps());
        assertEquals(Optional.of(64L), policed.meterBurstKb());
        assertEquals(Optional.empty(), policed.meterKbps());
        ObjectNode json = NetworkFlowSpecCodec.encode(policed, new ObjectMapper());
        assertTrue(json.path("qos").path("police").asBoolean(false));
        assertEquals(policed, NetworkFlowSpecCodec.decodeText(json.toString(), new ObjectMapper()));

        NetworkFlowSpec reserved = parse("\"qos\":{\"bandwidthKbps\":2500,\"police\":false}");
        assertFalse(reserved.police());
        assertEquals("a reservation alone has no meter", Optional.empty(), reserved.meterRateKbps());
        assertFalse("false is left out, as an older FlowSocket wrote the spec",
                    NetworkFlowSpecCodec.encode(reserved, new ObjectMapper()).path("qos").has("police"));
    }

    @Test
    public void policeNeedsABandwidthAndNoMeterPerHop() {
        invalid("{" + BASE + ",\"qos\":{\"police\":true}}", "network.qos.police");
        invalid("{" + BASE + ",\"qos\":{\"police\":true,\"meterKbps\":500}}", "network.qos.police");
        invalid("{" + BASE + ",\"qos\":{\"bandwidthKbps\":500,\"police\":true,\"meterKbps\":500}}",
                "network.qos.police");
        invalid("{" + BASE + ",\"qos\":{\"bandwidthKbps\":500,\"police\":\"yes\"}}", "network.qos.police");
        invalid("{" + BASE + ",\"qos\":{\"bandwidthKbps\":500,\"meterBurstKb\":10}}",
                "network.qos.meterBurstKb");
    }
}
