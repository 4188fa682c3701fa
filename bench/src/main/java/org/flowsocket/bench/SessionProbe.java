/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.network.NetworkSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A sandbox in a JVM of its own, so that its heap holds the server side of
 * the connections only. Prints {@code READY <port>}, then answers commands
 * read from standard input, one a line:
 * <ul>
 * <li>{@code heap}: collects garbage and prints {@code HEAP <bytes used>};</li>
 * <li>{@code sessions}: prints {@code SESSIONS <FlowSocket sessions open>};</li>
 * <li>{@code quit}: stops.</li>
 * </ul>
 */
public final class SessionProbe {

    private SessionProbe() {
    }

    /**
     * @param args none
     * @throws Exception if the sandbox cannot start
     */
    public static void main(String[] args) throws Exception {
        BenchMain.quietLogging();
        try (Sandbox sandbox = Sandbox.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .topology(NetworkSpec.linear(3)).start()) {
            BenchSandbox.allowBenchmarkSessions(sandbox);
            FlowSocketAdminService service = (FlowSocketAdminService) sandbox.flowSocketService()
                    .orElseThrow(() -> new IllegalStateException("FlowSocket is not running"));
            System.out.println("READY " + sandbox.web().port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "heap":
                        System.out.println("HEAP " + usedAfterGc());
                        break;
                    case "sessions":
                        System.out.println("SESSIONS " + service.sessions().size());
                        break;
                    case "quit":
                        return;
                    default:
                        System.out.println("ERROR unknown command " + line);
                }
                System.out.flush();
            }
        }
    }

    /**
     * Used heap after full collections, the lowest of a few readings.
     *
     * @return bytes
     * @throws InterruptedException if interrupted
     */
    static long usedAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
