/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.junit.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The two rows on ONOS's Raft store run on a second sandbox in this JVM,
 * next to the main one on the in-memory store, and are reported as every
 * other row is, with their goal.
 */
public class RaftRowsTest {

    @Test
    public void raftRowsRunNextToTheMemoryRowAndAreReported() throws Exception {
        BenchMain.quietLogging();
        BenchOptions o = BenchOptions.parse(new String[]{
            "--rows", "ws,ws-raft,rest-batch-raft", "--runs", "2", "--seconds", "1", "--warmup-passes", "1",
            "--warmup-seconds", "1", "--open-loop-runs", "0", "--max-rules", "16384", "--sessions", "0",
            "--subscribers", "0", "--seed", "7"});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = BenchMain.run(o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(output, 0, code);
        ReportLines lines = new ReportLines(output);
        assertEquals(output, 3, lines.rows.size());
        for (String name : new String[]{"flowsocket-ws-1conn", "flowsocket-ws-1conn-raft", "onos-rest-batch-raft"}) {
            ReportLines.RowLine row = lines.rows.get(name);
            assertTrue(name + " missing:\n" + output, row != null);
            assertTrue(output, row.flowsPerSecond > 0);
            assertTrue(output, row.ciLow <= row.flowsPerSecond && row.flowsPerSecond <= row.ciHigh);
            assertTrue(output, row.p50Ms > 0 && row.p50Ms <= row.p99Ms);
            assertTrue(output, row.cpuMicrosPerFlow > 0);
        }
        assertTrue(output, output.contains("rows named -raft: on ONOS's StorageManager over Atomix"));
        assertTrue(output, lines.goals.containsKey(ReportFormatTest.RAFT_GOAL));
        // Every row's runs in one order, the Raft rows' among the others'.
        assertTrue(output, output.contains("[6/6]"));
        // FlowSocket's store calls per request, the same on either store and
        // whatever the rules: the handle's putIfAbsent and its replace
        // (InstallFlow); the handle read, read and changed to REMOVING, and
        // removed (RemoveFlow). The rules are reserved by FlowSocket's leader,
        // this node: no store call. A few more may fall in the count (a block
        // of ids, the leader's 5 s look).
        for (String name : new String[]{"flowsocket-ws-1conn", "flowsocket-ws-1conn-raft"}) {
            Matcher m = Pattern.compile("removal after " + name + ": .*; store calls per request \\(64 rules\\): "
                    + "InstallFlow ([0-9.]+) \\(([0-9.]+) waits\\), RemoveFlow ([0-9.]+) \\(([0-9.]+) waits\\)")
                    .matcher(output);
            assertTrue(name + ":\n" + output, m.find());
            assertEquals(output, 2, Double.parseDouble(m.group(1)), 1.0);
            assertEquals(output, 2, Double.parseDouble(m.group(2)), 1.0);
            assertEquals(output, 4, Double.parseDouble(m.group(3)), 1.0);
            assertEquals(output, 4, Double.parseDouble(m.group(4)), 1.0);
        }
    }
}
