/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.testkit.Requests;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar flowsocket-bench.jar [--quick] [options]}: confirmed flow
 * installs per second and their latency through FlowSocket, ONOS's REST API
 * and FlowRuleService directly, for the same rules; heap per idle session;
 * event fan-out.
 */
public final class BenchMain {

    static final String USAGE = String.join("\n",
            "Usage: java -jar flowsocket-bench.jar [options]",
            "",
            "Measures confirmed flow installs per second and their latency (p50, p99)",
            "for the same unique rules through FlowSocket (WebSocket), ONOS's REST API",
            "and FlowRuleService in-process; heap per idle session; event fan-out.",
            "Starts a sandbox in this JVM on 127.0.0.1 unless --url is given.",
            "",
            "Options:",
            "  --quick             short run (under 2 minutes on 2 cores)",
            "  --rules N           rules per row (default 65536; quick 16384)",
            "  --batch B           rules per request for batched rows (default 64)",
            "  --window W          requests in flight per row, all connections together (default 64)",
            "  --connections C     connections of the multi-connection row (default 16)",
            "  --rows LIST         comma-separated rows to run (default all):",
            "                      ws-1conn, ws-1conn-b1, ws-16conn, rest-single, rest-batch, in-process",
            "  --ack-latency MS    switches' acknowledgement latency (default 20)",
            "  --topo SPEC         sandbox topology (default linear,3)",
            "  --port N            sandbox HTTP port (default 0: any free port)",
            "  --url URL           attach to a running sandbox, e.g. http://127.0.0.1:8181",
            "                      (no in-process row; REST confirmations are polled)",
            "  --user U --password P   admin credentials for --url (default onos/rocks)",
            "  --sessions N        idle sessions to open (default 1000; 0 skips)",
            "  --subscribers N     fan-out subscribers (default 100; 0 skips)",
            "  --hosts N           hosts added and removed for the fan-out (default 1000; quick 300)",
            "  --repeat R          measure every row R times, taking turns; report the median",
            "                      (default 3; quick 1)",
            "  --help              this text",
            "");

