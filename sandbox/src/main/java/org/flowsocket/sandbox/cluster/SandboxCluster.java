/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import com.google.common.collect.ImmutableList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

/**
 * A cluster of sandbox nodes, one JVM each, on this machine: what
 * {@code java -jar flowsocket-sandbox.jar --cluster N} runs, and the harness
 * of the multi-node tests.
 * <p>
 * {@link #start()} picks the ports (node <i>i</i> serves HTTP on the base
 * port + <i>i</i> − 1, or on a free port when the base port is 0; Atomix
 * messaging of its ONOS node and of its storage node on free ports), writes
 * each node's ONOS cluster metadata ({@link ClusterMetadataFile}: the N
 * controller nodes {@code onos-1}…, the N storage nodes {@code atomix-1}…)
 * and its storage node's Atomix configuration ({@link AtomixStorageNode})
 * under a directory of its own, and forks N JVMs of the same class path
 * running {@code org.flowsocket.sandbox.Main --cluster-node i --cluster-dir
 * DIR}. Each child starts its storage node, then ONOS's core as a member of
 * the cluster, its simulated network (or OpenFlow southbound) and FlowSocket,
 * and then prints {@link #READY_LINE}; it exits when its standard input
 * closes, so the children die with the launching JVM. A child's output goes
 * to {@code node-i.log} in the cluster directory.
 * <p>
 * Usage in a test:
 * <pre>{@code
 * try (SandboxCluster cluster = SandboxCluster.builder().nodes(3).start()) {
 *     URI ws1 = cluster.node(1).webSocketUri();
 *     cluster.kill(2);          // SIGKILL, as a crash
 *     cluster.restart(2);       // same ports and data: it rejoins
 * }
 * }</pre>
 * {@link #close()} destroys every child and deletes the directory.
 */
public final class SandboxCluster implements AutoCloseable {

    /** What a child prints on standard output once it serves. */
    public static final String READY_LINE = "FLOWSOCKET-CLUSTER-NODE-READY";
    /** The cluster's name (Atomix's cluster id). */
    public static final String NAME = "flowsocket-sandbox";

    // As the executable jar's manifest: Kryo and ONOS's serializers reflect into java.base.
    private static final List<String> JVM_OPTIONS = List.of(
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "-Xmx768m");

    /** Builder of a {@link SandboxCluster}. */
    public static final class Builder {
        private int nodes = 3;
        private String bind = "127.0.0.1";
        private int basePort;
        private List<String> nodeArguments = List.of();
        private List<String> jvmOptions = List.of();
        private Path directory;
        private Duration startTimeout = Duration.ofSeconds(120);

        private Builder() {
        }

        /**
         * @param n number of nodes (1 to 7)
         * @return this builder
         */
        public Builder nodes(int n) {
            checkArgument(n >= 1 && n <= 7, "A sandbox cluster has 1 to 7 nodes, not %s", n);
            this.nodes = n;
            return this;
        }

