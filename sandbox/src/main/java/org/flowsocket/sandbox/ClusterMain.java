/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.flowsocket.sandbox.cluster.SandboxCluster;
import org.flowsocket.sandbox.cluster.SandboxClusterNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code --cluster N} side of {@link Main}: the launcher of N nodes, and
 * what a node forked by it does beyond a single sandbox.
 */
final class ClusterMain {

    private ClusterMain() {
    }

    /**
     * Starts the nodes, prints their addresses, and keeps them until Ctrl-C
     * (which stops them all): returns only when no node runs any more.
     *
     * @return exit code: 1 if the cluster could not start or every node ended
     */
    static int launch(Main.Options options, PrintStream out, PrintStream err) {
        out.println("Starting " + options.cluster + " ONOS nodes (one JVM each)...");
        SandboxCluster cluster;
        try {
            cluster = SandboxCluster.builder()
                    .nodes(options.cluster)
                    .bind(options.bind)
                    .basePort(options.port)
                    .nodeArguments(options.passOn)
                    .start();
        } catch (IOException | TimeoutException | RuntimeException e) {
            err.println("Cannot start the cluster: " + e.getMessage());
            return 1;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            out.println("Stopping the cluster...");
            cluster.stopGracefully(Duration.ofSeconds(20));
            cluster.close();
        }, "sandbox-cluster-shutdown"));

        out.println();
        out.println("FlowSocket sandbox cluster is ready: " + options.cluster
                + " ONOS 2.5.6 nodes sharing one Atomix storage cluster (Raft), each with its own "
                + (options.openflow ? "OpenFlow southbound" : "simulated network " + options.topo));
        for (SandboxClusterNode n : cluster.nodes()) {
            out.println("  node " + n.index() + " (" + n.id() + "):");
            out.println("    ONOS REST API: " + n.restUri());
            out.println("    FlowSocket:    " + n.webSocketUri() + "  (subprotocol flowsocket.v1)");
            out.println("    Web console:   " + n.consoleUri());
        }
        out.println("  Logs and data:  " + cluster.directory());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            cluster.awaitAllEnded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopping.get()) {
            err.println("Every node of the cluster ended; see " + cluster.directory());
        }
        return 1;
    }

    /**
     * Tells the launcher this node serves, and stops the JVM when the
     * launcher's pipe to it closes (the launcher stopped or died).
     */
    static void serveAsNode(PrintStream out) {
        out.println(SandboxCluster.READY_LINE);
        out.flush();
        Thread watcher = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() >= 0) {
                    // the launcher writes nothing; only the end matters
                }
            } catch (IOException e) {
                // the same: the launcher is gone
            }
            System.exit(0);
        }, "sandbox-cluster-launcher-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
