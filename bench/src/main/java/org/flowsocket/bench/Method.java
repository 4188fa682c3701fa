/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's method: what it states before measuring, the warm-up that
 * ends when the JIT compiler has settled, and the open-loop runs at fixed
 * fractions of the measured maximum.
 */
final class Method {

    /** A warm-up pass settles when compiling took less than this share of its time. */
    static final double SETTLED_COMPILE_SHARE = 0.01;

    /** Loads of the open-loop runs, as fractions of the closed-loop maximum. */
    static final double[] OPEN_LOOP_LOADS = {0.25, 0.50, 0.75};

    private Method() {
    }

    static void header(BenchOptions o, RowRunners runners, List<Row> rows, PrintStream out) {
        Runtime rt = Runtime.getRuntime();
        out.println("FlowSocket benchmark" + (o.quick ? " (--quick: a smoke run, NOT FOR QUOTING)" : ""));
        out.printf(Locale.ROOT, "  server:    %s%n", runners.main().target.sandbox().isPresent()
                ? "sandbox in this JVM: ONOS 2.5.6 core managers, FlowRuleManager on its own executors, "
                + "ONOS's in-memory store, topology " + o.topo + " (" + runners.main().switches.size()
                + " simulated switches, acknowledging " + o.ackLatencyMs + " ms after a batch, whole-table "
                + "statistics every 5 s)"
                : "attached at " + o.url + " (FlowSocket rows only, confirmed by their replies)");
        if (runners.onRaft()) {
            out.println("  raft:      rows named -raft run on a second sandbox in this JVM, the same but for its "
                    + "store: ONOS's StorageManager over Atomix, an embedded Raft group of one node, as a single "
                    + "ONOS runs it (FlowSocket's flow handles are a Raft-replicated map, its rule index is on its leader; "
                    + "ONOS's flow rule store is the same in both)");
        }
        out.println("  confirmed: a request's rules are confirmed when ONOS's flow rule store receives the "
                + "switch's successful answer to their batch, before FlowRuleManager completes it: the same "
                + "moment, observed the same way, for every row (the echo row: its frame returns)");
        out.println("  closed loop: at most W requests unconfirmed per row (all connections together); a slot "
                + "frees at confirmation, for REST and FlowSocket alike. Each request is B rules on one switch "
                + "(one ONOS device batch)");
        out.printf(Locale.ROOT, "  runs:      %d per row of %d s each, all rows' runs in one shuffled order "
                        + "(seed %d); each run starts from empty tables with the same rules, at most %d per run; "
                        + "after a warm-up of %d s per row per pass that ends when JIT compilation takes under "
                        + "%.0f %% of a pass (at most %d passes)%n",
                o.runs, o.seconds, o.seed, o.maxRules, o.warmupSeconds, SETTLED_COMPILE_SHARE * 100,
                o.warmupPasses);
        out.println("  latency:   per flow, from sending its request to its confirmation, HdrHistogram pooled over "
                + "the runs; 'reply' is FlowSocket's reply as its client sees it");
        out.println("  intervals: 95 % bootstrap over the runs (2000 resamples; 200 for latency percentiles); "
                + "a goal is met only when its whole interval is past the threshold");
        out.println("  cpu:       CPU time of this JVM (client, FlowSocket, ONOS, switches"
                + (runners.onRaft() ? ", both sandboxes" : "") + ") per confirmed flow");
        out.printf(Locale.ROOT, "  machine:   %d cores available to this JVM, JVM %s, max heap %d MiB%n",
                rt.availableProcessors(), System.getProperty("java.version"), rt.maxMemory() / 1048576);
        StringBuilder list = new StringBuilder("  rows:     ");
        rows.forEach(r -> list.append(' ').append(r.name).append(" (").append(r.terms()).append(')'));
        out.println(list);
        out.println();
    }

    /**
     * Runs every row for the warm-up time, pass after pass, until a pass
     * spends less than {@link #SETTLED_COMPILE_SHARE} of its time compiling
     * (CompilationMXBean) or the passes run out.
     */
    static void warmUp(RowRunners runners, List<Row> rows, BenchOptions o, PrintStream out)
            throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
        for (int pass = 1; pass <= o.warmupPasses; pass++) {
            long compiling = monitored ? jit.getTotalCompilationTime() : 0;
            long t0 = System.nanoTime();
            for (Row row : rows) {
                RunResult r = runners.run(row, Duration.ofSeconds(o.warmupSeconds), 0, null);
                if (r.errors > 0) {
                    throw new IllegalStateException("warm-up of " + row.name + " failed: " + r.firstError);
                }
            }
            double wallMs = (System.nanoTime() - t0) / 1e6;
            if (!monitored) {
                out.printf(Locale.ROOT, "warm-up pass %d: %.0f s (the JVM does not report compilation time)%n",
                        pass, wallMs / 1e3);
                continue;
            }
            long spent = jit.getTotalCompilationTime() - compiling;
            boolean settled = spent < SETTLED_COMPILE_SHARE * wallMs;
            out.printf(Locale.ROOT, "warm-up pass %d: %.0f s, JIT compiling %d ms (%.1f %%)%s%n", pass,
                    wallMs / 1e3, spent, 100 * spent / wallMs, settled ? ": settled" : "");
            if (settled) {
                return;
            }
        }
        out.println("warm-up: compilation had not settled when the passes ran out");
    }

    /**
     * Open-loop runs of the FlowSocket row at fixed fractions of its
     * closed-loop mean, in shuffled order.
     *
     * @return runs by load label
     */
    static Map<String, List<RunResult>> openLoop(RowRunners runners, List<Row> rows,
                                                 Map<String, List<RunResult>> runs, BenchOptions o,
                                                 Random random, PrintStream out)
            throws Exception {
        Map<String, List<RunResult>> open = new LinkedHashMap<>();
        List<RunResult> ws = runs.get("ws");
        if (o.openLoopRuns == 0 || ws == null) {
            return open;
        }
        Row row = ws.get(0).row;
        double max = ws.stream().mapToDouble(RunResult::flowsPerSecond).average().orElse(0);
        List<Double> order = new ArrayList<>();
        for (double load : OPEN_LOOP_LOADS) {
            open.put(label(load), new ArrayList<>());
            for (int i = 0; i < o.openLoopRuns; i++) {
                order.add(load);
            }
        }
        Collections.shuffle(order, random);
        int k = 0;
        for (double load : order) {
            RunResult r = runners.run(row, Duration.ofSeconds(o.seconds), load * max, null);
            open.get(label(load)).add(r);
            out.printf(Locale.ROOT, "  [open %d/%d] %-19s %s%n", ++k, order.size(),
                    row.name + " @" + label(load), r.summary());
        }
        return open;
    }

    private static String label(double load) {
        return String.format(Locale.ROOT, "%.0f%%", load * 100);
    }
}
