/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Opens {@link FlowSocketClient} connections: the WebSocket handshake, the
 * check of the selected subprotocol and the wait for the hello, each with a
 * deadline.
 */
public final class FlowSocketClients {

    // Wait for a handshake or a hello.
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);

    private FlowSocketClients() {
    }

    /**
     * Starts a handshake; the client is returned once the upgrade succeeded,
     * before the hello (see {@link FlowSocketClient#hello()}).
     *
     * @param jetty  started Jetty WebSocket client (shared by connections)
     * @param uri    FlowSocket's ws:// URI
     * @param config credentials, subprotocol and headers
     * @return future client, failed with Jetty's exception (e.g. an
     *         {@code UpgradeException} with the refusal's status) if the handshake fails
     */
    public static CompletableFuture<FlowSocketClient> connectAsync(WebSocketClient jetty, URI uri,
                                                                   ClientConfig config) {
        FlowSocketClient client = new FlowSocketClient(config);
        CompletableFuture<FlowSocketClient> result = new CompletableFuture<>();
        try {
            Future<Session> f = jetty.connect(client.inbound(), uri, config.upgradeRequest());
            CompletableFuture.runAsync(() -> {
                try {
                    f.get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    result.complete(client);
                } catch (ExecutionException e) {
                    result.completeExceptionally(e.getCause());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Connects, checks the server selected the offered subprotocol and waits for the hello.
     *
     * @param jetty  started Jetty WebSocket client
     * @param uri    FlowSocket's ws:// URI
     * @param config credentials, subprotocol and headers
     * @return connected client
     * @throws Exception if the handshake fails or no hello comes
     */
    public static FlowSocketClient connect(WebSocketClient jetty, URI uri, ClientConfig config) throws Exception {
        FlowSocketClient c = connectAsync(jetty, uri, config).get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        String offered = config.upgradeRequest().getHeader("Sec-WebSocket-Protocol");
        if (offered != null && !offered.equals(c.subprotocol())) {
            c.close();
            throw new AssertionError("server did not select " + offered);
        }
        c.hello().get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    /**
     * Completes a handshake on a Jetty client of its own, stopped by
     * {@link FlowSocketClient#close()}; does not wait for the hello.
     *
     * @param uri    FlowSocket's ws:// URI
     * @param config credentials, subprotocol and headers
     * @return connected client
     * @throws Exception if the handshake fails (a refused upgrade included)
     */
    public static FlowSocketClient open(URI uri, ClientConfig config) throws Exception {
        WebSocketClient jetty = new WebSocketClient();
        jetty.start();
        try {
            FlowSocketClient c = connectAsync(jetty, uri, config).get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            c.ownJetty(jetty);
            return c;
        } catch (Exception e) {
            jetty.stop();
            throw e;
        }
    }
}
