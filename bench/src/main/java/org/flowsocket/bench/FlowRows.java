/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.flowsocket.testkit.FlowSocketClient;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs one row for a fixed time, closed loop (at most the row's window of
 * requests unconfirmed; a slot frees when its request is confirmed) or open
 * loop (requests at a fixed rate, whatever is outstanding).
 * <p>
 * Request {@code r} carries rules {@code r*B .. r*B+B-1}, all on one switch,
 * so ONOS makes one device batch of it. It is <b>confirmed</b> when ONOS's
 * store receives that batch's successful answer from the switch, seen by
 * {@link Target#watchConfirmations} in the same way whichever path
 * submitted the rules (the echo row, which has no ONOS, is confirmed by the
 * echoed frame). A flow's latency runs from sending its request (open loop:
 * from when the schedule meant to send it, which corrects for coordinated
 * omission) to that confirmation. After the run every rule is removed
 * ({@link RowCleanup}, not timed) and ONOS holds none, so each run starts
 * from empty tables and uses the same rules.
 */
final class FlowRows {

    private static final Duration DRAIN_WAIT = Duration.ofMinutes(2);
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Target target;
    private final RequestBodies bodies;
    private final int maxRulesPerRun;
    private final URI echo;
    private final ApplicationId inProcessApp;
    private final String topology;
    private final Duration ackLatency;
    private final RowCleanup cleanup;

    /**
     * @param target         the server
     * @param bodies         what requests carry
     * @param maxRulesPerRun rules a run may install at most (tables are bounded by memory)
     * @param echo           the echo endpoint, or null
     * @param topology       the sandbox's topology, for the simulator alone
     * @param ackLatency     the switches' acknowledgement latency, for the simulator alone
     */
    FlowRows(Target target, RequestBodies bodies, int maxRulesPerRun, URI echo, String topology,
             Duration ackLatency) {
        this.target = target;
        this.topology = topology;
        this.ackLatency = ackLatency;
        this.bodies = bodies;
        this.maxRulesPerRun = maxRulesPerRun;
        this.echo = echo;
        this.inProcessApp = target.sandbox().isPresent()
                ? target.service(CoreService.class).registerApplication(Target.IN_PROCESS_APP) : null;
        this.cleanup = new RowCleanup(target);
    }

    // CPU time of this process (all threads), or -1 where the JVM cannot tell.
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    static Histogram histogram() {
        return new SynchronizedHistogram(HIGHEST_MICROS, 3);
    }

    /** Sends request r of a run. */
    private interface Sender {
        void send(int r);
    }

