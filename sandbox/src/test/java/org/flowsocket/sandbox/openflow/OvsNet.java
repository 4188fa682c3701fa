/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Open vSwitch network of {@code sandbox/ovs/ovsnet.sh}, driven from a
 * test: up, commands in the hosts' namespaces, ovs-ofctl/ovs-vsctl on its
 * bridges, down (also from a shutdown hook, so an aborted run cleans up).
 */
final class OvsNet implements AutoCloseable {

    /** Output and exit code of a command. */
    static final class Result {
        final int code;
        final String output;

        Result(int code, String output) {
            this.code = code;
            this.output = output;
        }

        boolean ok() {
            return code == 0;
        }

        @Override
        public String toString() {
            return "exit " + code + ": " + output;
        }
    }

    private final Path script;
    private final Path dir;
    private final Thread hook = new Thread(this::down, "ovsnet-down");
    private boolean up;

    OvsNet(Path script, Path dir) {
        this.script = script;
        this.dir = dir;
    }

    /** @return the directory holding the network's state, logs and topology.json */
    Path dir() {
        return dir;
    }

    /**
     * Builds the network.
     *
     * @param args options of {@code ovsnet.sh up}
     * @return this
     * @throws IOException if it cannot be built
     */
    OvsNet up(String... args) throws IOException {
        Runtime.getRuntime().addShutdownHook(hook);
        up = true;
        List<String> cmd = new ArrayList<>(List.of("up", dir.toString()));
        cmd.addAll(List.of(args));
        Result r = script(cmd);
        if (!r.ok()) {
            throw new IOException("ovsnet.sh up failed: " + r);
        }
        return this;
    }

    /**
     * Runs a command in a host's namespace.
     *
     * @param host      e.g. h1
     * @param timeoutMs how long to let it run
     * @param command   the command
     * @return its result
     */
    Result exec(String host, long timeoutMs, String... command) {
        List<String> cmd = new ArrayList<>(List.of("exec", dir.toString(), host));
        cmd.addAll(List.of(command));
        return script(cmd, timeoutMs);
    }

    /**
     * Starts a long-running command in a host's namespace.
     *
     * @param host    e.g. h2
     * @param log     where its output goes
     * @param command the command
     * @return the process (stop it with destroy)
     * @throws IOException if it cannot start
     */
    Process start(String host, Path log, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "exec", dir.toString(), host));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * {@code ovs-ofctl -O OpenFlow13 COMMAND sN ...}.
     *
     * @param args command, switch (sN) and arguments
     * @return its result
     */
    Result ofctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ofctl", dir.toString()));
        cmd.addAll(List.of(args));
        return script(cmd);
    }

    /**
     * {@code ovs-vsctl} on the network's database (sN names a bridge).
     *
     * @param args arguments
     * @return its result
     */
    Result vsctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("vsctl", dir.toString()));
        cmd.addAll(List.of(args));
        return script(cmd);
    }

    /**
     * Cuts a ring's cable at switch {@code from}'s end, or mends it
     * ({@code ovsnet.sh link}).
     *
     * @param from one switch of the cable, e.g. s1 (the end that goes down)
     * @param to   the other, e.g. s2
     * @param up   true to mend it
     * @return its result
     */
    Result link(String from, String to, boolean up) {
        return script(List.of("link", dir.toString(), from, to, up ? "up" : "down"));
    }

    /** Tears the network down. Idempotent. */
    synchronized void down() {
        if (up) {
            up = false;
            script(List.of("down", dir.toString()));
        }
    }

    @Override
    public void close() {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }

    private Result script(List<String> args) {
        return script(args, 60_000);
    }

    private Result script(List<String> args, long timeoutMs) {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(args);
        return run(cmd, timeoutMs);
    }

    private static Result run(List<String> cmd, long timeoutMs) {
        try {
            Path out = Files.createTempFile("ovsnet", ".out");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return new Result(-1, "timed out: " + String.join(" ", cmd));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
