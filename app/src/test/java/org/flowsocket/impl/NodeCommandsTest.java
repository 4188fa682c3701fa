/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * AddNode, GetNode, ListNodes and RemoveNode on hosts and devices: what
 * reaches ONOS and what the client is told.
 */
public class NodeCommandsTest extends CoreTestBase {

    private static final DeviceId S1 = FakeDevices.id(1);
    private static final DeviceId S3 = FakeDevices.id(3);
    private static final String NETCONF = "{\"type\":\"AddNode\",\"kind\":\"device\",\"protocol\":\"netconf\","
            + "\"ip\":\"10.0.0.5\",\"username\":\"admin\",\"password\":\"s3cret\",\"name\":\"edge-5\"}";


    private static String host(String mac, String ip, int device, int port) {
        return "{\"type\":\"AddNode\",\"kind\":\"host\",\"mac\":\"" + mac + "\",\"ips\":[\"" + ip
                + "\"],\"location\":{\"deviceId\":\"" + FakeDevices.id(device) + "\",\"port\":" + port + "}}";
    }

    @Test
    public void addHostRepliesWithTheHostAsOnosHasIt() {
        JsonNode host = client.ok(host("00:00:00:00:00:0a", "10.0.0.1", 1, 3).replace("}}",
                "},\"name\":\"alice-pc\"}"));
        assertEquals("host", host.path("kind").asText());
        assertEquals("online", host.path("state").asText());
        assertEquals("00:00:00:00:00:0A/None", host.path("id").asText());
        assertEquals("10.0.0.1", host.path("ipAddresses").get(0).asText());
        assertEquals(1, host.path("ipAddresses").size());
        assertEquals(S1.toString(), host.path("locations").get(0).path("elementId").asText());
        assertEquals("3", host.path("locations").get(0).path("port").asText());

        Host stored = core.hosts.getHost(HostId.hostId(MacAddress.valueOf("00:00:00:00:00:0a"), VlanId.NONE));
        assertNotNull("the host reached ONOS's host store", stored);
        assertEquals("alice-pc", stored.annotations().value("name"));
        assertTrue(stored.ipAddresses().contains(IpAddress.valueOf("10.0.0.1")));
    }

    @Test
    public void hostBehindAnOfflineSwitchIsUnreachable() {
        core.devices.setAvailable(S1, false);
        assertEquals("unreachable", client.ok(host("00:00:00:00:00:01", "10.0.0.1", 1, 3)).path("state").asText());
    }

    @Test
    public void duplicateHostIsRefusedUnlessReplaced() {
        client.ok(host("00:00:00:00:00:01", "10.0.0.1", 1, 3));
        JsonNode error = client.error(host("00:00:00:00:00:01", "10.0.0.9", 2, 4), "DUPLICATE_NODE");
        assertEquals("mac", error.path("field").asText());
        assertEquals("the refused request changed nothing", IpAddress.valueOf("10.0.0.1"),
                     core.hosts.getHosts().iterator().next().ipAddresses().iterator().next());

        JsonNode replaced = client.ok(host("00:00:00:00:00:01", "10.0.0.9", 2, 4).replace("}}",
                "},\"replace\":true}"));
        assertEquals("10.0.0.9", replaced.path("ipAddresses").get(0).asText());
        assertEquals(FakeDevices.id(2).toString(), replaced.path("locations").get(0).path("elementId").asText());
        assertEquals(1, core.hosts.getHostCount());
        assertEquals("the host keeps its own IP on replace", "online",
                     client.ok(host("00:00:00:00:00:01", "10.0.0.9", 2, 4).replace("}}", "},\"replace\":true}"))
                             .path("state").asText());
    }

    @Test
    public void ipOwnedByAnotherHostIsADuplicate() {
        client.ok(host("00:00:00:00:00:01", "10.0.0.1", 1, 3));
        JsonNode error = client.error(host("00:00:00:00:00:02", "10.0.0.1", 2, 3), "DUPLICATE_NODE");
        assertEquals("ips[0]", error.path("field").asText());
        assertTrue(error.path("message").asText().contains("00:00:00:00:00:01/None"));
        assertEquals(1, core.hosts.getHostCount());
    }

