/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Prints the idle session and fan-out measurements. Each measured point is
 * one line that starts with its kind ({@code idle-sessions},
 * {@code requested-sessions}, {@code fanout-run}) followed by numbers only,
 * whitespace-separated, under a header line naming them; the goal lines use
 * {@link Report}'s goal format.
 */
final class SessionReport {

    /** Bytes per idle session the goal allows, all memory included. */
    static final double IDLE_GOAL_BYTES = 16 * 1024;
    /** p99 event latency the fan-out goal allows, in milliseconds. */
    static final double FANOUT_GOAL_MS = 50;

    private final Bootstrap bootstrap;
    private final PrintStream out;

    SessionReport(Bootstrap bootstrap, PrintStream out) {
        this.bootstrap = bootstrap;
        this.out = out;
    }

    void idle(IdleSessions.Result r) {
        out.println();
        out.printf(Locale.ROOT, "idle sessions: FlowSocket in a second JVM (native memory tracking on), session "
                + "caps raised for that JVM only (maxSessions, maxSessionsPerUser, maxSessionsPerAddress = %d; "
                + "defaults 1024, 64, 256); %d sessions opened in %.1f s, 32 handshakes at a time%n",
                r.sessionCap, r.idle.get(r.idle.size() - 1).sessions, r.connectSeconds);
        out.println("  heap = used after full GCs; direct = direct buffers; native = committed outside the heap "
                + "(NMT, direct buffers included); total = heap + native; rss = resident set (cross-check)");
        out.printf(Locale.ROOT, "%-20s %9s %9s %12s %12s %12s %12s %12s%n", "point", "open", "requested", "heap_b",
                "direct_b", "native_b", "total_b", "rss_b");
        int most = r.idle.get(r.idle.size() - 1).sessions;
        point("baseline", 1, 1, r.baseline);
        r.idle.forEach(p -> point("idle-sessions", p.sessions, 0, p.memory));
        r.requested.forEach(p -> point("requested-sessions", most, p.sessions, p.memory));
        out.println("  (each session had its greeting; requested = sessions that then had one Hello request; the "
                + "baseline session had one)");
        slopes("idle slope, bytes/session:", r::idleSlope);
        slopes("after one request per session, bytes/session:", r::requestedSlope);
        double total = r.idleSlope(SessionProbe.Memory::total);
        String verdict = Double.isNaN(total) ? "undecided (no slope)" : total < IDLE_GOAL_BYTES ? "met" : "NOT met";
        out.println();
        out.println("goals (a slope has no bootstrap interval: the least-squares slope itself is compared):");
        out.printf(Locale.ROOT, "  %-67s %-30s %s%n", String.format(Locale.ROOT, "%,d idle sessions < 16 KiB each "
                        + "(all included)", r.idle.get(r.idle.size() - 1).sessions) + ":", verdict,
                String.format(Locale.ROOT, "%.1f KiB (slope of heap used + native outside the heap over %s "
                        + "sessions)", total / 1024, counts(r.idle)));
    }

    private void point(String kind, int open, int requested, SessionProbe.Memory m) {
        out.printf(Locale.ROOT, "%-20s %9d %9d %12d %12d %12d %12d %12d%n", kind, open, requested, m.heapUsed,
                m.direct, m.outsideHeap(), m.total(), m.rss);
    }

    private void slopes(String what, Function<ToLongFunction<SessionProbe.Memory>, Double> s) {
        out.printf(Locale.ROOT, "  %-48s heap %.0f, direct %.0f, native %.0f, total %.0f, rss %.0f%n", what,
                s.apply(m -> m.heapUsed), s.apply(m -> m.direct), s.apply(SessionProbe.Memory::outsideHeap),
                s.apply(SessionProbe.Memory::total), s.apply(m -> m.rss));
    }

    private static String counts(List<IdleSessions.Point> points) {
        StringBuilder b = new StringBuilder();
        for (IdleSessions.Point p : points) {
            b.append(b.length() == 0 ? "" : "/").append(p.sessions);
        }
        return b.toString();
    }

