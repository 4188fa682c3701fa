/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.browser;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.fail;

/**
 * A sandbox in a process of its own: started with a command, its output
 * copied to a log file, ready once it printed its banner (the FlowSocket URL
 * and the ready line), stopped whatever happens.
 */
final class SandboxProcess {

    static final String READY = "FlowSocket sandbox is ready";

    private static final Pattern SOCKET_LINE =
            Pattern.compile("FlowSocket:\\s+ws://([^/\\s]+)/onos/flowsocket/ws");
    private static final long START_TIMEOUT_S = 180;

    private final Process process;
    private final String consoleUrl;

    private SandboxProcess(Process process, String consoleUrl) {
        this.process = process;
        this.consoleUrl = consoleUrl;
    }

    /**
     * Starts a sandbox and waits until it is ready.
     *
     * @param command the command line
     * @param log     file for its output
     * @return the running sandbox
     * @throws Exception if it cannot start
     */
    static SandboxProcess start(List<String> command, File log) throws Exception {
        log.getParentFile().mkdirs();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log.toPath(), StandardCharsets.UTF_8), true);
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                                                                              StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.println(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                out.println("(output closed: " + e + ")");
            } finally {
                out.close();
                lines.add("\u0000");
            }
        }, "sandbox-output");
        pump.setDaemon(true);
        pump.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        String hostPort = null;
        boolean ready = false;
        while (hostPort == null || !ready) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("\u0000")) {
                stop(process);
                fail("the sandbox did not start within " + START_TIMEOUT_S + " s; see " + log);
            }
            ready |= line.contains(READY);
            Matcher m = SOCKET_LINE.matcher(line);
            if (m.find()) {
                hostPort = m.group(1);
            }
        }
        return new SandboxProcess(process, "http://" + hostPort + "/onos/flowsocket/");
    }

    /** @return the web console's URL */
    String consoleUrl() {
        return consoleUrl;
    }

    /** Stops the sandbox (its shutdown hook runs), forcibly if it takes too long. */
    void stop() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