    @Test
    public void errorAboutAFurtherLocationNamesItsElement() {
        String both = "{\"type\":\"AddNode\",\"kind\":\"host\",\"mac\":\"00:00:00:00:00:01\","
                + "\"location\":{\"deviceId\":\"" + FakeDevices.id(1) + "\",\"port\":3},"
                + "\"locations\":[{\"deviceId\":\"" + FakeDevices.id(2) + "\",\"port\":3},"
                + "{\"deviceId\":\"" + FakeDevices.id(2) + "\",\"port\":7}]}";
        JsonNode port = client.error(both, "UNKNOWN_PORT");
        assertEquals("locations[1].port", port.path("field").asText());
        String many = both.replace("\"location\":{\"deviceId\":\"" + FakeDevices.id(1) + "\",\"port\":3},", "");
        assertEquals("locations[1].port", client.error(many, "UNKNOWN_PORT").path("field").asText());
        assertEquals(0, core.hosts.getHostCount());
    }

    @Test
    public void aHostHasAtMostEightLocationsAllFieldsTogether() {
        StringBuilder eight = new StringBuilder();
        // Ports 1 to 4 of switches 2 and 3: eight locations that exist.
        for (int i = 0; i < 8; i++) {
            eight.append(i == 0 ? "" : ",").append("{\"deviceId\":\"").append(FakeDevices.id(2 + i / 4))
                    .append("\",\"port\":").append(1 + i % 4).append('}');
        }
        String nine = "{\"type\":\"AddNode\",\"kind\":\"host\",\"mac\":\"00:00:00:00:00:01\","
                + "\"location\":{\"deviceId\":\"" + FakeDevices.id(1) + "\",\"port\":3},"
                + "\"locations\":[" + eight + "]}";
        assertEquals("locations", client.error(nine, "TOO_LARGE").path("field").asText());
        assertEquals(0, core.hosts.getHostCount());
    }

    @Test
    public void hostIdAndDeviceIdTogetherAreInvalid() {
        String both = "\"hostId\":\"00:00:00:00:00:01/None\",\"deviceId\":\"" + FakeDevices.id(1) + "\"}";
        for (String type : new String[]{"GetNode", "RemoveNode"}) {
            JsonNode error = client.error("{\"type\":\"" + type + "\"," + both, "INVALID_FIELD");
            assertEquals("deviceId", error.path("field").asText());
            assertEquals("hostId", client.error("{\"type\":\"" + type + "\"}", "MISSING_FIELD")
                    .path("field").asText());
        }
    }

    @Test
    public void hostLocationMustBeAKnownDeviceAndPort() {
        JsonNode device = client.error(host("00:00:00:00:00:01", "10.0.0.1", 9, 3), "UNKNOWN_DEVICE");
        assertEquals("location.deviceId", device.path("field").asText());
        JsonNode port = client.error(host("00:00:00:00:00:01", "10.0.0.1", 1, 5), "UNKNOWN_PORT");
        assertEquals("location.port", port.path("field").asText());
        client.error("{\"type\":\"AddNode\",\"kind\":\"host\",\"mac\":\"00:00:00:00:00:01\"}", "MISSING_FIELD");
        assertEquals(0, core.hosts.getHostCount());
    }

    @Test
    public void addDeviceByIdWritesItsBasicConfig() {
        JsonNode device = client.ok("{\"type\":\"AddNode\",\"kind\":\"device\",\"deviceId\":\"rest:10.0.0.7:443\","
                + "\"name\":\"edge-7\",\"driver\":\"restsb\",\"deviceType\":\"switch\"}");
        assertEquals("device", device.path("kind").asText());
        assertEquals("provisioned", device.path("state").asText());
        assertEquals("rest:10.0.0.7:443", device.path("id").asText());
        assertTrue(device.path("provisioned").asBoolean());
        assertEquals("edge-7", device.path("config").path("name").asText());

        JsonNode basic = core.netcfg.json(DeviceId.deviceId("rest:10.0.0.7:443"), "basic");
        assertNotNull("basic config written to ONOS", basic);
        assertEquals("edge-7", basic.path("name").asText());
        assertEquals("restsb", basic.path("driver").asText());
        assertEquals("SWITCH", basic.path("type").asText());
    }