    void fanout(List<EventFanout.Run> runs) {
        EventFanout.Run first = runs.get(0);
        out.println();
        out.printf(Locale.ROOT, "event fan-out: FlowSocket in a second JVM, %d subscribers to hosts and the producer "
                + "in this JVM; open loop at %d source events/s (host added or removed); latency = arrival "
                + "minus the event's time%n", first.subscribers, first.offeredRate);
        out.printf(Locale.ROOT, "%-11s %4s %11s %10s %10s %10s %10s %8s %8s %9s %8s %8s %7s %7s %9s %9s%n", "run",
                "n", "subscribers", "achieved/s", "source_ev", "min_each", "max_each", "p50_ms", "p99_ms",
                "p99.9_ms", "max_ms", "seq_gaps", "errors", "strays", "gc_srv_ms", "gc_cli_ms");
        for (int i = 0; i < runs.size(); i++) {
            EventFanout.Run r = runs.get(i);
            out.printf(Locale.ROOT, "%-11s %4d %11d %10.0f %10d %10d %10d %8.1f %8.1f %9.1f %8.1f %8d %7d %7d %9d %9d%n",
                    "fanout-run", i + 1, r.subscribers, r.achievedRate, r.sourceEvents, r.minEach, r.maxEach,
                    ms(r.latency, 50), ms(r.latency, 99), ms(r.latency, 99.9), r.latency.getMaxValue() / 1e3,
                    r.seqGaps, r.errors, r.strayEvents, r.serverGcMillis, r.clientGcMillis);
        }
        out.println("  (strays: events of another run's hosts, not counted; gc_srv_ms, gc_cli_ms: collector "
                + "pauses in FlowSocket's JVM and in this one while the run was timed)");
        for (int i = 0; i < runs.size(); i++) {
            EventFanout.Run r = runs.get(i);
            if (r.achievedRate < 0.95 * r.offeredRate) {
                out.printf(Locale.ROOT, "  (run %d sent %.0f source events/s, not %d: the producer fell behind its "
                        + "schedule, so this run did not load the server as the goal says)%n", i + 1,
                        r.achievedRate, r.offeredRate);
            }
        }
        boolean equal = runs.stream().allMatch(r -> r.minEach == r.maxEach && r.maxEach == r.sourceEvents);
        Histogram all = Bootstrap.pooled(runs, r -> r.latency);
        out.printf(Locale.ROOT, "  pooled over runs and subscribers: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max "
                        + "%.1f ms; every subscriber got every source event: %s; seq gaps %d%n", ms(all, 50),
                ms(all, 99), ms(all, 99.9), all.getMaxValue() / 1e3, equal,
                runs.stream().mapToLong(r -> r.seqGaps).sum());
        Bootstrap.Interval p99 = bootstrap.percentile(runs, 99, r -> r.latency);
        String verdict = p99.high < FANOUT_GOAL_MS ? "met" : p99.low >= FANOUT_GOAL_MS ? "NOT met"
                : "undecided (interval spans it)";
        out.println("goals (p99 [95% CI], bootstrap over the runs, each resample pooling whole runs' histograms; "
                + "met only when the whole interval is under the threshold):");
        out.printf(Locale.ROOT, "  %-67s %-30s %s%s%n", String.format(Locale.ROOT, "fan-out p99 < 50 ms, %d "
                        + "subscribers at %d source events/s", first.subscribers, first.offeredRate) + ":", verdict,
                p99.format("%.1f", 1), "");
        if (runs.size() < 2) {
            out.println("  (one run: its interval is that run's p99 alone, not an interval)");
        }
    }

    void overload(EventFanout.Overload o) {
        out.println();
        out.printf(Locale.ROOT, "fan-out faster than delivered: the producer sent as fast as replies came (64 in "
                        + "flight) for %.1f s: %d source events = %.0f/s; %d subscribers read normally, %d slowly%n",
                o.seconds, o.sourceEvents, o.sourceEvents / o.seconds, o.subscribers - o.slow, o.slow);
        out.printf(Locale.ROOT, "%-16s %16s %12s %8s %9s %10s %11s %8s%n", "overload", "delivered/s_each", "min_events",
                "p99_ms", "max_ms", "closed1008", "closedOther", "seq_gaps");
        group("overload-normal", o.normal);
        if (o.slow > 0) {
            group("overload-slow", o.slowGroup);
        }
        out.println("  (delivered/s_each: events a subscriber received while the producer sent, per second; "
                + "FlowSocket drops no event and leaves no gap in seq: a session whose queue passes "
                + "maxQueuedMessages or maxQueuedBytes is closed with 1008)");
    }

    private void group(String kind, EventFanout.Group g) {
        out.printf(Locale.ROOT, "%-16s %16.0f %12d %8.1f %9.1f %10d %11d %8d%n", kind, g.deliveredPerSecond,
                g.minEach, ms(g.latency, 99), g.latency.getMaxValue() / 1e3, g.closed1008, g.closedOther,
                g.seqGaps);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e3;
    }
}
