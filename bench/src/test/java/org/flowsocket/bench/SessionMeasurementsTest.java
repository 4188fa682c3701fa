/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.junit.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The idle session and fan-out measurements: their options, the slope, and
 * the lines a short run of them prints, as a program reads them.
 */
public class SessionMeasurementsTest {

    private static final String N = "(-?[0-9]+(?:\\.[0-9]+)?|NaN)";
    private static final Pattern MEMORY_POINT = Pattern.compile(
            "^(baseline|idle-sessions|requested-sessions) +([0-9]+) +([0-9]+)((?: +-?[0-9]+){5})$");
    private static final Pattern FANOUT_RUN = Pattern.compile("^fanout-run((?: +" + N + "){15})$");
    private static final Pattern OVERLOAD = Pattern.compile("^(overload-normal|overload-slow)((?: +" + N + "){7})$");
    private static final Pattern IDLE_GOAL = Pattern.compile("^  ([0-9,]+) idle sessions < 16 KiB each \\(all "
            + "included\\): +(met|NOT met|undecided \\(no slope\\)) +" + N + " KiB \\(.*\\)$");
    private static final Pattern FANOUT_GOAL = Pattern.compile("^  fan-out p99 < 50 ms, ([0-9]+) subscribers at "
            + "([0-9]+) source events/s: +(met|NOT met|undecided \\(interval spans it\\)) +" + N + " \\[" + N + "-"
            + N + "\\]$");

    @Test
    public void theSlopeIsTheLeastSquaresLineThroughThePoints() {
        // 100 bytes per session plus noise of +-50 on the middle point.
        List<IdleSessions.Point> points = List.of(point(1000, 1_000_000 + 100_000),
                point(5000, 1_000_000 + 500_000 + 50), point(10000, 1_000_000 + 1_000_000));
        // x = 1000, 5000, 10000 (mean 5333.3); only the middle point is off the line, by +50.
        double expected = 100 + 50 * (5000 - 16000 / 3.0) / (Math.pow(1000 - 16000 / 3.0, 2)
                + Math.pow(5000 - 16000 / 3.0, 2) + Math.pow(10000 - 16000 / 3.0, 2));
        assertEquals(expected, IdleSessions.slope(points, m -> m.heapUsed), 1e-9);
        assertTrue(Double.isNaN(IdleSessions.slope(List.of(point(5, 1), point(5, 2)), m -> m.heapUsed)));
    }

    private static IdleSessions.Point point(int sessions, long heap) {
        return new IdleSessions.Point(sessions, new SessionProbe.Memory(heap, 0, 0, 0, 0));
    }

