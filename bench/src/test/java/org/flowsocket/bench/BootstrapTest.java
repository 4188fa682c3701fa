/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The benchmark's intervals and options: what a goal's verdict rests on.
 */
public class BootstrapTest {

    private static final Row ROW = new Row("ws", "flowsocket-ws-1conn", Row.Path.WS, 64, 64, 1);

    private static List<RunResult> runs(double... flowsPerSecond) {
        List<RunResult> runs = new ArrayList<>();
        for (double f : flowsPerSecond) {
            runs.add(new RunResult(ROW, (long) f, 1.0, 1.0, FlowRows.histogram(), FlowRows.histogram(), 0, null,
                    0, false));
        }
        return runs;
    }

    @Test
    public void identicalRunsGiveAnIntervalOfNoWidth() {
        Bootstrap.Interval i = new Bootstrap(2000, 1).mean(runs(1000, 1000, 1000), RunResult::flowsPerSecond);
        assertEquals(1000, i.estimate, 0);
        assertEquals(1000, i.low, 0);
        assertEquals(1000, i.high, 0);
    }

    @Test
    public void intervalHoldsTheMeanAndStaysWithinTheRuns() {
        Bootstrap.Interval i = new Bootstrap(2000, 7).mean(runs(800, 900, 1000, 1100, 1200, 950, 1050, 1000, 990,
                1010), RunResult::flowsPerSecond);
        assertEquals(1000, i.estimate, 1e-9);
        assertTrue(i.low < 1000 && i.high > 1000);
        assertTrue(i.low >= 800 && i.high <= 1200);
    }

    @Test
    public void ratioResamplesBothRows() {
        Bootstrap b = new Bootstrap(2000, 3);
        Bootstrap.Interval exact = b.ratio(runs(2000, 2000), runs(1000, 1000), RunResult::flowsPerSecond);
        assertEquals(2.0, exact.estimate, 1e-9);
        assertEquals(2.0, exact.low, 1e-9);
        Bootstrap.Interval spread = b.ratio(runs(1900, 2100, 2000), runs(900, 1100, 1000),
                RunResult::flowsPerSecond);
        assertTrue("a threshold of 1.5 is below the whole interval", spread.low > 1.5);
        assertTrue("a threshold of 2 is inside it", spread.low < 2 && spread.high > 2);
    }

    @Test
    public void quickIsShortAndTheFullRunMeetsTheMethod() {
        BenchOptions quick = BenchOptions.parse(new String[]{"--quick"});
        assertEquals(2, quick.runs);
        assertEquals(1, quick.seconds);
        BenchOptions full = BenchOptions.parse(new String[0]);
        assertTrue("at least 10 runs of at least 10 s", full.runs >= 10 && full.seconds >= 10);
        assertEquals(3, full.openLoopRuns);
    }
}
