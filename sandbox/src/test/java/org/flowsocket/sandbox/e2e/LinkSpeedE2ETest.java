/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceService;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

/**
 * Link speeds of a JSON topology, end to end: the simulated switches
 * announce them as their ports' speeds, ONOS reports those (DeviceService,
 * REST), and FlowSocket counts them as the links' capacities in
 * {@code ListLinks} and in bandwidth admission. The network is a chain
 * s1 -100 Mb/s- s2 -1000 Mb/s (the topology's default)- s3, with host i
 * (10.0.0.i) on port 1 of switch i.
 */
public class LinkSpeedE2ETest {

    private static final DeviceId S1 = NetworkSpec.switchId(1);
    private static final DeviceId S2 = NetworkSpec.switchId(2);
    private static final DeviceId S3 = NetworkSpec.switchId(3);
    private static final ConnectPoint S1_TO_S2 = ConnectPoint.deviceConnectPoint(S1 + "/2");
    private static final ConnectPoint S2_TO_S1 = ConnectPoint.deviceConnectPoint(S2 + "/2");
    private static final ConnectPoint S2_TO_S3 = ConnectPoint.deviceConnectPoint(S2 + "/3");
    private static final ConnectPoint S3_TO_S2 = ConnectPoint.deviceConnectPoint(S3 + "/2");

    private static final String TOPOLOGY = "{'linkSpeedMbps': 1000,"
            + " 'devices': [{'id': 'of:0000000000000001'}, {'id': 'of:0000000000000002'},"
            + "             {'id': 'of:0000000000000003'}],"
            + " 'links': [{'src': 'of:0000000000000001/2', 'dst': 'of:0000000000000002/2', 'speedMbps': 100},"
            + "           {'src': 'of:0000000000000002/3', 'dst': 'of:0000000000000003/2'}],"
            + " 'hosts': [{'mac': '00:00:00:00:00:01', 'ips': ['10.0.0.1'], 'location': 'of:0000000000000001/1'},"
            + "           {'mac': '00:00:00:00:00:02', 'ips': ['10.0.0.2'], 'location': 'of:0000000000000002/1'},"
            + "           {'mac': '00:00:00:00:00:03', 'ips': ['10.0.0.3'], 'location': 'of:0000000000000003/1'}]}";

    private static E2eSandbox env;
    private static FlowSocketClient admin;

    @BeforeClass
    public static void setUp() throws Exception {
        env = E2eSandbox.start(NetworkSpec.fromJson(new ObjectMapper().readTree(TOPOLOGY.replace('\'', '"'))));
        admin = env.admin();
    }

    @AfterClass
    public static void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    public void onosReportsTheLinkSpeedsAsPortSpeedsAndListLinksAsCapacities() throws Exception {
        DeviceService devices = env.sandbox.core().get(DeviceService.class);
        for (ConnectPoint p : List.of(S1_TO_S2, S2_TO_S1)) {
            assertEquals(p.toString(), 100, devices.getPort(p).portSpeed());
        }
        for (ConnectPoint p : List.of(S2_TO_S3, S3_TO_S2)) {
            assertEquals(p.toString(), 1000, devices.getPort(p).portSpeed());
        }
        assertEquals("a host's port keeps the default", NetworkSpec.DEFAULT_PORT_SPEED_MBPS,
                     devices.getPort(ConnectPoint.deviceConnectPoint(S1 + "/1")).portSpeed());

        HttpResponse<String> ports = env.restGet("/devices/" + S1 + "/ports", "onos", "rocks");
        assertEquals(200, ports.statusCode());
        JsonNode port2 = null;
        for (JsonNode p : new ObjectMapper().readTree(ports.body()).path("ports")) {
            if ("2".equals(p.path("port").asText())) {
                port2 = p;
            }
        }
        assertNotNull(ports.body(), port2);
        assertEquals("ONOS's REST API reports it as a switch's port speed", 100, port2.path("portSpeed").asLong());

        assertCapacity(S1_TO_S2, S2_TO_S1, 100_000);
        assertCapacity(S2_TO_S1, S1_TO_S2, 100_000);
        assertCapacity(S2_TO_S3, S3_TO_S2, 1_000_000);
        assertCapacity(S3_TO_S2, S2_TO_S3, 1_000_000);
    }

    @Test
    public void aFlowFasterThanTheLinkIsRefusedNoCapacityAndOneThatFitsIsAdmitted() throws Exception {
        JsonNode refused = admin.error(flow("10.0.0.1", "10.0.0.2", 5001, 150_000));
        assertEquals(refused.toString(), "NO_CAPACITY", refused.path("code").asText());
        assertEquals("network.qos.bandwidthKbps", refused.path("field").asText());
        JsonNode details = refused.path("details");
        assertEquals(S1_TO_S2 + "-" + S2_TO_S1, details.path("link").asText());
        assertEquals(100_000, details.path("capacityKbps").asLong());
        assertEquals(100_000, details.path("availableKbps").asLong());
        assertEquals(150_000, details.path("requestedKbps").asLong());
        assertEquals(0, env.switchRules(S1).size());

        // The same rate fits on the 1000 Mb/s link, and 100 Mb/s fits the 100 Mb/s one exactly.
        JsonNode fast = admin.ok(flow("10.0.0.2", "10.0.0.3", 5002, 150_000));
        assertEquals(150_000, link(S2_TO_S3, S3_TO_S2).path("reservedKbps").asLong());
        JsonNode full = admin.ok(flow("10.0.0.1", "10.0.0.2", 5003, 100_000));
        assertEquals(0, link(S1_TO_S2, S2_TO_S1).path("availableKbps").asLong());
        for (JsonNode f : List.of(fast, full)) {
            admin.ok("{'type':'RemoveFlow','flowId':'" + f.path("flowId").asText() + "'}");
        }
        assertEquals(100_000, link(S1_TO_S2, S2_TO_S1).path("availableKbps").asLong());
    }

    private static String flow(String src, String dst, int dstPort, long kbps) {
        return "{'type':'InstallFlow','network':{'src':'" + src + "','dst':'" + dst + "','protocol':'udp',"
                + "'dstPort':" + dstPort + ",'qos':{'bandwidthKbps':" + kbps + "}}}";
    }

    private static void assertCapacity(ConnectPoint src, ConnectPoint dst, long kbps) throws Exception {
        JsonNode l = link(src, dst);
        assertEquals(l.toString(), kbps, l.path("capacityKbps").asLong());
        assertEquals(l.toString(), kbps, l.path("availableKbps").asLong());
        assertEquals(l.toString(), 0, l.path("reservedKbps").asLong());
    }

    private static JsonNode link(ConnectPoint src, ConnectPoint dst) throws Exception {
        JsonNode link = E2eSandbox.listedLink(admin, src, dst);
        if (link == null) {
            throw new AssertionError("ListLinks has no link " + src + "-" + dst);
        }
        return link;
    }
}
