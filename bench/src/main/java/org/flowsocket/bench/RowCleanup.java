/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.testkit.FlowSocketClient;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Removes what a run of a flow row installed (not timed): FlowSocket's flows
 * with RemoveFlow, the REST and in-process rows' rules through ONOS, then
 * waits until ONOS holds none of them, so that the next run starts from
 * empty tables.
 */
final class RowCleanup {

    private static final Duration CLEANUP_WAIT = Duration.ofMinutes(3);
    private static final Duration LEFT_BEHIND_WAIT = Duration.ofSeconds(20);
    private static final Duration REMOVE_AGAIN_AFTER = Duration.ofSeconds(15);
    private static final int FORCE_AFTER = 3;

    private final Target target;
    private final RuleCensus census;
    private String lastRow = "none";
    private long lastCleanupEnd = System.nanoTime();

    /**
     * @param target the server
     */
    RowCleanup(Target target) {
        this.target = target;
        this.census = new RuleCensus(target);
    }

    /**
     * Removes the rules a run installed and waits until ONOS holds none.
     *
     * @param row           the row
     * @param run           the run
     * @param clients       the run's FlowSocket connections
     * @param removalReport receives a line on the removal's rate (FlowSocket rows), or null
     * @throws Exception if the rules cannot be removed
     */
    void cleanUp(Row row, RunProgress run, List<FlowSocketClient> clients,
                         Consumer<String> removalReport) throws Exception {
        switch (row.path) {
            case WS:
            case WS_NO_CONFIRM:
                long t0 = System.nanoTime();
                long cpu0 = FlowRows.processCpuNanos();
                long storeCalls0 = target.storeOperations();
                long storeWaits0 = target.storeWaits();
                int handles = run.handles.size();
                removeFlowSocketFlows(row, clients.get(0), run.handles, Math.min(row.window, 64));
                long rules = run.confirmed.get();
                if (removalReport != null && rules > 0) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    removalReport.accept(String.format(Locale.ROOT,
                            "RemoveFlow of %d flows (%d rules, %d in flight) until ONOS lists none: %.0f rules/s, "
                                    + "%.1f cpu us/rule%s", handles, rules, Math.min(row.window, 64), rules / s,
                            (FlowRows.processCpuNanos() - cpu0) / 1e3 / rules,
                            storeCalls(row, run, storeCalls0, storeWaits0, handles)));
                }
                break;
            case REST:
                removeThroughOnos("after " + row.name, Target.REST_APP);
                break;
            case ONOS_SIMULATED:
            case ONOS_NULL:
                removeThroughOnos("after " + row.name, Target.IN_PROCESS_APP);
                break;
            default:
                break;
        }
        lastRow = row.name;
        lastCleanupEnd = System.nanoTime();
        reportRulesLeft("after the cleanup of " + row.name, false);
    }

    /**
     * Makes sure a run starts from empty tables: no rule of the benchmark's
     * applications or FlowSocket's in ONOS or on a simulated switch. What is
     * found is reported with the run before, then removed through ONOS.
     *
     * @param row the row about to run
     * @throws Exception if the rules found cannot be removed
     */
    void startEmpty(Row row) throws Exception {
        reportRulesLeft("before " + row.name, true);
    }

    private void reportRulesLeft(String when, boolean remove) throws Exception {
        Map<String, Long> left = census.benchRulesLeft();
        if (left.isEmpty()) {
            return;
        }
        System.out.println(String.format(Locale.ROOT, "LEFT BEHIND %s: %s (the last run on this server was %s,"
                        + " its cleanup ended %.1f s ago); %s", when, left, lastRow,
                (System.nanoTime() - lastCleanupEnd) / 1e9,
                Target.BENCH_APPS.stream().map(census::describe).collect(Collectors.joining("; "))));
        if (remove) {
            for (String app : Target.BENCH_APPS) {
                if (target.ruleCount(app) > 0) {
                    removeThroughOnos(when, app);
                }
            }
        }
    }

    // FlowSocket's calls to ONOS's store per request of the run and of its
    // removal (a Raft round trip each on a Raft store), and its waits for
    // them (calls made together wait once), for the row whose replies wait
    // for the switches (a confirm:false install settles after its reply).
    private String storeCalls(Row row, RunProgress run, long calls0, long waits0, int handles) {
        if (row.path != Row.Path.WS || calls0 < 0 || handles == 0 || Double.isNaN(run.storeCallsPerInstall)) {
            return "";
        }
        return String.format(Locale.ROOT, "; store calls per request (%d rules): InstallFlow %.1f (%.1f waits), "
                                     + "RemoveFlow %.1f (%.1f waits)", row.batch,
                             run.storeCallsPerInstall, run.storeWaitsPerInstall,
                             (double) (target.storeOperations() - calls0) / handles,
                             (double) (target.storeWaits() - waits0) / handles);
    }

    // Removes an application's rules through ONOS until it lists none.
    // ONOS 2.5.6 FlowRuleManager.removeFlowRulesById removes the entries its
    // store holds at that moment, and FlowRuleManager.apply stores each batch
    // from a pool of threads: an addition of the run's last requests that
    // is stored after that look, or after the deletion of the same rule
    // (ECFlowRuleStore drops a deletion of a rule it does not hold), stays.
    // So the removal is made again while rules remain.
    private void removeThroughOnos(String what, String app) throws Exception {
        long deadline = System.nanoTime() + CLEANUP_WAIT.toNanos();
        for (int attempt = 1; ; attempt++) {
            target.removeRulesOf(app);
            if (target.awaitNoRules(app, REMOVE_AGAIN_AFTER)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cleanup " + what + ": " + app + "'s rules are still in ONOS after "
                        + attempt + " removals: " + census.describe(app));
            }
            System.out.println("cleanup " + what + ": ONOS still lists rules "
                    + REMOVE_AGAIN_AFTER.toSeconds() + " s after removal " + attempt + " ("
                    + census.describe(app) + "); removing them again");
        }
    }

    // A finding of the cleanup, printed as it happens: what went wrong, what
    // ONOS and FlowSocket still hold, and what the cleanup does about it.
    private void reportLeftBehind(Row row, String what, String remedy) {
        System.out.println("LEFT BEHIND after " + row.name + ": " + what + "; "
                + census.describe(Target.FLOWSOCKET_APP) + "; " + remedy);
        System.out.println("  the simulated network's threads: " + networkThreads());
    }

    // Where the simulated network's thread and the switches' connection
    // threads are: one that does not move explains rules no switch answers for.
    private static String networkThreads() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
                .filter(t -> t.getThreadName().startsWith("sandbox-network")
                        || t.getThreadName().startsWith("sandbox-switch-"))
                .map(RowCleanup::describe).collect(Collectors.joining("; "));
    }

    private static String describe(ThreadInfo t) {
        StackTraceElement[] stack = t.getStackTrace();
        String top = Arrays.stream(stack).limit(6).map(StackTraceElement::toString)
                .collect(Collectors.joining(" < "));
        return t.getThreadName() + " " + t.getThreadState()
                + (t.getLockName() == null ? "" : " on " + t.getLockName()
                + (t.getLockOwnerName() == null ? "" : " held by " + t.getLockOwnerName()))
                + (top.isEmpty() ? "" : " at " + top);
    }

    // RemoveFlow for every handle, pipelined, then wait until ONOS holds none
    // of FlowSocket's rules. A handle of a confirm:false install may still be
    // PENDING when its removal arrives; such a removal is tried again.
    private void removeFlowSocketFlows(Row row, FlowSocketClient client, List<String> handles, int window)
            throws Exception {
        List<String> left = new ArrayList<>(handles);
        String failure = null;
        for (int attempt = 0; attempt < 20 && !left.isEmpty(); attempt++) {
            if (attempt > 0) {
                Thread.sleep(100);
            }
            Semaphore w = new Semaphore(window);
            List<String> failed = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<String> why = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(left.size());
            int i = 0;
            // Three tries, then force (the handle is forgotten whatever the
            // switches say), and the rules left are reported below.
            boolean force = attempt >= FORCE_AFTER;
            boolean retry = attempt > 0;
            if (attempt == FORCE_AFTER) {
                reportLeftBehind(row, "RemoveFlow of " + left.size() + " flow(s) failed " + FORCE_AFTER
                        + " times (" + failure + ")", "removing them with force");
            }
            for (String h : left) {
                w.acquire();
                String id = "\"rm-" + attempt + "-" + (i++) + "\"";
                client.request(id, "{\"type\":\"RemoveFlow\",\"id\":" + id + ",\"flowId\":\"" + h + "\""
                        + (force ? ",\"force\":true" : "") + "}")
                        .whenComplete((reply, e) -> {
                            if (e != null || !removed(reply, retry)) {
                                failed.add(h);
                                why.compareAndSet(null, e != null ? e.toString() : reply.toString());
                            }
                            w.release();
                            done.countDown();
                        });
            }
            if (!done.await(CLEANUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("removing FlowSocket's flows timed out");
            }
            left = new ArrayList<>(failed);
            failure = why.get();
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("removing FlowSocket's flows failed: " + failure);
        }
        // Each RemoveFlow answered once ONOS listed none of its flow's rules.
        if (!target.awaitNoRules(Target.FLOWSOCKET_APP, LEFT_BEHIND_WAIT)) {
            // A finding, not a reason to lose the whole run: said loudly,
            // then cleared through ONOS so that the next run starts empty.
            reportLeftBehind(row, "every RemoveFlow succeeded, yet rules remain", "removing them through ONOS");
            removeThroughOnos("after " + row.name, Target.FLOWSOCKET_APP);
        }
    }

    /**
     * Tells whether a RemoveFlow reply means the flow is gone. A removal the
     * store did not answer in time ({@code UNAVAILABLE}) may still have been
     * made, as protocol.md says: when it is tried again, {@code UNKNOWN_FLOW}
     * means it was.
     *
     * @param reply the reply
     * @param retry whether this was a second or later removal of the flow
     * @return true if the flow is removed
     */
    static boolean removed(JsonNode reply, boolean retry) {
        return "ok".equals(reply.path("status").asText())
                || retry && "UNKNOWN_FLOW".equals(reply.path("error").path("code").asText());
    }
}
