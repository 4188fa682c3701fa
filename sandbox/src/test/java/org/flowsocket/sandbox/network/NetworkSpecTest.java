/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onlab.packet.IpAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.PortNumber;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Topology options: linear, ring, tree, JSON file. */
public class NetworkSpecTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void linearIsNumberedLikeMininet() {
        NetworkSpec spec = NetworkSpec.parse("linear,3");
        assertEquals(3, spec.switches().size());
        assertEquals(2, spec.links().size());
        assertEquals("of:0000000000000002", spec.switches().get(1).id().toString());
        assertEquals(3, spec.switches().get(1).ports().size());
        NetworkSpec.Link l = spec.links().get(1);
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000003/2"), l.one());
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000002/3"), l.two());
        assertEquals(IpAddress.valueOf("10.0.0.3"), spec.hosts().get(2).ips().iterator().next());
        assertEquals("00:00:00:00:00:03", spec.hosts().get(2).mac().toString());
    }

    @Test
    public void ringClosesTheLine() {
        NetworkSpec spec = NetworkSpec.parse("ring,4");
        assertEquals(4, spec.switches().size());
        assertEquals(4, spec.links().size());
        assertEquals(4, spec.hosts().size());
        NetworkSpec.Link first = spec.links().get(0);
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000001/2"), first.one());
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000002/2"), first.two());
        NetworkSpec.Link closing = spec.links().get(3);
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000004/3"), closing.one());
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000001/3"), closing.two());
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000003/1"), spec.hosts().get(2).location());
    }

    @Test
    public void jsonFile() throws Exception {
        Path file = tmp.newFile("topo.json").toPath();
        Files.writeString(file, "{\"devices\": [{\"id\": \"of:00000000000000a1\", \"ports\": 2},"
                + "{\"id\": \"of:00000000000000a2\", \"name\": \"edge\", \"ports\": [1, 5]}],"
                + "\"links\": [{\"src\": \"of:00000000000000a1/2\", \"dst\": \"of:00000000000000a2/5\"}],"
                + "\"hosts\": [{\"mac\": \"0a:00:00:00:00:01\", \"ips\": [\"192.0.2.1\"],"
                + "\"location\": \"of:00000000000000a1/1\"}]}");
        NetworkSpec spec = NetworkSpec.parse(file.toString());
        assertEquals(2, spec.switches().size());
        assertEquals("edge", spec.switches().get(1).name());
        assertTrue(spec.switches().get(1).ports().contains(PortNumber.portNumber(5)));
        assertEquals(1, spec.links().size());
        assertEquals(1, spec.hosts().size());
    }

    @Test
    public void badOptionsAreRefused() {
        for (String bad : new String[]{"linear", "linear,x", "tree,2", "ring", "ring,2", "star,4", "linear,0"}) {
            try {
                NetworkSpec.parse(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), !e.getMessage().isEmpty());
            }
        }
    }
}
