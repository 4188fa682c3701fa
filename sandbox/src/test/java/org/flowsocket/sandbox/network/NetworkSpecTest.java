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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Topology options: linear, ring, mesh, tree, JSON file with link speeds. */
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
    public void meshLinksEveryPairOnceOnPortsInAscendingOrder() {
        int n = 5;
        NetworkSpec spec = NetworkSpec.parse("mesh," + n);
        assertEquals(n, spec.switches().size());
        assertEquals(n * (n - 1) / 2, spec.links().size());
        Set<String> pairs = new HashSet<>();
        for (NetworkSpec.Link l : spec.links()) {
            int a = switchNumber(l.one());
            int b = switchNumber(l.two());
            assertTrue("one link per pair: " + a + "-" + b, pairs.add(Math.min(a, b) + "-" + Math.max(a, b)));
            // Switch i reaches switch j on port j+1 if j < i, on port j if j > i.
            assertEquals(l.toString(), b < a ? b + 1 : b, l.one().port().toLong());
            assertEquals(l.toString(), a < b ? a + 1 : a, l.two().port().toLong());
            assertEquals(NetworkSpec.DEFAULT_PORT_SPEED_MBPS, l.speedMbps());
        }
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000003/4"), endOf(spec, 3, 4));
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000004/4"), endOf(spec, 4, 3));
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000005/2"), endOf(spec, 5, 1));
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000001/5"), endOf(spec, 1, 5));
        for (int i = 1; i <= n; i++) {
            NetworkSpec.Switch s = spec.switches().get(i - 1);
            assertEquals(NetworkSpec.switchId(i), s.id());
            assertEquals("s" + i, s.name());
            assertEquals("a host port and one port per other switch", n, s.ports().size());
            assertEquals(PortNumber.portNumber(n), List.copyOf(s.ports()).get(n - 1));
            NetworkSpec.Host h = spec.hosts().get(i - 1);
            assertEquals(new ConnectPoint(NetworkSpec.switchId(i), PortNumber.portNumber(1)), h.location());
            assertEquals(Set.of(IpAddress.valueOf("10.0.0." + i)), h.ips());
            assertEquals("00:00:00:00:00:0" + i, h.mac().toString());
        }
        assertEquals(n, spec.hosts().size());
    }

    @Test
    public void meshOfTwoIsLinearOfTwoAndTheLargestMeshIsAccepted() {
        NetworkSpec two = NetworkSpec.parse("mesh,2");
        NetworkSpec.Link l = two.links().get(0);
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000001/2"), l.one());
        assertEquals(ConnectPoint.deviceConnectPoint("of:0000000000000002/2"), l.two());
        NetworkSpec largest = NetworkSpec.mesh(NetworkSpec.MAX_MESH_SWITCHES);
        assertEquals(16 * 15 / 2, largest.links().size());
        largest.switches().forEach(s -> assertEquals(16, s.ports().size()));
    }

    @Test
    public void meshOfTooFewOrTooManySwitchesIsRefused() {
        for (String bad : new String[]{"mesh", "mesh,", "mesh,x", "mesh,0", "mesh,1", "mesh,-3", "mesh,17",
                                       "mesh,4,2"}) {
            try {
                NetworkSpec.parse(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(bad + ": " + e.getMessage(), e.getMessage().contains("mesh") || e.getMessage()
                        .startsWith("Bad number"));
            }
        }
        try {
            NetworkSpec.parse("mesh,17");
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("mesh needs 2 to 16 switches (every switch has a port for each other switch); got 17",
                         e.getMessage());
        }
    }

    @Test
    public void jsonLinkSpeedsAreAnnouncedOnBothEndsAndOtherPortsKeepTheDefault() throws Exception {
        NetworkSpec spec = json("{'linkSpeedMbps': 1000,"
                + "'devices': [{'id': 'of:0000000000000001'}, {'id': 'of:0000000000000002'},"
                + "            {'id': 'of:0000000000000003', 'ports': 4}],"
                + "'links': [{'src': 'of:0000000000000001/2', 'dst': 'of:0000000000000002/2', 'speedMbps': 100},"
                + "          {'src': 'of:0000000000000002/3', 'dst': 'of:0000000000000003/2'}],"
                + "'hosts': [{'mac': '00:00:00:00:00:01', 'location': 'of:0000000000000001/1'}]}");
        assertEquals(100, spec.links().get(0).speedMbps());
        assertEquals("the topology's default", 1000, spec.links().get(1).speedMbps());
        assertEquals(Map.of(PortNumber.portNumber(1), NetworkSpec.DEFAULT_PORT_SPEED_MBPS,
                            PortNumber.portNumber(2), 100L), spec.switches().get(0).portSpeedsMbps());
        assertEquals(Map.of(PortNumber.portNumber(2), 100L, PortNumber.portNumber(3), 1000L),
                     spec.switches().get(1).portSpeedsMbps());
        Map<PortNumber, Long> s3 = spec.switches().get(2).portSpeedsMbps();
        assertEquals(List.of(10_000L, 1000L, 10_000L, 10_000L), List.copyOf(s3.values()));
        assertTrue(spec.setsLinkSpeeds());
        assertFalse(NetworkSpec.parse("mesh,3").setsLinkSpeeds());
    }

    @Test
    public void badLinkSpeedsAreRefusedWithTheReason() throws Exception {
        String devices = "'devices': [{'id': 'of:0000000000000001'}, {'id': 'of:0000000000000002'}],";
        String link = "'links': [{'src': 'of:0000000000000001/2', 'dst': 'of:0000000000000002/2', 'speedMbps': ";
        String range = " must be a whole number of Mb/s from 1 to 1000000; got ";
        String linkName = "\"speedMbps\" of link of:0000000000000001/2-of:0000000000000002/2";
        for (String bad : new String[]{"0", "-5", "1.5", "'100'", "1000001", "null", "true", "1e3",
                                       "99999999999999999999"}) {
            assertRefused("{" + devices + link + bad + "}]}", linkName + range);
        }
        assertRefused("{'linkSpeedMbps': 0, " + devices + "'links': []}", "\"linkSpeedMbps\"" + range + "0");
        assertRefused("{" + devices + "'links': [{'src': 'of:0000000000000001/2', 'dst': 'of:0000000000000002/2',"
                + " 'capacityMbps': 100}]}", "Unknown field \"capacityMbps\" in link ");
        assertRefused("{'speedMbps': 100, " + devices + "'links': []}", "Unknown field \"speedMbps\" in the topology;"
                + " known fields: devices, hosts, linkSpeedMbps, links");
        assertRefused("{" + devices + link + "100}, {'src': 'of:0000000000000002/2', 'dst': 'of:0000000000000001/3',"
                + " 'speedMbps': 200}]}",
                      "Port of:0000000000000002/2 is an end of two links of different speeds (100 and 200 Mb/s)");
        assertRefused("[]", "A topology is a JSON object");
    }

    @Test
    public void theReadmeTopologyFileReadsAsTheReadmeSays() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```json", readme.indexOf("* a JSON file:")) + "```json".length();
        Path file = tmp.newFile("readme.json").toPath();
        Files.writeString(file, readme.substring(start, readme.indexOf("```", start)));
        NetworkSpec spec = NetworkSpec.parse(file.toString());
        assertEquals(List.of(10_000L, 100L, 10_000L, 10_000L),
                     List.copyOf(spec.switches().get(0).portSpeedsMbps().values()));
        assertEquals(Map.of(PortNumber.portNumber(1), 10_000L, PortNumber.portNumber(2), 1000L,
                            PortNumber.portNumber(5), 100L), spec.switches().get(1).portSpeedsMbps());
        assertEquals(Map.of(PortNumber.portNumber(2), 1000L), spec.switches().get(2).portSpeedsMbps());
    }

    private void assertRefused(String json, String message) throws Exception {
        try {
            json(json);
            fail("accepted " + json);
        } catch (IllegalArgumentException e) {
            assertTrue(json + " gave: " + e.getMessage(), e.getMessage().contains(message));
        }
    }

    // A topology file of single-quoted JSON, read as --topo reads it.
    private NetworkSpec json(String singleQuoted) throws Exception {
        Path file = tmp.newFile().toPath();
        Files.writeString(file, singleQuoted.replace('\'', '"'));
        return NetworkSpec.parse(file.toString());
    }

    private static int switchNumber(ConnectPoint p) {
        return Integer.parseInt(p.deviceId().uri().getSchemeSpecificPart(), 16);
    }

    // The end on switch `from` of the link between switches from and to.
    private static ConnectPoint endOf(NetworkSpec spec, int from, int to) {
        for (NetworkSpec.Link l : spec.links()) {
            if (switchNumber(l.one()) == from && switchNumber(l.two()) == to) {
                return l.one();
            }
            if (switchNumber(l.two()) == from && switchNumber(l.one()) == to) {
                return l.two();
            }
        }
        throw new AssertionError("no link " + from + "-" + to);
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
