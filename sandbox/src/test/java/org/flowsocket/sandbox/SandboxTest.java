/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.ProtocolContract;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.device.DeviceService;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The whole sandbox: FlowSocket's own component on the real core, its servlet
 * on the sandbox's Jetty, reached over a real WebSocket with BASIC auth.
 */
public class SandboxTest {

    private static Sandbox sandbox;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeClass
    public static void setUp() throws Exception {
        sandbox = Sandbox.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .topology(NetworkSpec.linear(2))
                .start();
    }

    @AfterClass
    public static void tearDown() {
        sandbox.close();
    }

    @Test
    public void flowSocketRunsOnTheCore() {
        assertTrue("FlowSocket component active", sandbox.flowSocketService().isPresent());
        assertEquals(2, sandbox.core().get(DeviceService.class).getDeviceCount());
    }

    @Test
    public void webSocketHandshakeGreetsTheUser() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder()
                .header("Authorization", basic("onos", "rocks"))
                .subprotocols("flowsocket.v1")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(sandbox.web().webSocketUri(), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        assertEquals("flowsocket.v1", ws.getSubprotocol());
        JsonNode hello = new ObjectMapper().readTree(first.get(5, TimeUnit.SECONDS));
        assertTrue(hello.toString(), hello.toString().contains("flowsocket.v1"));
        assertEquals("the hello keeps the contract (docs/schema)", Optional.empty(),
                     ProtocolContract.get().serverMessageViolation(hello));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    public void webSocketNeedsCredentials() throws Exception {
        try {
            http.newWebSocketBuilder().subprotocols("flowsocket.v1")
                    .buildAsync(sandbox.web().webSocketUri(), new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS);
            fail("handshake without credentials succeeded");
        } catch (ExecutionException e) {
            assertTrue(e.getCause().toString(), e.getCause() instanceof WebSocketHandshakeException);
            assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
