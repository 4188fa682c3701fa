/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.CoreFixture;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.osgi.DefaultServiceDirectory;
import org.onosproject.cli.net.DeviceIdCompleter;
import org.onosproject.cli.net.HostIdCompleter;
import org.onosproject.net.HostId;
import org.onosproject.net.host.HostService;

import java.util.Set;

import static org.flowsocket.cli.FlowShellCommandsTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * The host, device, link and session commands on FlowSocket's real core:
 * they do what AddNode, RemoveNode and ListLinks do, and {@code -j} prints
 * ONOS's own JSON of the entity, as the protocol carries it.
 */
public class NodeShellCommandsTest {

    private static final String S1 = "of:0000000000000001";
    private static final String MAC = "00:00:00:00:00:0A";
    private static final String HOST_ID = MAC + "/None";

    private CoreFixture core;

    @Before
    public void startCore() {
        core = new CoreFixture();
        ShellHarness.useServices(core.services());
    }

    @After
    public void stopCore() {
        FlowSocketCommand.setServiceDirectory(new DefaultServiceDirectory());
        core.stop();
    }

    @Test
    public void addHostWithSeveralIpsPrintsOnosHostJson() throws Exception {
        JsonNode host = ShellHarness.run("onos", new AddHostCommand(), "-j", "--name", "printer", "--vlan", "100",
                                         MAC, "10.0.0.10,10.0.0.11", S1, "3").json();
        ObjectNode node = core.result("{\"type\":\"GetNode\",\"hostId\":\"" + MAC + "/100\"}").deepCopy();
        node.remove("kind");
        node.remove("state");
        assertEquals(node, host);
        assertEquals(Set.of("10.0.0.10", "10.0.0.11"), Set.of(host.path("ipAddresses").get(0).asText(),
                                                              host.path("ipAddresses").get(1).asText()));
        assertEquals("printer", host.path("annotations").path("name").asText());

        assertError("DUPLICATE_NODE", ShellHarness.run("onos", new AddHostCommand(), "--vlan", "100", MAC,
                                                        "10.0.0.12", S1, "3"));
        ShellHarness.Output replaced = ShellHarness.run("onos", new AddHostCommand(), "--vlan", "100", "-r", MAC,
                                                        "10.0.0.12", S1, "3");
        assertTrue(replaced.toString(), replaced.out.startsWith("Added host " + MAC + "/100, ips=[10.0.0.12]"));
    }

    @Test
    public void addHostRefusesBadValuesWithTypedErrors() throws Exception {
        assertError("INVALID_FIELD: 'mac' is not a MAC address",
                    ShellHarness.run("onos", new AddHostCommand(), "00:00:0A", "10.0.0.10", S1, "3"));
        assertError("INVALID_FIELD: 'ips' is not an IP address: ten",
                    ShellHarness.run("onos", new AddHostCommand(), MAC, "10.0.0.10,ten", S1, "3"));
        assertError("INVALID_FIELD: '--vlan' must be a VLAN id from 1 to 4094",
                    ShellHarness.run("onos", new AddHostCommand(), "--vlan", "5000", MAC, "10.0.0.10", S1, "3"));
        assertError("INVALID_FIELD: 'port' must be a port number",
                    ShellHarness.run("onos", new AddHostCommand(), MAC, "10.0.0.10", S1, "x"));
        assertError("UNKNOWN_DEVICE", ShellHarness.run("onos", new AddHostCommand(), MAC, "10.0.0.10",
                                                        "of:0000000000000009", "3"));
        assertNull(((HostService) core.services().get(HostService.class)).getHost(HostId.hostId(HOST_ID)));
    }

    @Test
    public void removeHost() throws Exception {
        ShellHarness.run("onos", new AddHostCommand(), MAC, "10.0.0.10", S1, "3");
        JsonNode removed = ShellHarness.run("onos", new RemoveHostCommand(), "-j", HOST_ID).json();
        assertEquals(HOST_ID, removed.path("id").asText());
        assertNull(((HostService) core.services().get(HostService.class)).getHost(HostId.hostId(HOST_ID)));
        assertError("UNKNOWN_HOST", ShellHarness.run("onos", new RemoveHostCommand(), HOST_ID));
        assertError("INVALID_FIELD: 'hostId' is not a host id",
                    ShellHarness.run("onos", new RemoveHostCommand(), "printer"));
    }

