/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.flowsocket.sandbox.web.SandboxUsers;
import org.onosproject.net.DeviceId;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The sandbox (simulated linear,3, default users, a free loopback port) with
 * its network's admin API reachable over HTTP on another loopback port, so
 * that a browser scenario can take a switch down and up as a network would:
 * {@code POST /device-down?id=of:0000000000000003} and {@code /device-up}.
 * Run on the class path of the sandbox's executable jar; it prints the lines
 * {@link SandboxProcess} waits for.
 */
public final class ControlledSandbox {

    static final String CONTROL_LINE = "Sandbox control: ";

    private ControlledSandbox() {
    }

    /**
     * Starts the sandbox and its control endpoint; both stop with the JVM.
     *
     * @param args none
     * @throws Exception if the sandbox cannot start
     */
    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Sandbox sandbox = Sandbox.builder()
                .bind(new InetSocketAddress(loopback, 0))
                .topology(NetworkSpec.parse("linear,3"))
                .users(SandboxUsers.defaults())
                .start();
        SimulatedNetwork network = sandbox.network();
        HttpServer control = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        control.createContext("/device-down", ex -> device(ex, id -> network.deviceDown(id)));
        control.createContext("/device-up", ex -> device(ex, id -> network.deviceUp(id)));
        control.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            sandbox.close();
        }, "sandbox-shutdown"));
        System.out.println("  FlowSocket:    " + sandbox.web().webSocketUri());
        System.out.println(CONTROL_LINE + "http://127.0.0.1:" + control.getAddress().getPort());
        System.out.println(SandboxProcess.READY);
        System.out.flush();
    }

    private interface DeviceAction {
        void apply(DeviceId id);
    }

    // Answers 204 once the network has acted; 405 for anything but POST, 400 for a bad or unknown id.
    private static void device(HttpExchange exchange, DeviceAction action) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            try {
                if (query == null || !query.startsWith("id=")) {
                    throw new IllegalArgumentException("the query must be id=<device id>");
                }
                action.apply(DeviceId.deviceId(query.substring(3)));
                exchange.sendResponseHeaders(204, -1);
            } catch (RuntimeException e) {
                byte[] body = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }
}
