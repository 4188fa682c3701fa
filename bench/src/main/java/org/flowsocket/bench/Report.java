/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Prints the benchmark's table: each row's mean over its runs with a 95 %
 * bootstrap interval, pooled latency percentiles, FlowSocket as a fraction
 * of each ceiling, the goals (met only when the whole interval is past the
 * threshold) and the open-loop runs.
 * <p>
 * Each row's first line is meant for programs as well as readers:
 * {@code <row> <flows_per_s> <ci_low> <ci_high> <p50_ms> <p99_ms> <cpu_us_per_flow>},
 * whitespace-separated, numbers only after the name. What else is known of
 * the row (terms, runs, intervals of the other figures, p99.9, FlowSocket's
 * reply, errors) follows on an indented line that does not start with a
 * row's name.
 */
final class Report {

    private final Bootstrap bootstrap;
    private final PrintStream out;

    Report(Bootstrap bootstrap, PrintStream out) {
        this.bootstrap = bootstrap;
        this.out = out;
    }

    /**
     * @param runs every closed-loop row's runs, by row id
     */
    void table(Map<String, List<RunResult>> runs) {
        out.println();
        out.printf(Locale.ROOT, "%-26s %9s %9s %9s %9s %9s %12s%n", "row", "flows/s", "ci_low", "ci_high",
                "p50_ms", "p99_ms", "cpu_us/flow");
        for (List<RunResult> r : runs.values()) {
            Row row = r.get(0).row;
            Bootstrap.Interval flows = bootstrap.mean(r, RunResult::flowsPerSecond);
            Bootstrap.Interval cpu = bootstrap.mean(r, RunResult::cpuMicrosPerFlow);
            Bootstrap.Interval p50 = bootstrap.percentile(r, 50, x -> x.latency);
            Bootstrap.Interval p99 = bootstrap.percentile(r, 99, x -> x.latency);
            Histogram latency = Bootstrap.pooled(r, x -> x.latency);
            out.printf(Locale.ROOT, "%-26s %9.0f %9.0f %9.0f %9.1f %9.1f %12.1f%n", row.name, flows.estimate,
                    flows.low, flows.high, p50.estimate, p99.estimate, cpu.estimate);
            String reply = "";
            if (row.flowSocket()) {
                Histogram replies = Bootstrap.pooled(r, x -> x.reply);
                reply = String.format(Locale.ROOT, "; reply p50/p99 %.1f/%.1f ms",
                        replies.getValueAtPercentile(50) / 1e3, replies.getValueAtPercentile(99) / 1e3);
            }
            int errors = r.stream().mapToInt(x -> x.errors).sum();
            // Every rule of a request is confirmed at once: the percentiles
            // rest on this many requests, not on flows.
            out.printf(Locale.ROOT, "    %s, %d runs, %d requests; CI of cpu us/flow [%s], p50 ms [%s], "
                            + "p99 ms [%s]; p99.9 %.1f ms%s%s%n", row.terms(), r.size(),
                    latency.getTotalCount() / row.batch, range(cpu), range(p50), range(p99),
                    latency.getValueAtPercentile(99.9) / 1e3, reply,
                    errors > 0 ? "; ERRORS " + errors + ": " + r.stream().filter(x -> x.firstError != null)
                            .findFirst().map(x -> x.firstError).orElse("") : "");
        }
    }

    private static String range(Bootstrap.Interval i) {
        return String.format(Locale.ROOT, "%.1f-%.1f", i.low, i.high);
    }

    /**
     * FlowSocket's throughput as a fraction of each ceiling, and its CPU per
     * flow against theirs.
     *
     * @param runs every closed-loop row's runs, by row id
     */
    void ceilings(Map<String, List<RunResult>> runs) {
        List<RunResult> ws = runs.get("ws");
        if (ws == null || Stream.of("onos-null", "onos-sim", "echo", "sim").noneMatch(runs::containsKey)) {
            return;
        }
        out.println();
        out.println("FlowSocket (" + ws.get(0).row.name + ") as a fraction of each ceiling, flows/s [95% CI]:");
        ceiling(runs, ws, "onos-null", "ONOS alone (FlowRuleService.apply, null-provider switches)");
        ceiling(runs, ws, "onos-sim", "ONOS over the simulated switches (FlowRuleService.apply)");
        ceiling(runs, ws, "echo", "the transport alone (the same frames echoed, no ONOS)");
        ceiling(runs, ws, "sim", "the simulator alone (the same batches, no ONOS)");
    }

