/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.flowsocket.impl.CoreFixture;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.osgi.DefaultServiceDirectory;
import org.onlab.packet.IpAddress;
import org.onosproject.cli.net.DeviceIdCompleter;

import java.util.List;
import java.util.stream.Collectors;

import static org.flowsocket.cli.FlowShellCommandsTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * flowsocket-nodes and flowsocket-get-node on FlowSocket's real core: they
 * find what ListNodes and GetNode find, refuse what they refuse, and
 * {@code -j} prints the nodes as the protocol renders them.
 */
public class NodeLookupShellCommandsTest {

    private static final String S1 = "of:0000000000000001";
    private static final String HOST_1 = "00:00:00:00:00:01/None";
    private static final String HOST_3 = "00:00:00:00:00:03/None";
    private static final String NETCONF = "netconf:10.0.0.5:830";

    private CoreFixture core;

    @Before
    public void startCore() throws Exception {
        core = new CoreFixture();
        ShellHarness.useServices(core.services());
        core.addHost("00:00:00:00:00:01", IpAddress.valueOf("10.0.0.1"), 1);
        core.addHost("00:00:00:00:00:03", IpAddress.valueOf("10.0.0.3"), 3);
        ShellHarness.run("onos", new AddDeviceCommand(), "--protocol", "netconf", "--ip", "10.0.0.5",
                         "--name", "edge-1");
    }

    @After
    public void stopCore() {
        FlowSocketCommand.setServiceDirectory(new DefaultServiceDirectory());
        core.stop();
    }

    @Test
    public void nodesAsListNodes() throws Exception {
        JsonNode listed = core.result("{\"type\":\"ListNodes\"}");
        JsonNode all = ShellHarness.run("onos", new NodesListCommand(), "-j").json();
        assertEquals(concat(listed.path("hosts"), listed.path("devices")), all);
        // The two hosts, then the provisioned device and the three switches, in id order.
        assertEquals(6, all.size());
        assertEquals(NETCONF, all.get(2).path("id").asText());
        assertEquals("provisioned", all.get(2).path("state").asText());

        assertEquals(listed.path("hosts"), ShellHarness.run("onos", new NodesListCommand(), "-j", "-k", "host").json());
        assertEquals(listed.path("devices"),
                     ShellHarness.run("onos", new NodesListCommand(), "-j", "--kind", "device").json());
        assertEquals(core.result("{\"type\":\"ListNodes\",\"deviceId\":\"" + S1 + "\"}").path("hosts"),
                     ShellHarness.run("onos", new NodesListCommand(), "-j", "--device", S1).json());
        assertEquals(List.of(HOST_1), ids(ShellHarness.run("onos", new NodesListCommand(), "-j", "-d", S1).json()));

        ShellHarness.Output text = ShellHarness.run("onos", new NodesListCommand());
        assertTrue(text.out, text.out.contains("host id=" + HOST_1 + ", state=online, ips=[10.0.0.1], locations=["
                + S1 + "/3]\n") && text.out.contains("device id=" + NETCONF + ", state=provisioned, type=-, "
                + "provisioned=true\n") && text.out.endsWith("6 node(s)\n"));

        assertError("INVALID_FIELD: '--kind' must be one of host, device",
                    ShellHarness.run("onos", new NodesListCommand(), "--kind", "switch"));
        assertError("INVALID_FIELD: '--device' filters hosts only",
                    ShellHarness.run("onos", new NodesListCommand(), "-k", "device", "-d", S1));
        assertError("INVALID_FIELD: '--device' is not a device id",
                    ShellHarness.run("onos", new NodesListCommand(), "-d", "switch1"));
    }

    @Test
    public void getNodeAsGetNode() throws Exception {
        assertEquals(core.result("{\"type\":\"GetNode\",\"hostId\":\"" + HOST_3 + "\"}"),
                     ShellHarness.run("onos", new GetNodeCommand(), "-j", HOST_3).json());
        assertEquals(core.result("{\"type\":\"GetNode\",\"ip\":\"10.0.0.3\"}"),
                     ShellHarness.run("onos", new GetNodeCommand(), "-j", "10.0.0.3").json());
        assertEquals(core.result("{\"type\":\"GetNode\",\"deviceId\":\"" + S1 + "\"}"),
                     ShellHarness.run("onos", new GetNodeCommand(), "-j", S1).json());
        JsonNode provisioned = ShellHarness.run("onos", new GetNodeCommand(), "-j", NETCONF).json();
        assertEquals(core.result("{\"type\":\"GetNode\",\"deviceId\":\"" + NETCONF + "\"}"), provisioned);
        assertEquals("edge-1", provisioned.path("config").path("name").asText());

        ShellHarness.Output text = ShellHarness.run("onos", new GetNodeCommand(), S1);
        assertEquals("device id=" + S1 + ", state=online, type=SWITCH, provisioned=false\n", text.out);

        assertError("UNKNOWN_HOST: no host has id 00:00:00:00:00:09/None",
                    ShellHarness.run("onos", new GetNodeCommand(), "00:00:00:00:00:09/None"));
        assertError("UNKNOWN_HOST: no host known to ONOS has IP address 10.0.0.9",
                    ShellHarness.run("onos", new GetNodeCommand(), "10.0.0.9"));
        assertError("UNKNOWN_DEVICE: device of:0000000000000009 is neither known to ONOS nor provisioned",
                    ShellHarness.run("onos", new GetNodeCommand(), "of:0000000000000009"));
        assertError("INVALID_FIELD: 'nodeId' is not a device id",
                    ShellHarness.run("onos", new GetNodeCommand(), "switch1"));
        assertError("INVALID_FIELD: 'nodeId' is not a host id",
                    ShellHarness.run("onos", new GetNodeCommand(), "00:00:00:00:00:01/vlan7"));
    }

    @Test
    public void nodeIdsAndKindsComplete() throws Exception {
        assertEquals(List.of(HOST_1, HOST_3, NETCONF, S1, "of:0000000000000002", "of:0000000000000003"),
                     trimmed(ShellHarness.complete(GetNodeCommand.class, "nodeId", "")));
        assertEquals(List.of(NETCONF), trimmed(ShellHarness.complete(GetNodeCommand.class, "nodeId", "net")));
        assertEquals(List.of("device", "host"),
                     trimmed(ShellHarness.complete(NodesListCommand.class, "--kind", "")).stream().sorted()
                             .collect(Collectors.toList()));
        assertEquals(DeviceIdCompleter.class, ShellHarness.completerOf(NodesListCommand.class, "--device"));
    }

    private static ArrayNode concat(JsonNode first, JsonNode second) {
        ArrayNode all = new ObjectMapper().createArrayNode();
        first.forEach(all::add);
        second.forEach(all::add);
        return all;
    }

    private static List<String> ids(JsonNode nodes) {
        List<String> ids = new java.util.ArrayList<>();
        nodes.forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    private static List<String> trimmed(List<String> candidates) {
        return candidates.stream().map(String::trim).collect(Collectors.toList());
    }
}
