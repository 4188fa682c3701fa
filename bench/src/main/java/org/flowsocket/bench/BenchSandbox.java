/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.onosproject.cfg.ComponentConfigService;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The sandbox the benchmark starts in its own JVM: ONOS's executors and one
 * thread per switch as in a real ONOS, on loopback, with session caps that
 * let the benchmark's own sessions in.
 */
final class BenchSandbox {

    private BenchSandbox() {
    }

    /**
     * Starts a sandbox in this JVM on loopback.
     *
     * @param port       HTTP port, 0 for any free one
     * @param topology   topology spec, e.g. {@code linear,3}
     * @param ackLatency switches' acknowledgement latency
     * @param store      the store behind ONOS's StorageService
     * @return the running sandbox
     * @throws Exception if the sandbox cannot start
     */
    static Sandbox start(int port, String topology, Duration ackLatency, SandboxCore.Store store)
            throws Exception {
        Sandbox s = Sandbox.builder()
                .store(store)
                // FlowRuleManager's own executors, as in a real ONOS, not the
                // direct ones of ONOS's unit tests.
                .flowRuleThreads(SandboxCore.FlowRuleThreads.ONOS)
                // Each switch answers ONOS on its own thread, as each OpenFlow
                // connection has one, not all behind the network's one thread.
                .switchThreads(true)
                .bind(new InetSocketAddress("127.0.0.1", port))
                .topology(NetworkSpec.parse(topology))
                .ackLatency(ackLatency)
                .start();
        try {
            // The switches keep ONOS's statistics schedule (the whole table
            // every 5 s, as ONOS's OpenFlow provider polls, and as its null
            // provider reports), the same for every row: a run of 10 s or
            // more sees two reports or more whatever its load. Confirmation
            // does not wait for them (see Target.watchConfirmations).
            allowBenchmarkSessions(s);
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    /** Session caps the in-process server gets: every benchmark session is one user from one address. */
    static final int BENCH_SESSIONS = 4096;

    /**
     * Raises the session caps for the benchmark's own sessions: the rows open
     * many sessions as one user from one address, beyond the per-user and
     * per-address defaults that protect a real ONOS.
     */
    static void allowBenchmarkSessions(Sandbox s) throws InterruptedException {
        allowSessions(s, BENCH_SESSIONS);
    }

    /**
     * Sets maxSessions, maxSessionsPerUser and maxSessionsPerAddress to
     * {@code caps}, as an operator would (ONOS's component configuration), and
     * waits for them, since ONOS applies configuration asynchronously.
     *
     * @param s    the sandbox
     * @param caps the three caps
     * @throws InterruptedException if interrupted
     */
    static void allowSessions(Sandbox s, int caps) throws InterruptedException {
        ComponentConfigService config = s.core().services().get(ComponentConfigService.class);
        String component = "org.flowsocket.impl.FlowSocketManager";
        String sessions = Integer.toString(caps);
        config.setProperty(component, "maxSessions", sessions);
        config.setProperty(component, "maxSessionsPerUser", sessions);
        config.setProperty(component, "maxSessionsPerAddress", sessions);
        FlowSocketService service = (FlowSocketService) s.flowSocketService().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (ConnectionSettings c = service.connectionSettings();
             c.maxSessions() < caps || c.maxSessionsPerUser() < caps || c.maxSessionsPerAddress() < caps;
             c = service.connectionSettings()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("FlowSocket did not take the session caps " + caps + ": " + c);
            }
            Thread.sleep(10);
        }
    }
}