    @Test
    public void addAndRemoveDevices() throws Exception {
        ShellHarness.Output added = ShellHarness.run("onos", new AddDeviceCommand(), "--name", "edge-7",
                                                     "--driver", "restsb", "-t", "switch", "rest:10.0.0.7:443");
        assertEquals("Provisioned device rest:10.0.0.7:443\n", added.out);
        JsonNode node = core.result("{\"type\":\"GetNode\",\"deviceId\":\"rest:10.0.0.7:443\"}");
        assertEquals("provisioned", node.path("state").asText());
        assertEquals("edge-7", node.path("config").path("name").asText());

        JsonNode netconf = ShellHarness.run("onos", new AddDeviceCommand(), "-j", "--protocol", "netconf",
                                            "--ip", "10.0.0.5", "--username", "admin", "--password", "admin").json();
        assertEquals("netconf:10.0.0.5:830", netconf.path("id").asText());
        assertError("DUPLICATE_NODE", ShellHarness.run("onos", new AddDeviceCommand(), "--protocol", "netconf",
                                                        "--ip", "10.0.0.5"));
        assertError("MISSING_FIELD", ShellHarness.run("onos", new AddDeviceCommand(), "--name", "x"));
        assertError("INVALID_FIELD: 'protocol' must be one of",
                    ShellHarness.run("onos", new AddDeviceCommand(), "--protocol", "telnet", "--ip", "10.0.0.5"));

        JsonNode removed = ShellHarness.run("onos", new RemoveDeviceCommand(), "-j", "rest:10.0.0.7:443").json();
        assertEquals("rest:10.0.0.7:443", removed.path("id").asText());
        assertEquals("edge-7", removed.path("config").path("name").asText());
        assertError("UNKNOWN_DEVICE", ShellHarness.run("onos", new RemoveDeviceCommand(), "rest:10.0.0.7:443"));
        // A device ONOS has: its ONOS JSON.
        JsonNode switch1 = ShellHarness.run("onos", new RemoveDeviceCommand(), "-j", S1).json();
        assertEquals(S1, switch1.path("id").asText());
        assertEquals("SWITCH", switch1.path("type").asText());
    }

    @Test
    public void linksAsListLinks() throws Exception {
        JsonNode all = ShellHarness.run("onos", new LinksListCommand(), "-j").json();
        assertEquals(core.result("{\"type\":\"ListLinks\"}").path("links"), all);
        assertEquals(4, all.size());
        assertEquals(2, ShellHarness.run("onos", new LinksListCommand(), "-j", "--device", S1).json().size());
        assertEquals(0, ShellHarness.run("onos", new LinksListCommand(), "-j", "-s", "inactive").json().size());
        ShellHarness.Output text = ShellHarness.run("onos", new LinksListCommand(), "-d", S1);
        assertTrue(text.out, text.out.startsWith("src=" + S1 + "/") && text.out.endsWith("2 link(s)\n"));
        assertError("UNKNOWN_DEVICE", ShellHarness.run("onos", new LinksListCommand(), "-d",
                                                        "of:0000000000000009"));
        assertError("INVALID_FIELD: '--state' must be one of active, inactive",
                    ShellHarness.run("onos", new LinksListCommand(), "-s", "up"));
    }

    @Test
    public void sessionsAsAJsonArray() throws Exception {
        core.result("{\"type\":\"Subscribe\",\"topics\":[\"flows\"]}");
        JsonNode sessions = ShellHarness.run("onos", new SessionsListCommand(), "-j").json();
        assertTrue(sessions.toString(), sessions.isArray() && sessions.size() >= 1);
        JsonNode session = sessions.get(sessions.size() - 1);
        assertEquals("onos", session.path("user").asText());
        assertEquals("admin", session.path("role").asText());
        assertEquals("test", session.path("transport").asText());
        assertEquals("127.0.0.1", session.path("remote").asText());
        assertEquals("[\"flows\"]", session.path("topics").toString());
        assertEquals(1, session.path("requests").asLong());
        for (String field : new String[]{"id", "since", "inFlight", "errors"}) {
            assertTrue(field + " missing: " + session, session.has(field));
        }
        ShellHarness.Output text = ShellHarness.run("onos", new SessionsListCommand());
        assertTrue(text.out, text.out.contains("user=onos, role=ADMIN, transport=test"));
    }

    @Test
    public void deviceAndHostIdsCompleteWithOnosCompleters() {
        assertEquals(DeviceIdCompleter.class, ShellHarness.completerOf(AddHostCommand.class, "deviceId"));
        assertEquals(DeviceIdCompleter.class, ShellHarness.completerOf(RemoveDeviceCommand.class, "deviceId"));
        assertEquals(DeviceIdCompleter.class, ShellHarness.completerOf(LinksListCommand.class, "--device"));
        assertEquals(HostIdCompleter.class, ShellHarness.completerOf(RemoveHostCommand.class, "hostId"));
    }

    @Test
    public void namesComplete() throws Exception {
        assertEquals("[active , inactive ]",
                     ShellHarness.complete(LinksListCommand.class, "--state", "").toString());
        assertEquals("[netconf ]", ShellHarness.complete(AddDeviceCommand.class, "--protocol", "n").toString());
        assertTrue(ShellHarness.complete(AddDeviceCommand.class, "-t", "r").toString().contains("router "));
    }
}
