/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.HdrHistogram.Histogram;
import org.junit.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The table's row lines and goal lines, as programs read them, for every
 * row the benchmark has.
 */
public class ReportFormatTest {

    /** The rows a reader of the table may count on. */
    static final List<String> REQUIRED_ROWS = List.of("flowsocket-ws-1conn", "flowsocket-ws-16conn",
            "flowsocket-ws-1conn-b1", "flowsocket-ws-noconfirm", "onos-rest-single", "onos-rest-batch",
            "onos-ceiling", "simulator-ceiling", "transport-ceiling", "flowsocket-ws-1conn-raft",
            "onos-rest-batch-raft");

    static final String RAFT_GOAL = "Raft store: FlowSocket >= 1.0x REST batch on it, flows/s";
    static final String CPU_GOAL = "FlowSocket 1 conn <= ONOS REST batch, CPU per flow";

    @Test
    public void everyRowHasOneLineOfNumbersAndTheGoalsFollow() {
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        int k = 0;
        for (Row row : Row.all(64, 64, 128, 16)) {
            List<RunResult> r = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                // Row k confirms 1000 * (k + 1) flows/s at (k + 1) ms, give or take a run.
                Histogram latency = FlowRows.histogram();
                latency.recordValueWithCount((k + 1) * 1000L, row.batch);
                // 10 us of CPU per flow; ws 8.
                double cpuSeconds = row.id.equals("ws") ? 0.008 : 0.01 * (k + 1);
                r.add(new RunResult(row, 1000L * (k + 1) + i, 1.0, cpuSeconds, latency,
                        FlowRows.histogram(), 0, null, 0, false));
            }
            runs.put(row.id, r);
            k++;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report report = new Report(new Bootstrap(200, 1), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        report.table(runs);
        report.ceilings(runs);
        report.goals(runs);
        String output = bytes.toString(StandardCharsets.UTF_8);

        ReportLines lines = new ReportLines(output);
        assertTrue(output, lines.rows.keySet().containsAll(REQUIRED_ROWS));
        assertEquals(output, runs.size(), lines.rows.size());
        ReportLines.RowLine raft = lines.rows.get("flowsocket-ws-1conn-raft");
        int raftIndex = new ArrayList<>(runs.keySet()).indexOf("ws-raft");
        assertEquals(1000.0 * (raftIndex + 1) + 1, raft.flowsPerSecond, 0.5);
        assertTrue(output, raft.ciLow <= raft.flowsPerSecond && raft.flowsPerSecond <= raft.ciHigh);
        assertEquals(raftIndex + 1, raft.p50Ms, 0.01 * (raftIndex + 1));
        assertEquals(10.0, raft.cpuMicrosPerFlow, 0.1);
        // Goals come after the rows.
        assertTrue(output.indexOf("goals") > output.indexOf("onos-rest-batch-raft"));
        ReportLines.GoalLine goal = lines.goals.get(RAFT_GOAL);
        assertTrue(output, goal != null);
        // ws-raft is the row after ws-w1, rest-batch-raft after it: the ratio is below 1.
        assertEquals("NOT met", goal.verdict);
        assertTrue(output, goal.high < 1);
        // ws spends 0.8 of rest-batch's CPU per flow: a CPU goal is met
        // when the interval stays under its threshold.
        ReportLines.GoalLine cpu = lines.goals.get(CPU_GOAL);
        assertTrue(output, cpu != null && cpu.high < 0.81 && cpu.low > 0.79);
        assertEquals(output, "met", cpu.verdict);
        assertEquals(output, List.of("FlowSocket 1 conn >= 1.5x ONOS REST batch, flows/s", CPU_GOAL,
                "FlowSocket 1 rule per request >= 3x ONOS REST single, flows/s",
                "FlowSocket 1 conn >= 0.6x onos-ceiling, flows/s", RAFT_GOAL), new ArrayList<>(lines.goals.keySet()));
    }
}
