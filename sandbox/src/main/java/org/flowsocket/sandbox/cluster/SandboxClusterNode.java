/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link SandboxCluster}: its addresses and its JVM.
 */
public final class SandboxClusterNode {

    private static final Logger log = LoggerFactory.getLogger(SandboxClusterNode.class);

    private final int index;
    private final String host;
    private final int httpPort;
    private volatile Process process;

    SandboxClusterNode(int index, String host, int httpPort) {
        this.index = index;
        this.host = host;
        this.httpPort = httpPort;
    }

    /** @return 1-based index */
    public int index() {
        return index;
    }

    /** @return ONOS node id, {@code onos-<index>} */
    public String id() {
        return "onos-" + index;
    }

    /** @return HTTP port */
    public int httpPort() {
        return httpPort;
    }

    /** @return FlowSocket's WebSocket URI on this node */
    public URI webSocketUri() {
        return URI.create("ws://" + host + ":" + httpPort + "/onos/flowsocket/ws");
    }

    /** @return ONOS's REST API on this node */
    public URI restUri() {
        return URI.create("http://" + host + ":" + httpPort + "/onos/v1");
    }

    /** @return the web console on this node */
    public URI consoleUri() {
        return URI.create("http://" + host + ":" + httpPort + "/onos/flowsocket/");
    }

    /** @return its JVM's process id, if it runs */
    public java.util.OptionalLong pid() {
        Process p = process;
        return p != null && p.isAlive() ? java.util.OptionalLong.of(p.pid()) : java.util.OptionalLong.empty();
    }

    /** @return whether its JVM runs */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    // Starts the JVM; the future completes when it prints READY_LINE, and
    // fails if it ends first. Its output goes to logFile.
    CompletableFuture<Void> launch(List<String> command, Path logFile) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        process = p;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> pump(p, logFile, ready), "sandbox-cluster-node-" + index);
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private void pump(Process p, Path logFile, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                                                                          StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE,
                                                                     StandardOpenOption.APPEND), true,
                                               StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.equals(SandboxCluster.READY_LINE)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            log.debug("Output of node {} ended: {}", index, e.toString());
        }
        ready.completeExceptionally(new IllegalStateException(
                "Sandbox cluster node " + index + " exited before it was ready"));
    }

    // SIGKILL, without waiting.
    void destroy() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    // SIGKILL, as a crash, and wait until the JVM is gone.
    void kill() throws InterruptedException {
        destroy();
        awaitEnd(Duration.ofSeconds(30));
    }

    // Closes the JVM's standard input, which a node takes as the order to stop.
    void closeInput() {
        Process p = process;
        if (p != null && p.isAlive()) {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                log.debug("Closing node {}'s input: {}", index, e.toString());
            }
        }
    }

    void awaitEnd() throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.waitFor();
        }
    }

    void awaitEnd(Duration timeout) throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
