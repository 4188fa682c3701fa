/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.sandbox.core.SandboxCore;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code java -jar flowsocket-bench.jar [--quick] [options]}: confirmed flow
 * installs per second and their latency through FlowSocket, ONOS's REST API
 * and FlowRuleService directly, for the same rules; memory per idle session;
 * event fan-out.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        quietLogging();
        int code;
        try {
            code = run(o, System.out);
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /** Keeps the sandbox's logging to warnings, so that it does not time its own log. */
    static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.log.org.onosproject.event.impl.CoreEventDispatcher", "error");
        // ONOS's single-instance device store says so at every mastership check (each minute).
        setIfAbsent("org.slf4j.simpleLogger.log.org.onosproject.store.trivial.SimpleDeviceStore", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static int run(BenchOptions o, PrintStream out) throws Exception {
        long started = System.nanoTime();
        List<Row> rows = selectedRows(o, o.url == null);
        boolean failed = false;
        if (o.rows == null || !o.rows.isEmpty()) {
            try (Target target = o.url == null
                    ? Target.start(o.port, o.topo, Duration.ofMillis(o.ackLatencyMs), SandboxCore.Store.MEMORY)
                    : Target.attach(o.url, o.user, o.password);
                 EchoServer echo = new EchoServer();
                 RowRunners runners = RowRunners.start(o, target, echo.uri(), rows)) {
                failed = measure(o, out, runners, rows);
            }
            // The rows' sandboxes are gone and their garbage collected before
            // the sessions are measured: this JVM then holds only the clients
            // of the probe's FlowSocket, as with --rows none.
            System.gc();
        }
        WebSocketClient jetty = new WebSocketClient();
        jetty.start();
        try {
            failed |= sessions(o, jetty, new Bootstrap(2000, o.seed), out);
        } finally {
            jetty.stop();
        }
        out.printf(Locale.ROOT, "%ntotal run time %.0f s%n", (System.nanoTime() - started) / 1e9);
        return failed ? 1 : 0;
    }

    // Runs the rows and prints their table; returns whether a run had errors.
    private static boolean measure(BenchOptions o, PrintStream out, RowRunners runners, List<Row> rows)
            throws Exception {
        Target target = runners.main().target;
        Method.header(o, runners, rows, out);

        Method.warmUp(runners, rows, o, out);

        // Every row o.runs times, in one shuffled order: no row always follows
        // the same one, and slow drifts of the machine spread over all rows.
        List<Row> order = new ArrayList<>();
        for (int i = 0; i < o.runs; i++) {
            order.addAll(rows);
        }
        Random random = new Random(o.seed);
        Collections.shuffle(order, random);
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        rows.forEach(r -> runs.put(r.id, new ArrayList<>()));
        Map<String, String> removals = new LinkedHashMap<>();
        int k = 0;
        for (Row row : order) {
            RunResult r = runners.run(row, Duration.ofSeconds(o.seconds), 0,
                    removals.containsKey(row.id) ? null : line -> removals.put(row.id, line));
            runs.get(row.id).add(r);
            out.printf(Locale.ROOT, "  [%d/%d] %-26s %s%n", ++k, order.size(), row.name, r.summary());
        }

        Map<String, List<RunResult>> open = Method.openLoop(runners, rows, runs, o, random, out);

        Bootstrap bootstrap = new Bootstrap(2000, o.seed);
        Report report = new Report(bootstrap, out);
        out.println();
        out.println(o.quick ? "RESULTS OF A --quick SMOKE RUN: too short to quote; run without --quick for figures"
                : "RESULTS");
        out.println(o.url != null ? "target: " + o.url + " (its store as that server runs it)"
                : "FlowSocket's state on ONOS's in-memory test store" + (runners.onRaft()
                        ? "; rows named -raft: on ONOS's StorageManager over Atomix (embedded Raft, one node)"
                        : ""));
        report.table(runs);
        report.ceilings(runs);
        report.goals(runs);
        report.openLoop(open);
        out.println();
        for (Row row : rows) {
            if (removals.containsKey(row.id)) {
                out.println("removal after " + row.name + ": " + removals.get(row.id));
            }
        }
        if (target.sandbox().isPresent()) {
            FlowRules rules = runners.main().bodies.rules();
            out.printf(Locale.ROOT, "ONOS's FlowRule JSON codec alone (what FlowSocket and REST both run per "
                    + "rule): %.1f cpu us/rule as REST runs it, %.1f as FlowSocket does (each distinct match "
                    + "criterion read once)%n", CodecCost.onosMicrosPerRule(target, rules),
                    CodecCost.flowSocketMicrosPerRule(target, rules));
        }
        return runs.values().stream().flatMap(List::stream).anyMatch(r -> r.errors > 0);
    }

    private static List<Row> selectedRows(BenchOptions o, boolean inProcess) {
        List<Row> rows = new ArrayList<>();
        for (Row r : Row.all(o.batch, o.window, o.singleWindow, o.connections)) {
            // --quick leaves the Raft rows out unless asked for: their sandbox
            // start and runs add about 35 s to its 2 minutes.
            boolean chosen = o.rows == null ? !(o.quick && r.store == SandboxCore.Store.RAFT)
                    : o.rows.contains(r.id);
            // Attached by URL only FlowSocket's confirming rows run, confirmed
            // by their replies: ONOS's store and FlowRuleService are in the
            // other JVM, and a confirm:false reply confirms nothing. The Raft
            // rows need the second sandbox only this JVM can start.
            if (chosen && (inProcess || r.path == Row.Path.WS && r.store == SandboxCore.Store.MEMORY)) {
                rows.add(r);
            }
        }
        if (o.rows != null) {
            for (String id : o.rows) {
                if (rows.stream().noneMatch(r -> r.id.equals(id))
                        && Row.all(1, 1, 1, 1).stream().noneMatch(r -> r.id.equals(id))) {
                    throw new IllegalArgumentException("unknown row " + id);
                }
            }
        }
        return rows;
    }

    /**
     * Idle sessions and fan-out, against a sandbox in a second JVM; the
     * clients run in this one.
     *
     * @return whether a request of the fan-out's producer failed
     */
    private static boolean sessions(BenchOptions o, WebSocketClient jetty, Bootstrap bootstrap, PrintStream out)
            throws Exception {
        if (o.sessions.isEmpty() && o.subscribers == 0) {
            return false;
        }
        int most = Math.max(o.sessions.isEmpty() ? 0 : o.sessions.get(o.sessions.size() - 1), o.subscribers);
        SessionReport report = new SessionReport(bootstrap, out);
        // Room for the sessions, the producer and the odd late close.
        try (ProbeJvm probe = ProbeJvm.start(most + 64)) {
            if (!o.sessions.isEmpty()) {
                report.idle(IdleSessions.measure(jetty, probe, o.sessions));
                probe.awaitNoSessions(SESSIONS_GONE);
            }
            if (o.subscribers > 0) {
                probe.checkDescriptors(o.subscribers + 1);
                Duration length = Duration.ofSeconds(o.fanoutSeconds);
                // A run not reported first: the first run compiles the paths
                // of the producer, the server and the subscribers.
                EventFanout.openLoop(jetty, probe, o.subscribers, o.eventRate, FANOUT_WARMUP, 254);
                probe.awaitNoSessions(SESSIONS_GONE);
                List<EventFanout.Run> runs = new ArrayList<>();
                for (int i = 0; i < o.fanoutRuns; i++) {
                    runs.add(EventFanout.openLoop(jetty, probe, o.subscribers, o.eventRate, length, i));
                    probe.awaitNoSessions(SESSIONS_GONE);
                }
                report.fanout(runs);
                report.overload(EventFanout.overload(jetty, probe, o.subscribers, o.subscribers / 2,
                        SLOW_READ, length, 255));
                return runs.stream().anyMatch(r -> r.errors > 0);
            }
        }
        return false;
    }

    /** Longest wait for the probe's sessions to go once their clients closed them. */
    static final Duration SESSIONS_GONE = Duration.ofSeconds(60);

    /** The fan-out's warm-up run. */
    static final Duration FANOUT_WARMUP = Duration.ofSeconds(2);

    /** How long a slow subscriber of the overload phase takes per event: at most 200 events/s. */
    static final Duration SLOW_READ = Duration.ofMillis(5);
}