        /**
         * @param address address every node listens on
         * @return this builder
         */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address);
            return this;
        }

        /**
         * @param port node i's HTTP port is this + i − 1; 0 (the default)
         *             gives each a free port
         * @return this builder
         */
        public Builder basePort(int port) {
            checkArgument(port >= 0 && port < 65536 - nodes, "Bad port %s", port);
            this.basePort = port;
            return this;
        }

        /**
         * @param args further sandbox options every node gets (e.g.
         *             {@code --topo linear,4}); not --port, --bind, --store
         * @return this builder
         */
        public Builder nodeArguments(List<String> args) {
            this.nodeArguments = ImmutableList.copyOf(args);
            return this;
        }

        /**
         * @param options further JVM options of every node (e.g.
         *                {@code -Dorg.slf4j.simpleLogger.log.org.flowsocket=debug})
         * @return this builder
         */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = ImmutableList.copyOf(options);
            return this;
        }

        /**
         * @param dir where configurations, data and logs go (default: a
         *            new temporary directory, deleted on close)
         * @return this builder
         */
        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /**
         * @param timeout how long all nodes may take to become ready
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Starts every node and waits until all serve.
         *
         * @return the running cluster
         * @throws IOException      if a file or process cannot be made
         * @throws TimeoutException if a node is not ready in time (all are stopped)
         */
        public SandboxCluster start() throws IOException, TimeoutException {
            SandboxCluster cluster = new SandboxCluster(this);
            try {
                cluster.startAll();
            } catch (IOException | TimeoutException | RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }

    private final Path directory;
    private final boolean ownDirectory;
    private final List<SandboxClusterNode> nodes = new ArrayList<>();
    private final List<String> nodeArguments;
    private final List<String> jvmOptions;
    private final String bind;
    private final Duration startTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SandboxCluster(Builder b) throws IOException {
        this.ownDirectory = b.directory == null;
        this.directory = b.directory != null ? b.directory : Files.createTempDirectory("flowsocket-cluster-");
        this.nodeArguments = b.nodeArguments;
        this.jvmOptions = b.jvmOptions;
        this.bind = b.bind;
        this.startTimeout = b.startTimeout;
        String host = "0.0.0.0".equals(b.bind) ? "127.0.0.1" : b.bind;
        List<ClusterMetadataFile.Member> controllers = new ArrayList<>();
        List<ClusterMetadataFile.Member> storage = new ArrayList<>();
        for (int i = 1; i <= b.nodes; i++) {
            int http = b.basePort == 0 ? ListeningPorts.freePort() : b.basePort + i - 1;
            nodes.add(new SandboxClusterNode(i, host, http));
            controllers.add(new ClusterMetadataFile.Member("onos-" + i, host, ListeningPorts.freePort()));
            storage.add(new ClusterMetadataFile.Member("atomix-" + i, host, ListeningPorts.freePort()));
        }
        ClusterMetadataFile metadata = new ClusterMetadataFile(NAME, controllers, storage);
        for (int i = 1; i <= b.nodes; i++) {
            Path nodeDir = nodeDirectory(directory, i);
            metadata.write("onos-" + i, nodeDir.resolve("cluster.json"));
            AtomixStorageNode.writeConfig(metadata, "atomix-" + i, nodeDir.resolve("atomix"));
        }
    }

    /** @return a builder of a three-node cluster on free ports */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a node's directory in a cluster directory: its ONOS cluster
     * metadata ({@code cluster.json}), its storage node's configuration and
     * Raft logs ({@code atomix/}), ONOS's {@code karaf.data} ({@code karaf/}).
     *
     * @param clusterDirectory the cluster's directory
     * @param index            node index, from 1
     * @return the node's directory
     */
    public static Path nodeDirectory(Path clusterDirectory, int index) {
        return clusterDirectory.resolve("node-" + index);
    }

    /** @return the nodes, in index order */
    public List<SandboxClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * @param index 1-based node index
     * @return the node
     */
    public SandboxClusterNode node(int index) {
        checkArgument(index >= 1 && index <= nodes.size(), "No node %s", index);
        return nodes.get(index - 1);
    }

    /** @return the cluster's directory (configuration, data, node logs) */
    public Path directory() {
        return directory;
    }

    /**
     * Kills a node's JVM with SIGKILL, as a crash, and waits until it is gone.
     *
     * @param index 1-based node index
     * @throws InterruptedException if interrupted while waiting
     */
    public void kill(int index) throws InterruptedException {
        node(index).kill();
    }

    /**
     * Starts a node that was killed or stopped again, with its ports and
     * data, and waits until it serves.
     *
     * @param index 1-based node index
     * @throws IOException      if the process cannot be made
     * @throws TimeoutException if it is not ready in time
     */
    public void restart(int index) throws IOException, TimeoutException {
        restart(index, List.of());
    }

    /**
     * Starts a node that was killed or stopped again, with its ports and
     * data and further sandbox options for this run only (e.g.
     * {@code --ack-latency 60000}: its switches confirm slowly), and waits
     * until it serves.
     *
     * @param index     1-based node index
     * @param extraArgs options after the cluster's own, so they override them
     * @throws IOException      if the process cannot be made
     * @throws TimeoutException if it is not ready in time
     */
    public void restart(int index, List<String> extraArgs) throws IOException, TimeoutException {
        checkState(!node(index).isAlive(), "Node %s still runs", index);
        await(List.of(launch(node(index), extraArgs)));
    }

    /**
     * Returns a node's log: everything its JVM printed, over every run.
     *
     * @param index 1-based node index
     * @return the log file
     */
    public Path log(int index) {
        return directory.resolve("node-" + node(index).index() + ".log");
    }

    private void startAll() throws IOException, TimeoutException {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (SandboxClusterNode n : nodes) {
            ready.add(launch(n, List.of()));
        }
        await(ready);
    }

    private void await(List<CompletableFuture<Void>> ready) throws TimeoutException {
        try {
            CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0]))
                    .get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the cluster started", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + logTails(), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("Sandbox cluster nodes not ready after " + startTimeout.toSeconds()
                    + " s" + logTails());
        }
    }

    // The end of every node's log, for a start that failed: a temporary
    // directory goes with close().
    private String logTails() {
        StringBuilder b = new StringBuilder();
        for (SandboxClusterNode n : nodes) {
            Path logFile = log(n.index());
            try {
                List<String> lines = Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
                b.append("\n--- node ").append(n.index()).append(" (last lines of its log) ---\n");
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                b.append("\n(node ").append(n.index()).append("'s log cannot be read: ").append(e).append(')');
            }
        }
        return b.toString();
    }

    // Forks a node's JVM; the future completes when it prints READY_LINE.
    private CompletableFuture<Void> launch(SandboxClusterNode n, List<String> extraArgs) throws IOException {
        Path nodeDir = nodeDirectory(directory, n.index());
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-D" + RaftStore.DATA_PROPERTY + "=" + nodeDir.resolve("karaf").toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.flowsocket.sandbox.Main");
        command.addAll(List.of("--cluster-node", String.valueOf(n.index()),
                               "--cluster-dir", directory.toAbsolutePath().toString(),
                               "--bind", bind, "--port", String.valueOf(n.httpPort())));
        command.addAll(nodeArguments);
        command.addAll(extraArgs);
        return n.launch(command, log(n.index()));
    }

    /**
     * Waits until no node's JVM runs.
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitAllEnded() throws InterruptedException {
        for (SandboxClusterNode n : nodes) {
            n.awaitEnd();
        }
    }

    /** Stops every node (SIGKILL) and deletes a temporary directory. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            nodes.forEach(SandboxClusterNode::destroy);
            for (SandboxClusterNode n : nodes) {
                try {
                    n.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (ownDirectory) {
                RaftStore.deleteTree(directory);
            }
        }
    }

    /**
     * Stops every node gracefully: closes their standard input, which each
     * takes as the order to stop, and waits for them.
     *
     * @param timeout how long to wait before killing
     */
    public void stopGracefully(Duration timeout) {
        nodes.forEach(SandboxClusterNode::closeInput);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SandboxClusterNode n : nodes) {
            try {
                n.awaitEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
