/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.host.HostService;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * AddNode / RemoveNode over the WebSocket, checked through ONOS's own REST
 * API: hosts through FlowSocket's host provider into HostManager, devices
 * through NetworkConfigManager.
 * <p>
 * The network is Mininet's linear,3 (host i on port 1 of switch i, links on
 * ports 2 and 3) with one spare port, 4, on every switch: in plain linear,3
 * switch 1 has only ports 1 and 2, so a new host needs a free port.
 */
public class NodesE2ETest {

    private static final String MAC = "00:00:00:00:00:0a";
    private static final String HOST_ID = "00:00:00:00:00:0A/None";
    private static final String NETCONF_ID = "netconf:10.0.0.5:830";

    private static E2eSandbox env;
    private static FlowSocketClient admin;

    @BeforeClass
    public static void setUp() throws Exception {
        env = E2eSandbox.start(linearWithSparePort(3, 4));
        admin = env.admin();
    }

    @AfterClass
    public static void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    public void hostAddedOnASparePortIsOnlineInOnosRestAndRemovedAgain() throws Exception {
        JsonNode host = admin.ok("{'type':'AddNode','kind':'host','mac':'" + MAC + "','ips':['10.0.0.10'],"
                + "'name':'probe','location':{'deviceId':'" + S1 + "','port':4}}");
        assertEquals("online", host.path("state").asText());
        assertEquals(HOST_ID, host.path("id").asText());
        assertEquals("4", host.path("locations").path(0).path("port").asText());

        JsonNode listed = restHost(HOST_ID);
        assertNotNull("GET /onos/v1/hosts lists the host: " + env.rest("/hosts"), listed);
        assertEquals("10.0.0.10", listed.path("ipAddresses").path(0).asText());
        assertEquals(S1.toString(), listed.path("locations").path(0).path("elementId").asText());
        assertEquals("4", listed.path("locations").path(0).path("port").asText());
        // The simulated network's own hosts are still there: 3 + ours.
        assertEquals(4, env.rest("/hosts").path("hosts").size());

        JsonNode removed = admin.ok("{'type':'RemoveNode','hostId':'" + HOST_ID + "'}");
        assertEquals("removed", removed.path("state").asText());
        assertNull("host gone from ONOS REST", restHost(HOST_ID));
        assertNull(env.sandbox.core().get(HostService.class)
                           .getHost(HostId.hostId(MacAddress.valueOf(MAC), VlanId.NONE)));
        assertEquals("UNKNOWN_HOST", admin.error("{'type':'GetNode','hostId':'" + HOST_ID + "'}")
                .path("code").asText());
    }

    @Test
    public void hostOnAPortTheSwitchLacksOrWithATakenIpIsRefused() throws Exception {
        JsonNode noPort = admin.error("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:0b',"
                + "'ips':['10.0.0.11'],'location':{'deviceId':'" + S1 + "','port':5}}");
        assertEquals(noPort.toString(), "UNKNOWN_PORT", noPort.path("code").asText());
        // 10.0.0.1 belongs to the topology's host h1.
        JsonNode taken = admin.error("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:0c',"
                + "'ips':['10.0.0.1'],'location':{'deviceId':'" + S1 + "','port':4}}");
        assertEquals(taken.toString(), "DUPLICATE_NODE", taken.path("code").asText());
        for (Host h : env.sandbox.core().get(HostService.class).getHosts()) {
            assertFalse("refused host reached ONOS: " + h, h.mac().toString().endsWith(":0B")
                    || h.mac().toString().endsWith(":0C"));
        }
    }

    @Test
    public void netconfDeviceIsProvisionedInOnosNetworkConfigAndRemovedAgain() throws Exception {
        JsonNode device = admin.ok("{'type':'AddNode','kind':'device','protocol':'netconf','ip':'10.0.0.5',"
                + "'username':'admin','password':'admin','name':'edge-router-1','deviceType':'router',"
                + "'driver':'ovs-netconf'}");
        assertEquals(NETCONF_ID, device.path("id").asText());
        assertEquals("provisioned", device.path("state").asText());

        JsonNode basic = env.rest("/network/configuration/devices").path(NETCONF_ID).path("basic");
        assertEquals(basic.toString(), "edge-router-1", basic.path("name").asText());
        assertEquals("ROUTER", basic.path("type").asText());
        assertEquals("ovs-netconf", basic.path("driver").asText());
        // Not a device yet: it has never connected.
        assertEquals(404, env.restGet("/devices/" + NETCONF_ID, "onos", "rocks").statusCode());

        JsonNode removed = admin.ok("{'type':'RemoveNode','deviceId':'" + NETCONF_ID + "'}");
        assertEquals("removed", removed.path("state").asText());
        assertTrue("config gone from ONOS REST: " + env.rest("/network/configuration/devices"),
                   env.rest("/network/configuration/devices").path(NETCONF_ID).path("basic").isMissingNode());
        assertEquals("UNKNOWN_DEVICE", admin.error("{'type':'GetNode','deviceId':'" + NETCONF_ID + "'}")
                .path("code").asText());
    }

    private static JsonNode restHost(String id) throws Exception {
        for (JsonNode h : env.rest("/hosts").path("hosts")) {
            if (id.equalsIgnoreCase(h.path("id").asText())) {
                return h;
            }
        }
        return null;
    }

    /** Mininet's linear,N as the sandbox builds it, with {@code ports} ports on every switch. */
    static NetworkSpec linearWithSparePort(int n, int ports) {
        NetworkSpec linear = NetworkSpec.linear(n);
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode devices = root.putArray("devices");
        linear.switches().forEach(s -> devices.addObject().put("id", s.id().toString()).put("ports", ports));
        ArrayNode links = root.putArray("links");
        linear.links().forEach(l -> links.addObject().put("src", l.one().toString())
                .put("dst", l.two().toString()));
        ArrayNode hosts = root.putArray("hosts");
        linear.hosts().forEach(h -> {
            ObjectNode host = hosts.addObject().put("mac", h.mac().toString()).put("vlan", h.vlan().toString())
                    .put("location", h.location().toString());
            h.ips().forEach(ip -> host.withArray("ips").add(ip.toString()));
        });
        return NetworkSpec.fromJson(root);
    }
}