    @Test
    public void sessionsBeyondTheDescriptorLimitAreRefusedWithTheLimitNamed() throws Exception {
        ProbeJvm.checkDescriptors("the probe JVM", 10_000, 300, 20_000);
        try {
            ProbeJvm.checkDescriptors("the probe JVM", 10_000, 300, 10_500);
            fail("10,000 sessions were allowed with 300 of 10,500 descriptors open");
        } catch (java.io.IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("the probe JVM")
                    && e.getMessage().contains("300 open of at most 10500 (ulimit -n)"));
        }
    }

    @Test
    public void optionsTakeSessionListsAndRowsNone() {
        BenchOptions full = BenchOptions.parse(new String[0]);
        assertEquals(List.of(1000, 5000, 10000), full.sessions);
        assertEquals(3, full.fanoutRuns);
        assertEquals(10, full.fanoutSeconds);
        assertEquals(1000, full.eventRate);
        BenchOptions quick = BenchOptions.parse(new String[] {"--quick", "--rows", "none"});
        assertEquals(List.of(200, 500), quick.sessions);
        assertEquals(1, quick.fanoutRuns);
        assertEquals(2, quick.fanoutSeconds);
        assertEquals(List.of(), quick.rows);
        assertEquals(List.of(), BenchOptions.parse(new String[] {"--sessions", "0"}).sessions);
        for (String bad : List.of("1000", "5000,1000", "10,x", "0,10")) {
            try {
                BenchOptions.parse(new String[] {"--sessions", bad});
                fail("--sessions " + bad + " was taken");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("--sessions"));
            }
        }
        try {
            BenchOptions.parse(new String[] {"--hosts", "300"});
            fail("--hosts was taken");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("--event-rate"));
        }
        assertTrue(BenchOptions.USAGE.contains("none for the idle session"));
        assertTrue(BenchOptions.USAGE.contains("--fanout-runs"));
    }

    /** A short run of both measurements alone: about a minute, most of it the second JVM's start. */
    @Test(timeout = 300_000)
    public void rowsNoneMeasuresSessionsAndFanoutAndPrintsTheirGoals() throws Exception {
        BenchOptions o = BenchOptions.parse(new String[] {"--rows", "none", "--sessions", "20,40,60",
            "--subscribers", "4", "--event-rate", "200", "--fanout-seconds", "1", "--fanout-runs", "2",
            "--seed", "7"});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, BenchMain.run(o, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        String output = bytes.toString(StandardCharsets.UTF_8);

        List<Matcher> idle = new ArrayList<>();
        List<Matcher> requested = new ArrayList<>();
        List<Matcher> runs = new ArrayList<>();
        List<Matcher> overload = new ArrayList<>();
        Matcher idleGoal = null;
        Matcher fanoutGoal = null;
        for (String line : output.split("\\R")) {
            Matcher m;
            if ((m = MEMORY_POINT.matcher(line)).matches()) {
                (m.group(1).equals("idle-sessions") ? idle : m.group(1).equals("requested-sessions") ? requested
                        : new ArrayList<Matcher>()).add(m);
            } else if ((m = FANOUT_RUN.matcher(line)).matches()) {
                runs.add(m);
            } else if ((m = OVERLOAD.matcher(line)).matches()) {
                overload.add(m);
            } else if ((m = IDLE_GOAL.matcher(line)).matches()) {
                idleGoal = m;
            } else if ((m = FANOUT_GOAL.matcher(line)).matches()) {
                fanoutGoal = m;
            }
        }
        assertEquals(output, 3, idle.size());
        assertEquals(output, 3, requested.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(output, 20 * (i + 1), Integer.parseInt(idle.get(i).group(2)));
            assertEquals(output, "0", idle.get(i).group(3));
            assertEquals(output, "60", requested.get(i).group(2));
            assertEquals(output, 20 * (i + 1), Integer.parseInt(requested.get(i).group(3)));
            long[] memory = numbers(idle.get(i).group(4));
            assertTrue(output, memory[0] > 0 && memory[2] > 0 && memory[4] > 0);
            // total = heap used + native outside the heap
            assertEquals(output, memory[0] + memory[2], memory[3]);
        }
        assertTrue(output, output.contains("maxSessions, maxSessionsPerUser, maxSessionsPerAddress = 124"));
        assertTrue(output, idleGoal != null);
        assertEquals(output, "60", idleGoal.group(1));
        assertFalse(output, idleGoal.group(2).startsWith("undecided"));

        assertEquals(output, 2, runs.size());
        for (Matcher run : runs) {
            double[] f = doubles(run.group(1));
            // n, subscribers, achieved/s, source events, min and max each, p50, p99, p99.9, max, gaps, errors,
            // strays, collector pauses in the server's JVM and in this one
            assertEquals(output, 4, f[1], 0);
            assertEquals(output, 200.0, f[3], 0);
            assertEquals("every subscriber got every event of a run\n" + output, f[3], f[4], 0);
            assertEquals(output, f[3], f[5], 0);
            assertTrue(output, f[6] <= f[7] && f[7] <= f[8] && f[8] <= f[9] + 0.1);
            assertEquals(output, 0, f[10], 0);
            assertEquals(output, 0, f[11], 0);
            assertEquals("each run starts after the events of the one before were all delivered\n" + output,
                    0, f[12], 0);
            assertTrue(output, f[13] >= 0 && f[14] >= 0);
        }
        assertTrue(output, fanoutGoal != null);
        assertEquals(output, "4", fanoutGoal.group(1));
        assertEquals(output, "200", fanoutGoal.group(2));
        double p99 = Double.parseDouble(fanoutGoal.group(4));
        assertTrue(output, Double.parseDouble(fanoutGoal.group(5)) <= p99
                && p99 <= Double.parseDouble(fanoutGoal.group(6)));

        assertEquals(output, 2, overload.size());
        for (Matcher m : overload) {
            double[] f = doubles(m.group(2));
            // delivered/s each, min events, p99, max, closed 1008, closed otherwise, seq gaps
            assertTrue(output, f[0] > 0 && f[1] > 0);
            assertEquals("FlowSocket never leaves a gap in seq\n" + output, 0, f[6], 0);
        }
    }

    private static long[] numbers(String text) {
        String[] f = text.trim().split(" +");
        long[] n = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            n[i] = Long.parseLong(f[i]);
        }
        return n;
    }

    private static double[] doubles(String text) {
        String[] f = text.trim().split(" +");
        double[] n = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            n[i] = Double.parseDouble(f[i]);
        }
        return n;
    }
}
