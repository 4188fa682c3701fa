/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the benchmark's output as a program does: each row's line
 * {@code <row> <flows_per_s> <ci_low> <ci_high> <p50_ms> <p99_ms> <cpu_us_per_flow>},
 * and the goal lines.
 */
final class ReportLines {

    private static final String NUMBER = "(-?[0-9]+(?:\\.[0-9]+)?|NaN)";
    private static final Pattern ROW = Pattern.compile("^(\\S+)" + " +" + NUMBER + " +" + NUMBER + " +" + NUMBER
            + " +" + NUMBER + " +" + NUMBER + " +" + NUMBER + "$");
    private static final Pattern GOAL = Pattern.compile("^  (.+?): +(met|NOT met|undecided \\(interval spans it\\)) +"
            + NUMBER + " \\[" + NUMBER + "-" + NUMBER + "\\]$");

    /** One row's line. */
    static final class RowLine {
        final double flowsPerSecond;
        final double ciLow;
        final double ciHigh;
        final double p50Ms;
        final double p99Ms;
        final double cpuMicrosPerFlow;

        RowLine(Matcher m) {
            flowsPerSecond = Double.parseDouble(m.group(2));
            ciLow = Double.parseDouble(m.group(3));
            ciHigh = Double.parseDouble(m.group(4));
            p50Ms = Double.parseDouble(m.group(5));
            p99Ms = Double.parseDouble(m.group(6));
            cpuMicrosPerFlow = Double.parseDouble(m.group(7));
        }
    }

    /** One goal's line. */
    static final class GoalLine {
        final String verdict;
        final double ratio;
        final double low;
        final double high;

        GoalLine(Matcher m) {
            verdict = m.group(2);
            ratio = Double.parseDouble(m.group(3));
            low = Double.parseDouble(m.group(4));
            high = Double.parseDouble(m.group(5));
        }
    }

    final Map<String, RowLine> rows = new LinkedHashMap<>();
    final Map<String, GoalLine> goals = new LinkedHashMap<>();

    /**
     * @param output the benchmark's output
     * @throws AssertionError if a row's line appears twice
     */
    ReportLines(String output) {
        for (String line : output.split("\\R")) {
            Matcher row = ROW.matcher(line);
            if (row.matches() && rows.put(row.group(1), new RowLine(row)) != null) {
                throw new AssertionError("two lines for row " + row.group(1));
            }
            Matcher goal = GOAL.matcher(line);
            if (goal.matches()) {
                goals.put(goal.group(1), new GoalLine(goal));
            }
        }
    }
}
