/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.sun.management.UnixOperatingSystemMXBean;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's side of a {@link SessionProbe}: a sandbox in a second JVM
 * (with ONOS's native memory tracking on), driven by one-line commands, so
 * that the clients of the session and fan-out measurements run in this JVM
 * and the server's memory holds the server side only.
 */
final class ProbeJvm implements AutoCloseable {

    // Flags a child JVM needs to run ONOS's serializers on JDK 17 (the
    // executable jar's manifest carries them only for java -jar).
    private static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.util",
            "java.util.concurrent", "java.util.concurrent.atomic", "java.net", "java.nio");

    /** File descriptors a JVM keeps besides its sessions (jars, selectors, pipes, ONOS's stores). */
    static final int FD_MARGIN = 512;

    private final Process child;
    private final BufferedReader out;
    private final PrintWriter in;
    private final URI uri;
    private final String device;
    private final int sessionCap;

    private ProbeJvm(Process child, int sessionCap) throws IOException {
        this.child = child;
        this.sessionCap = sessionCap;
        this.out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        String[] ready = expect("READY").split(" ");
        this.uri = URI.create("ws://127.0.0.1:" + ready[0] + "/onos/flowsocket/ws");
        this.device = ready[1];
    }

    /**
     * Starts a probe JVM whose FlowSocket takes {@code sessionCap} sessions
     * of one user from one address.
     *
     * @param sessionCap maxSessions, maxSessionsPerUser and maxSessionsPerAddress of the probe's FlowSocket
     * @return the running probe
     * @throws IOException if it cannot start or does not become ready
     */
    static ProbeJvm start(int sessionCap) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx1g");
        // Counts the JVM's memory outside the heap: thread stacks, direct
        // buffers (NMT's "Other"), metaspace, code, GC structures.
        cmd.add("-XX:NativeMemoryTracking=summary");
        for (String p : OPENS) {
            cmd.add("--add-opens");
            cmd.add("java.base/" + p + "=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SessionProbe.class.getName());
        cmd.add(Integer.toString(sessionCap));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return new ProbeJvm(child, sessionCap);
        } catch (IOException | RuntimeException e) {
            child.destroyForcibly();
            throw e;
        }
    }

    /** @return the probe's FlowSocket WebSocket URI */
    URI uri() {
        return uri;
    }

    /** @return a device of the probe's network, for hosts' locations */
    String device() {
        return device;
    }

    /** @return the session caps the probe's FlowSocket was given */
    int sessionCap() {
        return sessionCap;
    }

    /** @return the probe FlowSocket's open sessions */
    int sessions() throws IOException {
        return Integer.parseInt(command("sessions", "SESSIONS"));
    }

    /**
     * Waits until the probe's FlowSocket has no session left, so that the
     * next measurement's sessions fit under its caps.
     *
     * @param timeout longest wait
     * @throws IOException if sessions are still open then
     * @throws InterruptedException if interrupted
     */
    void awaitNoSessions(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int open = sessions(); open > 0; open = sessions()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the probe's FlowSocket still has " + open + " sessions " + timeout
                        + " after the clients closed them");
            }
            Thread.sleep(100);
        }
    }

    /** @return the time the probe's collectors have spent so far, in milliseconds */
    long gcMillis() throws IOException {
        return Long.parseLong(command("gc", "GC"));
    }

    /** @return the probe's memory after full collections */
    SessionProbe.Memory memory() throws IOException {
        return SessionProbe.Memory.parse(command("memory", "MEMORY"));
    }

    /**
     * Fails with a clear message unless both JVMs can hold {@code sessions}
     * more sockets: each session is one descriptor in this JVM (the client)
     * and one in the probe (the server).
     *
     * @param sessions sessions about to be opened
     * @throws IOException if either JVM would run out of file descriptors
     */
    void checkDescriptors(int sessions) throws IOException {
        String[] probe = command("fds", "FDS").split(" ");
        checkDescriptors("the probe JVM (server side)", sessions, Long.parseLong(probe[0]),
                Long.parseLong(probe[1]));
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean) {
            UnixOperatingSystemMXBean unix = (UnixOperatingSystemMXBean) os;
            checkDescriptors("the benchmark JVM (client side)", sessions, unix.getOpenFileDescriptorCount(),
                    unix.getMaxFileDescriptorCount());
        }
    }

    static void checkDescriptors(String who, int sessions, long open, long max) throws IOException {
        if (max >= 0 && open + sessions + FD_MARGIN > max) {
            throw new IOException(String.format("%d more sessions need as many file descriptors in %s, which "
                    + "has %d open of at most %d (ulimit -n): raise the limit before starting the benchmark "
                    + "(a JVM cannot raise it for itself) or measure fewer sessions with --sessions",
                    sessions, who, open, max));
        }
    }

    private String command(String command, String answer) throws IOException {
        in.println(command);
        return expect(answer);
    }

    private String expect(String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix + " ")) {
                return line.substring(prefix.length() + 1).trim();
            }
            if (line.startsWith("ERROR ")) {
                throw new IOException("the probe JVM: " + line.substring(6));
            }
        }
        throw new IOException("the probe JVM ended before saying " + prefix
                + (child.isAlive() ? "" : " (exit code " + child.exitValue() + ")"));
    }

    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        if (!child.waitFor(20, TimeUnit.SECONDS)) {
            child.destroy();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
