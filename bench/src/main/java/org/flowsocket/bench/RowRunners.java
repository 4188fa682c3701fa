/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.sandbox.core.SandboxCore;
import org.onosproject.net.AbstractProjectableModel;
import org.onosproject.net.DeviceId;
import org.onosproject.net.driver.DriverService;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The servers the selected rows run on, one {@link FlowRows} runner each,
 * and which row runs where: the main target (a sandbox in this JVM on ONOS's
 * in-memory store, or a server attached by URL) and, when a Raft row is
 * selected, a second sandbox in this JVM whose StorageService is ONOS's
 * StorageManager over an embedded one-node Raft group. Both sandboxes have
 * the same topology, switches and executors; only the store differs, so the
 * Raft rows sit in the same table, interleaved with every other row.
 */
final class RowRunners implements AutoCloseable {

    /** A server with what its rows need: its switches, request bodies and runner. */
    static final class Stand {
        final Target target;
        final List<DeviceId> switches;
        final RequestBodies bodies;
        final FlowRows runner;

        private Stand(Target target, List<DeviceId> switches, RequestBodies bodies, FlowRows runner) {
            this.target = target;
            this.switches = switches;
            this.bodies = bodies;
            this.runner = runner;
        }
    }

    private final Map<SandboxCore.Store, Stand> stands = new EnumMap<>(SandboxCore.Store.class);
    private Stand main;
    private NullSwitches nulls;
    private Target raft;

    private RowRunners() {
    }

    /**
     * Prepares the main target's rows and starts the Raft sandbox if a Raft
     * row is selected.
     *
     * @param o    options
     * @param main the main target, on ONOS's in-memory store (or attached by URL)
     * @param echo the echo endpoint of the transport ceiling
     * @param rows the selected rows
     * @return the runners
     * @throws Exception if the Raft sandbox cannot start
     */
    static RowRunners start(BenchOptions o, Target main, URI echo, List<Row> rows) throws Exception {
        RowRunners runners = new RowRunners();
        try {
            runners.main = runners.stand(o, main, echo, true);
            runners.stands.put(SandboxCore.Store.MEMORY, runners.main);
            if (main.sandbox().isPresent() && rows.stream().anyMatch(r -> r.store == SandboxCore.Store.RAFT)) {
                // ONOS's AtomixManager allows one Raft store per JVM; the
                // main sandbox is on the memory store, so this one is it.
                runners.raft = Target.start(0, o.topo, Duration.ofMillis(o.ackLatencyMs), SandboxCore.Store.RAFT);
                useDriverServiceOf(main);
                runners.stands.put(SandboxCore.Store.RAFT, runners.stand(o, runners.raft, echo, false));
            }
            return runners;
        } catch (Exception | Error e) {
            runners.close();
            throw e;
        }
    }

    // ONOS 2.5.6 keeps one DriverService per JVM for its model objects'
    // projections (AbstractProjectableModel.setDriverService, which each
    // DriverManager calls at activation and clears at deactivation), as it
    // runs one instance per JVM. The main sandbox keeps its own, as if it
    // were alone, while the Raft sandbox runs and after it stops; both
    // register the same drivers, so the Raft sandbox's devices resolve to
    // the same ones.
    private static void useDriverServiceOf(Target target) {
        AbstractProjectableModel.setDriverService(null, target.service(DriverService.class));
    }

    private Stand stand(BenchOptions o, Target target, URI echo, boolean withNullSwitches) throws Exception {
        List<DeviceId> switches = target.sandbox().isPresent()
                ? target.sandbox().get().network().deviceIds() : target.devices();
        FlowRules nullRules = null;
        if (withNullSwitches && target.sandbox().isPresent()) {
            nulls = new NullSwitches(target.sandbox().get().core(), switches.size());
            nullRules = new FlowRules(nulls.devices(), o.batch);
        }
        RequestBodies bodies = new RequestBodies(new FlowRules(switches, o.batch), nullRules);
        FlowRows runner = new FlowRows(target, bodies, o.maxRules, echo, o.topo,
                Duration.ofMillis(o.ackLatencyMs));
        return new Stand(target, switches, bodies, runner);
    }

    /** @return the main target's stand */
    Stand main() {
        return main;
    }

    /** @return whether the Raft sandbox runs */
    boolean onRaft() {
        return stands.containsKey(SandboxCore.Store.RAFT);
    }

    /**
     * Runs a row on the server of its store (see {@link FlowRows#run}).
     *
     * @param row           the row
     * @param length        how long to send
     * @param rate          open-loop rate in flows/s, or 0 for closed loop
     * @param removalReport receives a line on the removal's rate, or null
     * @return what the run measured
     * @throws Exception if the row cannot run or its rules cannot be removed
     */
    RunResult run(Row row, Duration length, double rate, Consumer<String> removalReport) throws Exception {
        Stand stand = stands.get(row.store);
        if (stand == null) {
            throw new IllegalStateException("no server on the " + row.store + " store for " + row.name);
        }
        return stand.runner.run(row, length, rate, removalReport);
    }

    /**
     * Closes the null switches and the Raft sandbox; the main target is its
     * opener's to close.
     */
    @Override
    public void close() {
        if (nulls != null) {
            nulls.close();
            nulls = null;
        }
        if (raft != null) {
            // The Raft sandbox's DriverManager clears the JVM's driver service
            // as it stops (see useDriverServiceOf): the main sandbox's switches
            // stop first, so that none of its events meets it cleared.
            main.target.sandbox().ifPresent(s -> s.network().close());
            raft.close();
            raft = null;
            useDriverServiceOf(main.target);
        }
    }
}