    @Test
    public void addNetconfDeviceDerivesItsIdAndWritesTheProtocolConfig() {
        JsonNode device = client.ok(NETCONF);
        assertEquals("netconf:10.0.0.5:830", device.path("id").asText());
        assertEquals("provisioned", device.path("state").asText());
        assertFalse("the reply must not echo the password", device.toString().contains("s3cret"));

        JsonNode netconf = core.netcfg.json(DeviceId.deviceId("netconf:10.0.0.5:830"), "netconf");
        assertNotNull("netconf config written to ONOS", netconf);
        assertEquals("10.0.0.5", netconf.path("ip").asText());
        assertEquals(830, netconf.path("port").asInt());
        assertEquals("admin", netconf.path("username").asText());
        assertEquals("s3cret", netconf.path("password").asText());

        assertEquals("netconf:10.0.0.5:2022", client.ok(NETCONF.replace("\"ip\"", "\"port\":2022,\"ip\""))
                .path("id").asText());
        JsonNode again = client.error(NETCONF, "DUPLICATE_NODE");
        assertEquals("ip", again.path("field").asText());
        client.ok(NETCONF.replace("edge-5", "edge-5b").replace("}", ",\"replace\":true}"));
        assertEquals("edge-5b", core.netcfg.json(DeviceId.deviceId("netconf:10.0.0.5:830"), "basic")
                .path("name").asText());
    }

    @Test
    public void addOpenflowDeviceDerivesItsIdFromTheDpid() {
        JsonNode device = client.ok("{\"type\":\"AddNode\",\"kind\":\"device\",\"protocol\":\"openflow\","
                + "\"dpid\":\"00:00:00:00:00:00:00:0a\"}");
        assertEquals("of:000000000000000a", device.path("id").asText());
        assertNotNull(core.netcfg.json(DeviceId.deviceId("of:000000000000000a"), "basic"));

        JsonNode existing = client.error("{\"type\":\"AddNode\",\"kind\":\"device\",\"protocol\":\"openflow\","
                + "\"dpid\":\"1\"}", "DUPLICATE_NODE");
        assertEquals("the field the client gave", "dpid", existing.path("field").asText());
        client.error("{\"type\":\"AddNode\",\"kind\":\"device\",\"protocol\":\"openflow\","
                + "\"dpid\":\"not-hex\"}", "INVALID_FIELD");
    }

    @Test
    public void existingDeviceIsADuplicate() {
        JsonNode error = client.error("{\"type\":\"AddNode\",\"kind\":\"device\",\"deviceId\":\"" + S1
                + "\",\"name\":\"x\"}", "DUPLICATE_NODE");
        assertEquals("deviceId", error.path("field").asText());
        assertNull("nothing provisioned", core.netcfg.json(S1, "basic"));
    }

    @Test
    public void getNodeFindsHostsByIdAndIpAndDevicesById() {
        client.ok(host("00:00:00:00:00:01", "10.0.0.1", 1, 3));
        assertEquals("10.0.0.1", client.ok("{\"type\":\"GetNode\",\"hostId\":\"00:00:00:00:00:01/None\"}")
                .path("ipAddresses").get(0).asText());
        assertEquals("00:00:00:00:00:01/None", client.ok("{\"type\":\"GetNode\",\"ip\":\"10.0.0.1\"}")
                .path("id").asText());

        JsonNode device = client.ok("{\"type\":\"GetNode\",\"deviceId\":\"" + S1 + "\"}");
        assertEquals("device", device.path("kind").asText());
        assertEquals("online", device.path("state").asText());
        assertEquals(S1.toString(), device.path("id").asText());
        assertFalse(device.path("provisioned").asBoolean());
        core.devices.setAvailable(S1, false);
        assertEquals("offline", client.ok("{\"type\":\"GetNode\",\"deviceId\":\"" + S1 + "\"}")
                .path("state").asText());
    }

    @Test
    public void getNodeOfUnknownNodesIsATypedError() {
        assertEquals("hostId", client.error("{\"type\":\"GetNode\",\"hostId\":\"00:00:00:00:00:09/None\"}",
                                            "UNKNOWN_HOST").path("field").asText());
        assertEquals("ip", client.error("{\"type\":\"GetNode\",\"ip\":\"10.9.9.9\"}", "UNKNOWN_HOST")
                .path("field").asText());
        assertEquals("deviceId", client.error("{\"type\":\"GetNode\",\"deviceId\":\"of:0000000000000009\"}",
                                              "UNKNOWN_DEVICE").path("field").asText());
        client.error("{\"type\":\"GetNode\"}", "MISSING_FIELD");
    }

