/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.flowsocket.testkit.RawWebSocket;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * Starts the servlet in a real embedded Jetty with a recording core, and a
 * real Jetty WebSocket client, for each test.
 */
public abstract class ServletTestBase {

    /** How long a test waits for the next message. */
    protected static final Duration MESSAGE_WAIT = Duration.ofSeconds(5);

    @Rule
    public Timeout timeout = Timeout.seconds(60);

    protected RecordingService core;
    protected EmbeddedServer server;
    protected WebSocketClient client;

    @Before
    public void startServer() throws Exception {
        core = new RecordingService();
        core.setSettings(initialSettings());
        server = new EmbeddedServer(new FlowSocketServlet(core));
        client = new WebSocketClient();
        client.start();
    }

    @After
    public void stopServer() throws Exception {
        client.stop();
        server.stop();
        core.shutdown();
    }

    /**
     * Returns the settings the core reports when the server starts.
     *
     * @return settings
     */
    protected ConnectionSettings initialSettings() {
        return ConnectionSettings.DEFAULT;
    }

    /**
     * Returns a handshake with the admin's credentials and the subprotocol.
     *
     * @return handshake
     */
    protected static ClientConfig adminRequest() {
        return request(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
    }

    protected static ClientConfig request(String user, String password) {
        ClientConfig config = user == null ? ClientConfig.anonymous() : ClientConfig.basic(user, password);
        // RecordingService answers Echo and Delay, not flowsocket.v1: no frame is checked against docs/schema/.
        return config.withSubprotocol(FlowSocketService.PROTOCOL).withoutContractCheck();
    }

    /**
     * Connects and fails the test unless the upgrade succeeds and the core's
     * hello arrives.
     *
     * @param req handshake
     * @return the open connection
     * @throws Exception on failure
     */
    protected FlowSocketClient connect(ClientConfig req) throws Exception {
        FlowSocketClient c = FlowSocketClients.connectAsync(client, server.wsUri(), req).get(10, TimeUnit.SECONDS);
        String hello = c.nextMessage(MESSAGE_WAIT);
        assertNotNull("no hello", hello);
        assertTrue(hello, hello.contains("\"Hello\""));
        return c;
    }

    protected FlowSocketClient connectAdmin() throws Exception {
        return connect(adminRequest());
    }

    /**
     * Opens a raw socket that offers no subprotocol.
     *
     * @param authorization     Authorization header value
     * @param readTimeoutMillis how long a read waits
     * @param version           Sec-WebSocket-Version to send
     * @return the upgraded socket
     * @throws IOException if the upgrade is refused
     */
    protected RawWebSocket raw(String authorization, int readTimeoutMillis, String version) throws IOException {
        return new RawWebSocket(server.wsUri(), RawWebSocket.Options.of(authorization).withoutSubprotocol()
                .withReadTimeout(readTimeoutMillis).withVersion(version).withoutContractCheck());
    }

    protected RawWebSocket raw(String authorization, int readTimeoutMillis) throws IOException {
        return raw(authorization, readTimeoutMillis, "13");
    }

    /**
     * Attempts a handshake and returns its HTTP status: 101 on success (the
     * socket is then closed), otherwise the refusal's status.
     *
     * @param req handshake
     * @return HTTP status
     * @throws Exception if the attempt fails without a status
     */
    protected int handshakeStatus(ClientConfig req) throws Exception {
        try {
            Session s = FlowSocketClients.connectAsync(client, server.wsUri(), req).get(10, TimeUnit.SECONDS)
                    .session();
            int status = s.getUpgradeResponse().getStatusCode();
            s.close();
            return status;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeException) {
                return ((UpgradeException) e.getCause()).getResponseStatusCode();
            }
            throw e;
        }
    }

    protected static String echo(String id) {
        return "{\"type\":\"Echo\",\"id\":\"" + id + "\"}";
    }

    protected static String delay(String id, long ms) {
        return "{\"type\":\"Delay\",\"id\":\"" + id + "\",\"ms\":" + ms + "}";
    }

    protected static String idOf(String reply) {
        int start = reply.indexOf("\"id\":\"") + 6;
        return reply.substring(start, reply.indexOf('"', start));
    }

    /**
     * Polls a condition every 10 ms until it holds or the time runs out.
     *
     * @param millis    longest wait
     * @param condition condition
     * @return whether the condition held
     * @throws InterruptedException if interrupted
     */
    protected static boolean eventually(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
