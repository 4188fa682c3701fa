/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's command line: its options, their defaults (full and
 * quick runs) and its help text.
 */
final class BenchOptions {

    static final String USAGE = String.join("\n",
            "Usage: java -jar flowsocket-bench.jar [options]",
            "",
            "Confirmed flow installs per second, CPU per flow and latency through FlowSocket",
            "(WebSocket), ONOS's REST API and ONOS's FlowRuleService, against ceilings (ONOS",
            "alone over null-provider switches, ONOS over the simulated switches, the transport",
            "alone); memory per idle session; event fan-out. Starts a sandbox in this JVM on",
            "127.0.0.1 (ONOS's own FlowRuleManager executors) unless --url is given.",
            "",
            "Options:",
            "  --quick             smoke run (about 2 minutes; its numbers are not for quoting);",
            "                      without the Raft rows unless --rows names them: starting ONOS's",
            "                      Raft store and its two rows would take it past 2 minutes",
            "  --runs N            measured runs per row (default 10; quick 2)",
            "  --seconds S         length of each run (default 10; quick 1)",
            "  --warmup-seconds S  length of each row's warm-up run (default 3; quick 1)",
            "  --warmup-passes N   most warm-up passes over every row; warm-up ends when",
            "                      compilation settles (default 10; quick 1)",
            "  --open-loop-runs N  runs at each of 25/50/75 % of the measured maximum (default 3;",
            "                      quick 1; 0 skips)",
            "  --batch B           rules per request of the batched rows (default 64)",
            "  --window W          requests in flight of the batched rows (default 64)",
            "  --single-window W   requests in flight of the one-rule rows (default 128)",
            "  --connections C     connections of the multi-connection row (default 16)",
            "  --max-rules N       most rules one run installs (default 1048576; quick 131072)",
            "  --rows LIST         comma-separated rows (default all), or none for the idle session and",
            "                      fan-out measurements only: ws, ws-noconfirm, ws-conns,",
            "                      rest-batch, ws-b1, rest-single, onos-sim, onos-null, echo, sim, ws-w1,",
            "                      ws-raft, rest-batch-raft (the last two: ws and rest-batch on a second",
            "                      sandbox in this JVM on ONOS's Raft store; every other row runs on",
            "                      ONOS's in-memory store)",
            "  --ack-latency MS    simulated switches' acknowledgement latency (default 20)",
            "  --topo SPEC         sandbox topology (default linear,3)",
            "  --port N            sandbox HTTP port (default 0: any free port)",
            "  --url URL           attach to a running sandbox, e.g. http://127.0.0.1:8181 (FlowSocket's",
            "                      confirming rows only, confirmed by their replies)",
            "  --user U --password P   admin credentials for --url (default onos/rocks)",
            "  --seed N            seed of the row order and the bootstrap (default: time)",
            "  --sessions LIST     idle session counts, increasing, opened cumulatively to a sandbox in a",
            "                      second JVM; memory per session is the slope over them (default",
            "                      1000,5000,10000; quick 200,500; 0 skips)",
            "  --subscribers N     fan-out subscribers (default 100; 0 skips the fan-out)",
            "  --event-rate R      fan-out source events per second, open loop (default 1000)",
            "  --fanout-seconds S  length of each fan-out run and of the overload phase (default 10;",
            "                      quick 2)",
            "  --fanout-runs N     open-loop fan-out runs (default 3; quick 1)",
            "  --help              this text",
            "");