    @Test
    public void listNodesFiltersByKindAndAttachmentDevice() {
        client.ok(host("00:00:00:00:00:01", "10.0.0.1", 1, 3));
        client.ok(host("00:00:00:00:00:02", "10.0.0.2", 1, 4));
        client.ok(host("00:00:00:00:00:03", "10.0.0.3", 3, 3));
        client.ok(NETCONF);

        JsonNode all = client.ok("{\"type\":\"ListNodes\"}");
        assertEquals(3, all.path("hosts").size());
        assertEquals("3 switches and the provisioned one", 4, all.path("devices").size());
        assertFalse(all.has("truncated"));

        JsonNode hosts = client.ok("{\"type\":\"ListNodes\",\"kind\":\"host\"}");
        assertEquals(3, hosts.path("hosts").size());
        assertFalse(hosts.has("devices"));

        JsonNode devices = client.ok("{\"type\":\"ListNodes\",\"kind\":\"device\"}");
        assertFalse(devices.has("hosts"));
        List<String> ids = new ArrayList<>();
        devices.path("devices").forEach(d -> ids.add(d.path("id").asText() + "=" + d.path("state").asText()));
        assertEquals(List.of("netconf:10.0.0.5:830=provisioned", S1 + "=online", FakeDevices.id(2) + "=online",
                             S3 + "=online"), ids);

        JsonNode onS1 = client.ok("{\"type\":\"ListNodes\",\"deviceId\":\"" + S1 + "\"}");
        assertEquals(2, onS1.path("hosts").size());
        onS1.path("hosts").forEach(h -> assertEquals(S1.toString(),
                                                     h.path("locations").get(0).path("elementId").asText()));
        assertFalse(onS1.has("devices"));
        client.error("{\"type\":\"ListNodes\",\"kind\":\"device\",\"deviceId\":\"" + S1 + "\"}", "INVALID_FIELD");
    }

    @Test
    public void listNodesLimitTruncates() {
        client.ok(host("00:00:00:00:00:01", "10.0.0.1", 1, 3));
        client.ok(host("00:00:00:00:00:02", "10.0.0.2", 2, 3));
        client.ok(host("00:00:00:00:00:03", "10.0.0.3", 3, 3));
        JsonNode two = client.ok("{\"type\":\"ListNodes\",\"limit\":2}");
        assertEquals(2, two.path("hosts").size());
        assertEquals(2, two.path("devices").size());
        assertTrue(two.path("truncated").asBoolean());
        JsonNode three = client.ok("{\"type\":\"ListNodes\",\"limit\":3}");
        assertEquals(3, three.path("hosts").size());
        assertFalse("exactly the limit is not truncated", three.has("truncated"));
        client.error("{\"type\":\"ListNodes\",\"limit\":0}", "INVALID_FIELD");
    }

    @Test
    public void removeHostRemovesItFromOnos() {
        client.ok(host("00:00:00:00:00:01", "10.0.0.1", 1, 3));
        JsonNode removed = client.ok("{\"type\":\"RemoveNode\",\"hostId\":\"00:00:00:00:00:01/None\"}");
        assertEquals("removed", removed.path("state").asText());
        assertEquals("10.0.0.1", removed.path("ipAddresses").get(0).asText());
        assertEquals(0, core.hosts.getHostCount());
        client.error("{\"type\":\"RemoveNode\",\"hostId\":\"00:00:00:00:00:01/None\"}", "UNKNOWN_HOST");
    }

    @Test
    public void removeDeviceRemovesItsConfigAndTheDevice() {
        client.ok(NETCONF);
        DeviceId netconf = DeviceId.deviceId("netconf:10.0.0.5:830");
        JsonNode removed = client.ok("{\"type\":\"RemoveNode\",\"deviceId\":\"" + netconf + "\"}");
        assertEquals("removed", removed.path("state").asText());
        assertNull(core.netcfg.json(netconf, "basic"));
        assertNull("credentials must not outlive the device", core.netcfg.json(netconf, "netconf"));

        JsonNode s3 = client.ok("{\"type\":\"RemoveNode\",\"deviceId\":\"" + S3 + "\"}");
        assertEquals(S3.toString(), s3.path("id").asText());
        assertNull("the device is gone from ONOS", core.devices.getDevice(S3));
        assertEquals(2, client.ok("{\"type\":\"ListNodes\",\"kind\":\"device\"}").path("devices").size());
        client.error("{\"type\":\"GetNode\",\"deviceId\":\"" + S3 + "\"}", "UNKNOWN_DEVICE");
        client.error("{\"type\":\"RemoveNode\",\"deviceId\":\"" + S3 + "\"}", "UNKNOWN_DEVICE");
    }
}
