/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Karaf's console over SSH, as an operator (or ONOS's own {@code onos}
 * script) uses it: one login per command.
 */
final class KarafShell implements AutoCloseable {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final SshClient client;

    KarafShell(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /** What one command printed, and how it ended. */
    static final class Result {
        final String command;
        final String out;
        final String err;
        final Integer exitStatus;

        Result(String command, String out, String err, Integer exitStatus) {
            this.command = command;
            this.out = out;
            this.err = err;
            this.exitStatus = exitStatus;
        }

        boolean ok() {
            return (exitStatus == null || exitStatus == 0) && !failed(out) && !failed(err);
        }

        private static boolean failed(String text) {
            return text.contains("Error executing command") || text.contains("Command not found");
        }

        @Override
        public String toString() {
            return "karaf@root()> " + command + "\n" + out + (err.isEmpty() ? "" : "[stderr] " + err)
                    + (exitStatus == null ? "" : "[exit " + exitStatus + "]\n");
        }
    }

    /**
     * Runs one console command.
     *
     * @param command command line
     * @param timeout longest wait for it to finish
     * @return its output
     * @throws IOException if the console cannot be reached
     */
    Result run(String command, Duration timeout) throws IOException {
        // Karaf's SSH server runs one exec request per session.
        try (ClientSession session = client.connect(user, host, port).verify(CONNECT).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(CONNECT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(CONNECT);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                return new Result(command, clean(out), clean(err), channel.getExitStatus());
            }
        }
    }

    /**
     * Runs one console command that must succeed.
     *
     * @param command command line
     * @return its output
     * @throws IOException if the console cannot be reached or the command failed
     */
    String ok(String command) throws IOException {
        Result result = run(command, Duration.ofSeconds(120));
        if (!result.ok()) {
            throw new IOException("console command failed:\n" + result);
        }
        return result.out;
    }

    /**
     * Types a partial command line into an interactive console and presses
     * Tab, as an operator does: an SSH shell channel with a terminal (an
     * exec channel has none, so Karaf does not complete there). Karaf's
     * line reader completes the line in place or lists the candidates.
     *
     * @param typed    what is typed before Tab
     * @param expected texts the completion must show
     * @param timeout  longest wait for the prompt, then for the candidates
     * @return what the console showed after Tab, escape sequences removed
     * @throws IOException if the console cannot be reached
     */
    String complete(String typed, List<String> expected, Duration timeout) throws IOException {
        try (ClientSession session = client.connect(user, host, port).verify(CONNECT).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(CONNECT);
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            PipedOutputStream keyboard = new PipedOutputStream();
            try (ChannelShell channel = session.createShellChannel();
                 PipedInputStream keys = new PipedInputStream(keyboard)) {
                channel.setPtyType("xterm");
                channel.setPtyColumns(200);
                channel.setPtyLines(50);
                channel.setIn(keys);
                channel.setOut(screen);
                channel.setErr(screen);
                channel.open().verify(CONNECT);
                awaitScreen(screen, 0, text -> text.stripTrailing().endsWith(">"), timeout, "the prompt");
                int before = screen.size();
                keyboard.write((typed + "\t").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
                String shown = awaitScreen(screen, before, text -> expected.stream().allMatch(text::contains),
                                           timeout, "the candidates " + expected + " after " + typed + "<TAB>");
                // Ctrl-C drops the line, Ctrl-D ends the session.
                keyboard.write(new byte[]{3, 4});
                keyboard.flush();
                return shown;
            }
        }
    }

    private static String awaitScreen(ByteArrayOutputStream screen, int from, Predicate<String> shows,
                                      Duration timeout, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] bytes = screen.toByteArray();
            String text = ANSI.matcher(new String(Arrays.copyOfRange(bytes, from, bytes.length),
                                                  StandardCharsets.UTF_8)).replaceAll("").replace("\r", "");
            if (shows.test(text)) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the console did not show " + what + "; it showed:\n" + text);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + what);
            }
        }
    }

    private static String clean(ByteArrayOutputStream bytes) {
        return ANSI.matcher(new String(bytes.toByteArray(), StandardCharsets.UTF_8)).replaceAll("")
                .replace("\r", "");
    }

    @Override
    public void close() {
        client.stop();
    }
}