    boolean quick;
    int runs = -1;
    int seconds = -1;
    int warmupSeconds = -1;
    int warmupPasses = -1;
    int openLoopRuns = -1;
    int batch = 64;
    int window = 64;
    int singleWindow = 128;
    int connections = 16;
    int maxRules = -1;
    List<String> rows;
    int ackLatencyMs = 20;
    String topo = "linear,3";
    int port;
    URI url;
    String user = "onos";
    String password = "rocks";
    long seed = System.currentTimeMillis();
    List<Integer> sessions;
    int subscribers = 100;
    int eventRate = 1000;
    int fanoutSeconds = -1;
    int fanoutRuns = -1;
    boolean help;

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
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
        o.runs = o.runs >= 0 ? o.runs : o.quick ? 2 : 10;
        o.seconds = o.seconds >= 0 ? o.seconds : o.quick ? 1 : 10;
        o.warmupSeconds = o.warmupSeconds >= 0 ? o.warmupSeconds : o.quick ? 1 : 3;
        o.warmupPasses = o.warmupPasses >= 0 ? o.warmupPasses : o.quick ? 1 : 10;
        o.openLoopRuns = o.openLoopRuns >= 0 ? o.openLoopRuns : o.quick ? 1 : 3;
        o.maxRules = o.maxRules >= 0 ? o.maxRules : o.quick ? 131072 : 1 << 20;
        o.sessions = o.sessions != null ? o.sessions : o.quick ? List.of(200, 500) : List.of(1000, 5000, 10000);
        o.fanoutSeconds = o.fanoutSeconds >= 0 ? o.fanoutSeconds : o.quick ? 2 : 10;
        o.fanoutRuns = o.fanoutRuns >= 0 ? o.fanoutRuns : o.quick ? 1 : 3;
        return o;
    }

    private void set(String option, String v) {
        switch (option) {
            case "--runs":
                runs = number(option, v, 2, 1000);
                break;
            case "--seconds":
                seconds = number(option, v, 1, 3600);
                break;
            case "--warmup-seconds":
                warmupSeconds = number(option, v, 1, 600);
                break;
            case "--warmup-passes":
                warmupPasses = number(option, v, 1, 100);
                break;
            case "--open-loop-runs":
                openLoopRuns = number(option, v, 0, 100);
                break;
            case "--batch":
                batch = number(option, v, 1, 1000);
                break;
            case "--window":
                window = number(option, v, 1, 256);
                break;
            case "--single-window":
                singleWindow = number(option, v, 1, 256);
                break;
            case "--connections":
                connections = number(option, v, 1, 256);
                break;
            case "--max-rules":
                maxRules = number(option, v, 1, FlowRules.MAX_FLOWS);
                break;
            case "--rows":
                rows = "none".equals(v.trim()) ? List.of() : List.of(v.split(","));
                break;
            case "--store":
                throw new IllegalArgumentException("--store is gone: the rows ws-raft and rest-batch-raft "
                        + "run on ONOS's Raft store, in the same table as the in-memory rows");
            case "--seed":
                try {
                    seed = Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--seed needs a number, not '" + v + "'");
                }
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
                sessions = sessionCounts(v);
                break;
            case "--subscribers":
                subscribers = number(option, v, 0, 1000);
                break;
            case "--event-rate":
                eventRate = number(option, v, 1, 100_000);
                break;
            case "--fanout-seconds":
                fanoutSeconds = number(option, v, 1, 600);
                break;
            case "--fanout-runs":
                fanoutRuns = number(option, v, 1, 100);
                break;
            case "--hosts":
                throw new IllegalArgumentException("--hosts is gone: the fan-out sends --event-rate source "
                        + "events per second for --fanout-seconds");
            default:
                throw new IllegalArgumentException("unknown option " + option);
        }
    }

    // "0" (none), or at least two increasing counts: a slope needs two points.
    private static List<Integer> sessionCounts(String v) {
        if ("0".equals(v.trim())) {
            return List.of();
        }
        List<Integer> counts = new ArrayList<>();
        for (String c : v.split(",")) {
            int n = number("--sessions", c, 1, 100_000);
            if (!counts.isEmpty() && n <= counts.get(counts.size() - 1)) {
                throw new IllegalArgumentException("--sessions needs increasing counts, e.g. 1000,5000,10000");
            }
            counts.add(n);
        }
        if (counts.size() < 2) {
            throw new IllegalArgumentException("--sessions needs two counts or more (the memory per session "
                    + "is the slope over them), or 0");
        }
        return List.copyOf(counts);
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
