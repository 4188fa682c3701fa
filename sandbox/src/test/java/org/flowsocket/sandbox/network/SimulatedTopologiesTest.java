/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.sandbox.core.SandboxCore;
import org.junit.After;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.Path;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.net.topology.PathService;
import org.onosproject.net.topology.TopologyService;

import java.util.HashSet;
import java.util.Set;

import static org.flowsocket.sandbox.network.SimulatedNetworkTest.waitFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The generated mesh and a JSON topology's link speeds as ONOS learns them
 * from the simulated switches (ONOS's device, link, host and topology
 * managers on the memory store).
 */
public class SimulatedTopologiesTest {

    private SandboxCore core;
    private SimulatedNetwork network;

    private void start(NetworkSpec spec) {
        core = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start();
        network = new SimulatedNetwork(core.services(), spec).start();
    }

    @After
    public void tearDown() {
        if (network != null) {
            network.close();
        }
        if (core != null) {
            core.close();
        }
    }

    @Test
    public void aMeshGivesOnosEveryPairOfSwitchesLinkedBothWaysAndOneHopPaths() throws Exception {
        int n = 4;
        start(NetworkSpec.mesh(n));
        TopologyService topology = core.get(TopologyService.class);
        waitFor("topology with 4 devices and 12 links", () -> topology.currentTopology().deviceCount() == n
                && topology.currentTopology().linkCount() == n * (n - 1));
        Set<String> links = new HashSet<>();
        for (Link l : core.get(LinkService.class).getLinks()) {
            links.add(l.src() + ">" + l.dst());
        }
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                if (i != j) {
                    // Switch i reaches switch j on port j+1 if j < i, on port j if j > i.
                    expected.add(NetworkSpec.switchId(i) + "/" + (j < i ? j + 1 : j) + ">"
                            + NetworkSpec.switchId(j) + "/" + (i < j ? i + 1 : i));
                }
            }
        }
        assertEquals(expected, links);
        for (int i = 2; i <= n; i++) {
            Set<Path> paths = core.get(PathService.class).getPaths(NetworkSpec.switchId(1), NetworkSpec.switchId(i));
            assertEquals("one shortest path, the direct link", 1, paths.size());
            assertEquals(1, paths.iterator().next().links().size());
        }
        HostService hosts = core.get(HostService.class);
        assertEquals(n, hosts.getHostCount());
        for (int i = 1; i <= n; i++) {
            ConnectPoint port1 = ConnectPoint.deviceConnectPoint(NetworkSpec.switchId(i) + "/1");
            assertEquals("10.0.0." + i, hosts.getConnectedHosts(port1).iterator().next().ipAddresses()
                    .iterator().next().toString());
        }
    }

    @Test
    public void aLinksSpeedIsThePortSpeedOnosReportsOnBothEndsAndStaysWhenTheCableIsCut() throws Exception {
        start(NetworkSpec.fromJson(new ObjectMapper().readTree(("{'devices': [{'id': 'of:0000000000000001'},"
                + " {'id': 'of:0000000000000002', 'ports': 3}],"
                + " 'links': [{'src': 'of:0000000000000001/2', 'dst': 'of:0000000000000002/2', 'speedMbps': 40}]}")
                .replace('\'', '"'))));
        DeviceService devices = core.get(DeviceService.class);
        DeviceId s1 = NetworkSpec.switchId(1);
        DeviceId s2 = NetworkSpec.switchId(2);
        assertEquals(40, devices.getPort(s1, portNumber(2)).portSpeed());
        assertEquals(40, devices.getPort(s2, portNumber(2)).portSpeed());
        assertEquals("a port of no link keeps the default", NetworkSpec.DEFAULT_PORT_SPEED_MBPS,
                     devices.getPort(s2, portNumber(3)).portSpeed());

        ConnectPoint one = ConnectPoint.deviceConnectPoint(s1 + "/2");
        ConnectPoint two = ConnectPoint.deviceConnectPoint(s2 + "/2");
        network.linkDown(one, two);
        assertFalse(devices.getPort(s1, portNumber(2)).isEnabled());
        assertEquals("a port down keeps its speed", 40, devices.getPort(s1, portNumber(2)).portSpeed());
        network.linkUp(one, two);
        assertTrue(devices.getPort(s2, portNumber(2)).isEnabled());
        assertEquals(40, devices.getPort(s2, portNumber(2)).portSpeed());
    }

    private static PortNumber portNumber(long n) {
        return PortNumber.portNumber(n);
    }
}