    /**
     * Runs a row for {@code length}, closed loop ({@code rate} 0) or at
     * {@code rate} flows per second.
     *
     * @param row    the row
     * @param length how long to send
     * @param rate   open-loop rate in flows/s, or 0 for closed loop
     * @param removalReport receives a line on the removal's rate (FlowSocket rows), or null
     * @return what the run measured
     * @throws Exception if the row cannot run or its rules cannot be removed
     */
    RunResult run(Row row, Duration length, double rate, Consumer<String> removalReport)
            throws Exception {
        RunProgress run = new RunProgress(row, maxRulesPerRun, target.sandbox().isPresent());
        List<FlowSocketClient> clients = new ArrayList<>();
        AutoCloseable watch = null;
        SimulatorAlone simulator = null;
        try {
            cleanup.startEmpty(row);
            if (row.path == Row.Path.SIMULATOR) {
                // A network of its own for each run: it starts with empty tables.
                simulator = new SimulatorAlone(topology, ackLatency, id -> {
                    long now = System.nanoTime();
                    for (int i = 0; i < row.batch; i++) {
                        run.confirmed((int) id * row.batch + i, now);
                    }
                });
            }
            if (row.flowSocket() || row.path == Row.Path.ECHO) {
                for (int i = 0; i < row.connections; i++) {
                    clients.add(row.path == Row.Path.ECHO ? target.connect(echo) : target.connect());
                }
            }
            if (!run.replyConfirms) {
                watch = target.watchConfirmations(run::confirmed);
            }
            Sender sender = sender(row, run, clients, simulator);
            System.gc();
            long storeCalls0 = row.flowSocket() ? target.storeOperations() : -1;
            long storeWaits0 = row.flowSocket() ? target.storeWaits() : -1;
            long cpu0 = processCpuNanos();
            long start = System.nanoTime();
            long end = start + length.toNanos();
            double interval = rate > 0 ? 1e9 * row.batch / rate : 0;
            int r = 0;
            boolean capped = false;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (r >= run.maxRequests && !row.reusesRules()) {
                    capped = true;
                    break;
                }
                long at;
                if (rate > 0) {
                    at = start + (long) (r * interval);
                    if (at >= end) {
                        break;
                    }
                    while ((now = System.nanoTime()) < at) {
                        LockSupport.parkNanos(at - now);
                    }
                } else {
                    if (!run.window.tryAcquire(Math.max(1, end - now), TimeUnit.NANOSECONDS)) {
                        break;
                    }
                    at = System.nanoTime();
                }
                // Rows that keep no state in ONOS send the same requests again
                // once past the cap; at most W of them are ever outstanding.
                int slot = r % run.maxRequests;
                run.sending(slot, at);
                sender.send(slot);
                r++;
            }
            long drainDeadline = System.nanoTime() + DRAIN_WAIT.toNanos();
            while (run.outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
                Thread.sleep(1);
            }
            if (run.outstanding.get() > 0) {
                run.errors.addAndGet(run.outstanding.get());
                run.firstError.compareAndSet(null, run.outstanding.get() + " requests never confirmed");
            }
            long cpu1 = processCpuNanos();
            long last = Math.max(run.lastNanos.get(), start + 1);
            if (row.flowSocket()) {
                awaitReplies(clients);
                if (storeCalls0 >= 0 && !run.handles.isEmpty()) {
                    run.storeCallsPerInstall = (double) (target.storeOperations() - storeCalls0) / run.handles.size();
                    run.storeWaitsPerInstall = (double) (target.storeWaits() - storeWaits0) / run.handles.size();
                }
            }
            RunResult result = new RunResult(row, run.confirmed.get(), (last - start) / 1e9,
                    cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e9, run.latency, run.reply,
                    run.errors.get(), run.firstError.get(), rate, capped);
            if (watch != null) {
                watch.close();
                watch = null;
            }
            cleanup.cleanUp(row, run, clients, removalReport);
            return result;
        } finally {
            if (watch != null) {
                watch.close();
            }
            if (simulator != null) {
                simulator.close();
            }
            clients.forEach(FlowSocketClient::close);
        }
    }

    private Sender sender(Row row, RunProgress run, List<FlowSocketClient> clients, SimulatorAlone simulator) {
        switch (row.path) {
            case SIMULATOR:
                return r -> simulator.add(r, bodies.flowRules(false, inProcessApp, row.batch, r));
            case WS:
            case WS_NO_CONFIRM:
                boolean confirm = row.path == Row.Path.WS;
                // A slot frees at ONOS's confirmation, and FlowSocket's reply
                // comes after it: as a client must, never have more requests
                // unanswered on a connection than its hello's maxInFlight.
                List<Semaphore> unanswered = new ArrayList<>();
                for (FlowSocketClient c : clients) {
                    unanswered.add(new Semaphore(maxInFlight(c)));
                }
                return r -> {
                    int c = r % clients.size();
                    unanswered.get(c).acquireUninterruptibly();
                    clients.get(c).request(Integer.toString(r), bodies.installFlow(row.batch, confirm, r))
                            .whenComplete((answer, e) -> {
                                unanswered.get(c).release();
                                if (e != null) {
                                    run.failed(r, e.toString());
                                } else {
                                    run.replied(r, answer, System.nanoTime(), confirm ? "INSTALLED" : null);
                                }
                            });
                };
            case ECHO:
                return r -> clients.get(r % clients.size())
                        .request(Integer.toString(r), bodies.echoFrame(row.batch, r))
                        .whenComplete((answer, e) -> {
                            if (e != null) {
                                run.failed(r, e.toString());
                            } else {
                                run.replied(r, answer, System.nanoTime(), null);
                            }
                        });
            case REST:
                // The HTTP answer comes at submission; the slot frees at the
                // confirmation, as for every other row.
                return r -> {
                    String[] request = bodies.rest(row.batch, r);
                    target.rest().postAsync(request[0], request[1]).whenComplete((resp, e) -> {
                        if (e != null || resp.statusCode() / 100 != 2) {
                            run.failed(r, e != null ? e.toString() : "HTTP " + resp.statusCode() + " " + resp.body());
                        }
                    });
                };
            case ONOS_SIMULATED:
            case ONOS_NULL:
                FlowRuleService service = target.service(FlowRuleService.class);
                boolean onNull = row.path == Row.Path.ONOS_NULL;
                return r -> {
                    FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
                    for (FlowRule rule : bodies.flowRules(onNull, inProcessApp, row.batch, r)) {
                        ops.add(rule);
                    }
                    service.apply(ops.build(new FlowRuleOperationsContext() {
                        @Override
                        public void onError(FlowRuleOperations failed) {
                            run.failed(r, "onError");
                        }
                    }));
                };
            default:
                throw new IllegalArgumentException("unknown path " + row.path);
        }
    }

    private static int maxInFlight(FlowSocketClient client) {
        try {
            return client.hello().get(10, TimeUnit.SECONDS).path("limits").path("maxInFlight").asInt(256);
        } catch (Exception e) {
            throw new IllegalStateException("no hello from FlowSocket: " + e, e);
        }
    }

    // FlowSocket's replies may trail ONOS's confirmation a little; the
    // handles they name are needed to remove the flows.
    private static void awaitReplies(List<FlowSocketClient> clients) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        for (FlowSocketClient c : clients) {
            while (c.pendingCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
    }
}
