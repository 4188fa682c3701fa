/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a failed cluster test leaves to read: each node's warnings and errors
 * logged during the test, and the stacks of its threads that were inside
 * FlowSocket's code (where a reply that never came was waiting), printed to
 * the test's output. The nodes' directory is deleted with the cluster.
 */
final class ClusterDiagnostics extends TestWatcher {

    private static final int MAX_LOG_LINES = 60;

    private final Supplier<SandboxCluster> cluster;
    private long[] logStart = new long[0];

    ClusterDiagnostics(Supplier<SandboxCluster> cluster) {
        this.cluster = cluster;
    }

    @Override
    protected void starting(Description description) {
        SandboxCluster c = cluster.get();
        logStart = new long[c.nodes().size() + 1];
        for (SandboxClusterNode n : c.nodes()) {
            try {
                logStart[n.index()] = Files.size(c.log(n.index()));
            } catch (IOException e) {
                logStart[n.index()] = 0;
            }
        }
    }

    @Override
    protected void failed(Throwable e, Description description) {
        SandboxCluster c = cluster.get();
        System.out.println("=== " + description.getMethodName() + " failed: " + e);
        for (SandboxClusterNode n : c.nodes()) {
            System.out.println("--- node " + n.index() + (n.isAlive() ? "" : " (not running)")
                                       + ": warnings, errors and FlowSocket's messages during the test ---");
            worthShowing(c.log(n.index()), logStart[n.index()]).forEach(System.out::println);
            OptionalLong pid = n.pid();
            if (pid.isPresent()) {
                System.out.println("--- node " + n.index() + ": threads in FlowSocket's code ---");
                System.out.println(flowSocketThreads(pid.getAsLong()));
            }
        }
    }

    private static List<String> worthShowing(Path log, long from) {
        List<String> lines = new ArrayList<>();
        try {
            // A warning's exception follows it on lines of its own (its
            // name and message, then the stack): keep them up to the next
            // line the logger wrote at another level.
            boolean inWarning = false;
            for (String line : readFrom(log, from).split("\n")) {
                if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                    inWarning = true;
                } else if (line.contains(" INFO org.flowsocket.")) {
                    // FlowSocket's own account: who leads, what it settled.
                    lines.add(line);
                    inWarning = false;
                    continue;
                } else if (line.contains(" INFO ") || line.contains(" DEBUG ") || line.contains(" TRACE ")) {
                    inWarning = false;
                }
                if (inWarning) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            lines.add("(log unreadable: " + e + ")");
        }
        return lines.size() <= MAX_LOG_LINES ? lines
                : lines.subList(lines.size() - MAX_LOG_LINES, lines.size());
    }

    /**
     * Reads a log from an offset, e.g. what a node printed since a test began.
     *
     * @param file   the log
     * @param offset bytes to skip
     * @return the rest of the log
     * @throws IOException if it cannot be read
     */
    static String readFrom(Path file, long offset) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int start = (int) Math.min(offset, all.length);
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }

    // jcmd's thread dump, only the threads whose stack passes through org.flowsocket.
    private static String flowSocketThreads(long pid) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                                           Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            StringBuilder ours = new StringBuilder();
            for (String thread : dump.split("\n\n")) {
                if (thread.contains("org.flowsocket")) {
                    ours.append(thread).append("\n\n");
                }
            }
            return ours.length() == 0 ? "(none)" : ours.toString();
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
