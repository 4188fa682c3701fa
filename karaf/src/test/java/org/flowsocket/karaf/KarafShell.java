/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
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

    private static String clean(ByteArrayOutputStream bytes) {
        return ANSI.matcher(new String(bytes.toByteArray(), StandardCharsets.UTF_8)).replaceAll("")
                .replace("\r", "");
    }

    @Override
    public void close() {
        client.stop();
    }
}
