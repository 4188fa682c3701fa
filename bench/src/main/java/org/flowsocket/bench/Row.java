/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.sandbox.core.SandboxCore;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the benchmark: a path into ONOS, its terms (rules per request,
 * requests in flight, connections) and the store under the sandbox it runs
 * on. Rows compared with each other share their terms and their store;
 * every row counts a flow confirmed at the same event.
 */
final class Row {

    /** How the rules reach ONOS. */
    enum Path {
        /** FlowSocket InstallFlow, replying once ONOS confirmed the batch. */
        WS,
        /** FlowSocket InstallFlow with {@code "confirm":false}: replies at submission, as REST does. */
        WS_NO_CONFIRM,
        /** ONOS's REST API, POST /onos/v1/flows (B rules) or /onos/v1/flows/{deviceId} (1 rule). */
        REST,
        /** FlowRuleService.apply in ONOS's JVM, over the simulated switches. */
        ONOS_SIMULATED,
        /** FlowRuleService.apply in ONOS's JVM, over null-provider switches: ONOS alone. */
        ONOS_NULL,
        /** The same frames as the FlowSocket row, echoed by a bare Jetty endpoint: the transport alone. */
        ECHO,
        /** The same batches handed to the simulated switches with no ONOS behind them: the simulator alone. */
        SIMULATOR
    }

    final String id;
    final String name;
    final Path path;
    final int batch;
    final int window;
    final int connections;
    /** The store behind ONOS's StorageService in the row's sandbox. */
    final SandboxCore.Store store;

    /** A row on the benchmark's main sandbox, on ONOS's in-memory store. */
    Row(String id, String name, Path path, int batch, int window, int connections) {
        this(id, name, path, batch, window, connections, SandboxCore.Store.MEMORY);
    }

    Row(String id, String name, Path path, int batch, int window, int connections, SandboxCore.Store store) {
        this.id = id;
        this.name = name;
        this.path = path;
        this.batch = batch;
        this.window = window;
        this.connections = connections;
        this.store = store;
    }

    /** @return whether the row goes through FlowSocket */
    boolean flowSocket() {
        return path == Path.WS || path == Path.WS_NO_CONFIRM;
    }

    /**
     * @return whether a run may send the same requests again once past the
     *         rule cap: the rows that keep no rules in ONOS (the echo; the
     *         simulator alone, whose switches replace a rule they hold)
     */
    boolean reusesRules() {
        return path == Path.ECHO || path == Path.SIMULATOR;
    }

    /** @return a short statement of the row's terms */
    String terms() {
        return "B=" + batch + " W=" + window + (connections > 1 ? " C=" + connections : "");
    }

    /**
     * The benchmark's rows.
     *
     * @param batch       rules per request of the batched rows
     * @param window      requests in flight of the batched rows
     * @param single      requests in flight of the one-rule rows
     * @param connections connections of the multi-connection row
     * @return every row, by id
     */
    static List<Row> all(int batch, int window, int single, int connections) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("ws", "flowsocket-ws-1conn", Path.WS, batch, window, 1));
        rows.add(new Row("ws-noconfirm", "flowsocket-ws-noconfirm", Path.WS_NO_CONFIRM, batch, window, 1));
        rows.add(new Row("ws-conns", "flowsocket-ws-" + connections + "conn", Path.WS, batch, window,
                connections));
        rows.add(new Row("rest-batch", "onos-rest-batch", Path.REST, batch, window, 1));
        rows.add(new Row("ws-b1", "flowsocket-ws-1conn-b1", Path.WS, 1, single, 1));
        rows.add(new Row("rest-single", "onos-rest-single", Path.REST, 1, single, 1));
        rows.add(new Row("onos-sim", "onos-simulated-ceiling", Path.ONOS_SIMULATED, batch, window, 1));
        rows.add(new Row("onos-null", "onos-ceiling", Path.ONOS_NULL, batch, window, 1));
        rows.add(new Row("echo", "transport-ceiling", Path.ECHO, batch, window, 1));
        rows.add(new Row("sim", "simulator-ceiling", Path.SIMULATOR, batch, window, 1));
        rows.add(new Row("ws-w1", "flowsocket-ws-1conn-w1", Path.WS, batch, 1, 1));
        // The same pair as ws and rest-batch, on a sandbox whose StorageService
        // is ONOS's StorageManager over an embedded one-node Raft group.
        rows.add(new Row("ws-raft", "flowsocket-ws-1conn-raft", Path.WS, batch, window, 1,
                SandboxCore.Store.RAFT));
        rows.add(new Row("rest-batch-raft", "onos-rest-batch-raft", Path.REST, batch, window, 1,
                SandboxCore.Store.RAFT));
        return rows;
    }

    @Override
    public String toString() {
        return name;
    }
}