    private void ceiling(Map<String, List<RunResult>> runs, List<RunResult> ws, String id, String what) {
        List<RunResult> c = runs.get(id);
        if (c != null) {
            out.printf(Locale.ROOT, "  of %-62s %s%n", what + ":",
                    bootstrap.ratio(ws, c, RunResult::flowsPerSecond).format("%.2f", 1));
        }
    }

    /**
     * The goals, each at equal terms; met only when the whole interval is
     * past the threshold.
     *
     * @param runs every closed-loop row's runs, by row id
     */
    void goals(Map<String, List<RunResult>> runs) {
        out.println();
        out.println("goals (ratio [95% CI] of the two rows' flows/s, or of their CPU per flow; met only when "
                + "the whole interval is past the threshold):");
        goal(runs, "ws", "rest-batch", RunResult::flowsPerSecond, 1.5, true,
                "FlowSocket 1 conn >= 1.5x ONOS REST batch, flows/s");
        goal(runs, "ws", "rest-batch", RunResult::cpuMicrosPerFlow, 1.0, false,
                "FlowSocket 1 conn <= ONOS REST batch, CPU per flow");
        goal(runs, "ws-b1", "rest-single", RunResult::flowsPerSecond, 3, true,
                "FlowSocket 1 rule per request >= 3x ONOS REST single, flows/s");
        goal(runs, "ws", "onos-null", RunResult::flowsPerSecond, 0.6, true,
                "FlowSocket 1 conn >= 0.6x onos-ceiling, flows/s");
        goal(runs, "ws-raft", "rest-batch-raft", RunResult::flowsPerSecond, 1, true,
                "Raft store: FlowSocket >= 1.0x REST batch on it, flows/s");
        List<RunResult> ws = runs.get("ws");
        List<RunResult> single = runs.get("rest-single");
        if (ws != null && single != null) {
            out.printf(Locale.ROOT, "  (not a goal: FlowSocket at B=%d over REST at 1 rule per request: %s)%n",
                    ws.get(0).row.batch, bootstrap.ratio(ws, single, RunResult::flowsPerSecond).format("%.2f", 1));
        }
        List<RunResult> wsRaft = runs.get("ws-raft");
        if (ws != null && wsRaft != null) {
            out.printf(Locale.ROOT, "  (not a goal: FlowSocket on the Raft store over FlowSocket on the in-memory "
                    + "store: %s)%n", bootstrap.ratio(wsRaft, ws, RunResult::flowsPerSecond).format("%.2f", 1));
        }
    }

    // atLeast: the ratio must reach the threshold (flows/s); else stay at or under it (CPU).
    private void goal(Map<String, List<RunResult>> runs, String top, String bottom,
                      ToDoubleFunction<RunResult> figure, double threshold, boolean atLeast, String text) {
        List<RunResult> a = runs.get(top);
        List<RunResult> b = runs.get(bottom);
        if (a == null || b == null) {
            return;
        }
        Bootstrap.Interval r = bootstrap.ratio(a, b, figure);
        boolean met = atLeast ? r.low >= threshold : r.high <= threshold;
        boolean missed = atLeast ? r.high < threshold : r.low > threshold;
        String verdict = met ? "met" : missed ? "NOT met" : "undecided (interval spans it)";
        out.printf(Locale.ROOT, "  %-67s %-30s %s%n", text + ":", verdict, r.format("%.2f", 1));
    }

    /**
     * Open-loop runs: latency from the intended send time.
     *
     * @param runs runs by label, e.g. {@code 25%}
     */
    void openLoop(Map<String, List<RunResult>> runs) {
        if (runs.isEmpty()) {
            return;
        }
        out.println();
        out.println("open loop (requests at a fixed rate; latency from the time the schedule meant to send "
                + "each request, so a stall is not hidden):");
        out.printf(Locale.ROOT, "%-8s %12s %24s %20s %20s %9s%n", "load", "offered/s", "achieved flows/s [CI]",
                "p50 ms [CI]", "p99 ms [CI]", "p99.9 ms");
        for (Map.Entry<String, List<RunResult>> e : runs.entrySet()) {
            List<RunResult> r = e.getValue();
            out.printf(Locale.ROOT, "%-8s %12.0f %24s %20s %20s %9.1f%s%n", e.getKey(), r.get(0).offeredRate,
                    bootstrap.mean(r, RunResult::flowsPerSecond).format("%.0f", 1),
                    bootstrap.percentile(r, 50, x -> x.latency).format("%.1f", 1),
                    bootstrap.percentile(r, 99, x -> x.latency).format("%.1f", 1),
                    Bootstrap.pooled(r, x -> x.latency).getValueAtPercentile(99.9) / 1e3,
                    r.stream().mapToInt(x -> x.errors).sum() > 0 ? "   ERRORS" : "");
        }
    }
}
