/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** Command line options. */
public class MainTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void options() {
        Main.Options o = Main.Options.parse(new String[]{"--port", "9000", "--topo=tree,2,2",
                "--users", "users.properties", "--ack-latency", "5", "--no-flowsocket"});
        assertEquals(9000, o.port);
        assertEquals("tree,2,2", o.topo);
        assertEquals(Path.of("users.properties"), o.users);
        assertEquals(5, o.ackLatencyMs);
        assertFalse(o.flowSocket);
        Main.Options d = Main.Options.parse(new String[0]);
        assertEquals(8181, d.port);
        assertEquals("linear,3", d.topo);
        assertEquals("ONOS's meterStatsPollInterval", 10, d.meterStatsSeconds);
        assertEquals(3, Main.Options.parse(new String[]{"--meter-stats=3"}).meterStatsSeconds);
    }

    @Test
    public void helpAndErrors() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[]{"--help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--topo"));
        assertEquals(2, Main.run(new String[]{"--port", "http"}, o, e));
        assertEquals(2, Main.run(new String[]{"--bogus"}, o, e));
        assertEquals(2, Main.run(new String[]{"--topo", "star,3"}, o, e));
        assertEquals(2, Main.run(new String[]{"--meter-stats", "0"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown option --bogus"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("mesh,N"));
        assertEquals(2, Main.run(new String[]{"--topo", "mesh,17"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Cannot start: mesh needs 2 to 16 switches"));
    }

    @Test
    public void realSwitchesTakeNoLinkSpeeds() throws Exception {
        Path topology = tmp.newFile("speeds.json").toPath();
        Files.writeString(topology, ("{'devices': [{'id': 'of:0000000000000001'}, {'id': 'of:0000000000000002'}],"
                + " 'links': [{'src': 'of:0000000000000001/1', 'dst': 'of:0000000000000002/1', 'speedMbps': 100}]}")
                .replace('\'', '"'));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[]{"--openflow-port", "0", "--topo", topology.toString()}, o, e));
        assertEquals("Cannot start: link speeds (speedMbps, linkSpeedMbps) are for simulated switches;"
                + " real OpenFlow switches announce their own port speeds",
                     err.toString(StandardCharsets.UTF_8).trim());
    }
}