    /** Parsed options. */
    static final class Options {
        boolean quick;
        int rules = -1;
        int batch = 64;
        int window = 64;
        int connections = 16;
        List<String> rows = List.of("ws-1conn", "ws-1conn-b1", "ws-16conn", "rest-single", "rest-batch",
                "in-process");
        int ackLatencyMs = 20;
        String topo = "linear,3";
        int port;
        URI url;
        String user = "onos";
        String password = "rocks";
        int sessions = 1000;
        int subscribers = 100;
        int hosts = -1;
        int repeat = -1;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    v = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "--help":
                    case "-h":
                        o.help = true;
                        break;
                    case "--quick":
                        o.quick = true;
                        break;
                    default:
                        if (v == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException(a + " needs a value");
                            }
                            v = args[++i];
                        }
                        o.set(a, v);
                }
            }
            if (o.rules < 0) {
                o.rules = o.quick ? 16384 : 65536;
            }
            if (o.hosts < 0) {
                o.hosts = o.quick ? 300 : 1000;
            }
            if (o.repeat < 0) {
                o.repeat = o.quick ? 1 : 3;
            }
            return o;
        }

        private void set(String option, String v) {
            switch (option) {
                case "--rules":
                    rules = number(option, v, 1, FlowRules.MAX_FLOWS / 8);
                    break;
                case "--batch":
                    batch = number(option, v, 1, 1000);
                    break;
                case "--window":
                    window = number(option, v, 1, 256);
                    break;
                case "--connections":
                    connections = number(option, v, 1, 256);
                    break;
                case "--rows":
                    rows = List.of(v.split(","));
                    break;
                case "--ack-latency":
                    ackLatencyMs = number(option, v, 0, 60_000);
                    break;
                case "--topo":
                    topo = v;
                    break;
                case "--port":
                    port = number(option, v, 0, 65535);
                    break;
                case "--url":
                    url = URI.create(v);
                    break;
                case "--user":
                    user = v;
                    break;
                case "--password":
                    password = v;
                    break;
                case "--sessions":
                    sessions = number(option, v, 0, 1000);
                    break;
                case "--subscribers":
                    subscribers = number(option, v, 0, 1000);
                    break;
                case "--hosts":
                    hosts = number(option, v, 1, 100_000);
                    break;
                case "--repeat":
                    repeat = number(option, v, 1, 20);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + option);
            }
        }

        private static int number(String option, String v, int min, int max) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min || n > max) {
                    throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not '" + v + "'");
            }
        }
    }

    private BenchMain() {
    }

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(USAGE);
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
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static int run(Options o, PrintStream out) throws Exception {
        long started = System.nanoTime();
        try (Target target = o.url == null
                ? Target.start(o.port, o.topo, Duration.ofMillis(o.ackLatencyMs))
                : Target.attach(o.url, o.user, o.password)) {
            FlowRules rules = new FlowRules(target.devices(), o.batch);
            List<String> rows = new ArrayList<>(o.rows);
            if (target.sandbox().isEmpty()) {
                rows.remove("in-process");
            }
            header(o, target, rules, rows, out);
            FlowRows runner = new FlowRows(target, rules, Duration.ofMinutes(o.quick ? 2 : 10));

            // Warm-up: every row once on a quarter of the rules, not reported,
            // so that no row pays for the JIT compiling code the others share.
            int warm = Math.max(o.batch * o.window, o.rules / 4);
            int next = 0;
            for (String row : rows) {
                runRow(runner, row, o, next, Math.min(warm, o.rules));
                next += o.rules;
            }
            // Rows take turns, repeat times; each row reports its median run.
            Map<String, List<FlowRows.Result>> runs = new LinkedHashMap<>();
            for (int rep = 0; rep < o.repeat; rep++) {
                for (String row : rows) {
                    FlowRows.Result r = runRow(runner, row, o, next, o.rules);
                    next += o.rules;
                    runs.computeIfAbsent(row, k -> new ArrayList<>()).add(r);
                    if (Boolean.getBoolean("bench.marks")) {
                        // wall-clock window of the timed part, to cut a profile to it
                        java.time.format.DateTimeFormatter f =
                                java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
                        out.println("  " + line(r) + "\n    timed " + f.format(java.time.LocalTime.ofInstant(
                                java.time.Instant.ofEpochMilli(r.startMillis), java.time.ZoneId.systemDefault()))
                                + " - " + f.format(java.time.LocalTime.ofInstant(
                                java.time.Instant.ofEpochMilli(r.endMillis), java.time.ZoneId.systemDefault())));
                    }
                }
            }
            Map<String, FlowRows.Result> results = new LinkedHashMap<>();
            for (Map.Entry<String, List<FlowRows.Result>> e : runs.entrySet()) {
                List<FlowRows.Result> sorted = new ArrayList<>(e.getValue());
                sorted.sort((a, b) -> Double.compare(a.flowsPerSecond(), b.flowsPerSecond()));
                FlowRows.Result median = sorted.get(sorted.size() / 2);
                results.put(e.getKey(), median);
                out.println(line(median) + (sorted.size() > 1 ? String.format(Locale.ROOT, "   (runs %.0f-%.0f)",
                        sorted.get(0).flowsPerSecond(), sorted.get(sorted.size() - 1).flowsPerSecond()) : ""));
            }
            out.flush();
            ratios(results, out);
            goals(results, out);
            for (FlowRows.Result r : results.values()) {
                if (r.removal != null) {
                    out.println("removal after " + r.name + ": " + r.removal);
                }
            }
            if (target.sandbox().isPresent()) {
                out.printf(Locale.ROOT, "ONOS's FlowRule JSON codec alone (what FlowSocket and REST both run per "
                        + "rule): %.1f cpu us/rule%n", CodecCost.microsPerRule(target, rules));
            }

            if (o.sessions > 0) {
                SessionRows.HeapResult h = SessionRows.idleSessions(target.jetty(), o.sessions);
                out.printf(Locale.ROOT, "%nidle sessions: %d opened in %.1f s; server heap after full GC %.1f -> "
                                + "%.1f MiB: %.1f KiB per session (goal < 64 KiB: %s)%n",
                        h.sessions, h.connectSeconds, h.before / 1048576.0, h.after / 1048576.0,
                        h.bytesPerSession() / 1024, h.bytesPerSession() < 64 * 1024 ? "met" : "NOT met");
            }
            if (o.subscribers > 0) {
                SessionRows.FanoutResult f = SessionRows.fanout(target, o.subscribers, o.hosts);
                out.printf(Locale.ROOT, "event fan-out: %d subscribers to hosts, %d hosts added and removed: "
                                + "%d events each, %d delivered in %.2f s = %.0f events/s delivered "
                                + "(%.0f source events/s); seq gaps %d, equal counts %s%n",
                        f.subscribers, o.hosts, f.sourceEvents, f.delivered, f.seconds, f.deliveredPerSecond(),
                        f.sourceEvents / f.seconds, f.gaps, f.equalCounts);
            }
            out.printf(Locale.ROOT, "%ntotal run time %.0f s%n", (System.nanoTime() - started) / 1e9);
            boolean failed = results.values().stream().anyMatch(r -> r.errors > 0);
            return failed ? 1 : 0;
        }
    }

    private static FlowRows.Result runRow(FlowRows runner, String row, Options o, int first, int count)
            throws Exception {
        switch (row) {
            case "ws-1conn":
                return runner.flowSocket("flowsocket-ws-1conn", 1, o.batch, o.window, first, count);
            case "ws-1conn-b1":
                return runner.flowSocket("flowsocket-ws-1conn-b1", 1, 1, b1Window(o), first, count);
            case "ws-16conn":
                return runner.flowSocket("flowsocket-ws-" + o.connections + "conn", o.connections, o.batch,
                        Math.max(o.window, o.connections), first, count);
            case "rest-single":
                return runner.rest("onos-rest-single", 1, o.window, first, count);
            case "rest-batch":
                return runner.rest("onos-rest-batch", o.batch, o.window, first, count);
            case "in-process":
                return runner.inProcess("in-process", o.batch, o.window, first, count);
            default:
                throw new IllegalArgumentException("unknown row " + row);
        }
    }

    // One rule per request: as many rules in flight as the batched rows, up
    // to FlowSocket's default maxInFlight (256 requests per connection).
    static int b1Window(Options o) {
        return Math.min(256, o.window * o.batch);
    }

    private static void header(Options o, Target target, FlowRules rules, List<String> rows, PrintStream out) {
        Runtime rt = Runtime.getRuntime();
        out.println("FlowSocket benchmark: confirmed flow installs (confirmed = the switch acknowledged the rule)");
        out.printf(Locale.ROOT, "  server:  %s%n", target.sandbox().isPresent()
                ? "sandbox in this JVM (ONOS 2.5.6 core managers, simulated switches), topology " + o.topo
                : "attached at " + o.url + " (REST confirmations polled from GET /onos/v1/flows)");
        out.printf(Locale.ROOT, "  switches: %d, ack latency %d ms%s%n", rules.devices().size(), o.ackLatencyMs,
                target.sandbox().isPresent() ? "; periodic flow statistics off (they would land in some rows only)"
                : " (as configured on the server)");
        out.printf(Locale.ROOT, "  rules:   %d per row, all distinct (IPv4 dst 11.0.0.0 + n /32; each group of B "
                + "consecutive rules on one switch, round-robin); removed after each row; every row first warmed "
                + "up on %d rules%n",
                o.rules, Math.min(o.rules, Math.max(o.batch * o.window, o.rules / 4)));
        out.printf(Locale.ROOT, "  batch B = %d rules per request; window = %d requests in flight per row (all "
                + "connections together); rest-single: 1 rule per request, same window; -b1: 1 rule per request, "
                + "%d in flight%n", o.batch, o.window, b1Window(o));
        out.printf(Locale.ROOT, "  cores:   %d available to this JVM (client and server share them); JVM %s, "
                + "max heap %d MiB%n", rt.availableProcessors(), System.getProperty("java.version"),
                rt.maxMemory() / 1048576);
        out.println("  latency: request sent -> confirmation seen: FlowSocket's InstallFlow reply (it waits for "
                + "the switches); REST: " + (target.sandbox().isPresent()
                ? "the switch accepts the rule (the simulated switch tells; ONOS's REST reply itself comes at "
                + "submission)" : "GET /onos/v1/flows shows it ADDED (polled)")
                + "; in-process: the FlowRuleOperationsContext's onSuccess");
        out.println("  cpu us/flow: CPU time of this JVM (client, server and simulated switches) per confirmed "
                + "flow" + (target.sandbox().isPresent() ? "" : " (client only: the server is elsewhere)"));
        out.printf(Locale.ROOT, "  runs:    every row %d time(s), rows taking turns; the median run is shown%n", o.repeat);
        out.println();
        out.printf(Locale.ROOT, "%-24s %11s %9s %9s %12s%n", "row", "flows/s", "p50 ms", "p99 ms", "cpu us/flow");
    }

    static String line(FlowRows.Result r) {
        return String.format(Locale.ROOT, "%-24s %11.0f %9.1f %9.1f %12.1f%s", r.name, r.flowsPerSecond(),
                r.latencies.percentileMillis(50), r.latencies.percentileMillis(99), r.cpuMicrosPerFlow(),
                r.errors > 0 ? "   ERRORS " + r.errors + ": " + Requests.abbreviate(r.firstError)
                        : "");
    }

    private static void ratios(Map<String, FlowRows.Result> results, PrintStream out) {
        out.println();
        out.println("flows/s ratios (row / column):");
        StringBuilder head = new StringBuilder(String.format("%-24s", ""));
        for (FlowRows.Result c : results.values()) {
            head.append(String.format(Locale.ROOT, " %14s", shortName(c.name)));
        }
        out.println(head);
        for (FlowRows.Result r : results.values()) {
            StringBuilder l = new StringBuilder(String.format("%-24s", r.name));
            for (FlowRows.Result c : results.values()) {
                l.append(String.format(Locale.ROOT, " %14s", r == c ? "-"
                        : String.format(Locale.ROOT, "%.2fx", r.flowsPerSecond() / c.flowsPerSecond())));
            }
            out.println(l);
        }
    }

    private static String shortName(String name) {
        return name.replace("flowsocket-", "fs-").replace("onos-", "");
    }

    private static void goals(Map<String, FlowRows.Result> results, PrintStream out) {
        FlowRows.Result ws = results.get("ws-1conn");
        if (ws == null) {
            return;
        }
        out.println();
        goal(out, ws, results.get("rest-single"), 10, "FlowSocket >= 10x onos-rest-single");
        goal(out, ws, results.get("rest-batch"), 1, "FlowSocket >= onos-rest-batch at equal batch size");
        goal(out, ws, results.get("in-process"), 0.5, "FlowSocket >= 1/2 in-process");
    }

    private static void goal(PrintStream out, FlowRows.Result ws, FlowRows.Result other, double factor,
                             String text) {
        if (other == null) {
            return;
        }
        double ratio = ws.flowsPerSecond() / other.flowsPerSecond();
        out.printf(Locale.ROOT, "goal %-52s %s (%.2fx)%n", text + ":", ratio >= factor ? "met" : "NOT met", ratio);
    }
}
