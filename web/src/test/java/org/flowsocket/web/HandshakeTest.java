/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import com.google.common.collect.ImmutableSet;
import org.eclipse.jetty.websocket.api.Session;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.Role;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.RawWebSocket;
import org.junit.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Handshake: authentication, role, subprotocol, origin and session cap.
 */
public class HandshakeTest extends ServletTestBase {

    private static final String FOREIGN = "https://evil.example.com";
    private static final String CONSOLE = "https://console.example.net";

    @Test
    public void upgradesWithSubprotocolAndAdminIdentity() throws Exception {
        Session s = connect(adminRequest()).session();
        assertEquals(101, s.getUpgradeResponse().getStatusCode());
        assertEquals(FlowSocketService.PROTOCOL, s.getUpgradeResponse().getAcceptedSubProtocol());

        RecordingService.Recorded session = core.nextSession();
        assertNotNull(session);
        assertEquals(EmbeddedServer.ADMIN, session.client.user());
        assertEquals(Role.ADMIN, session.client.role());
        assertEquals("websocket", session.client.transport());
        assertTrue(session.client.remoteAddress(), session.client.remoteAddress().startsWith("127.0.0.1:"));
    }

    @Test
    public void viewerGetsViewerRole() throws Exception {
        connect(request(EmbeddedServer.VIEWER, EmbeddedServer.VIEWER_PASSWORD));
        RecordingService.Recorded session = core.nextSession();
        assertEquals(EmbeddedServer.VIEWER, session.client.user());
        assertEquals(Role.VIEWER, session.client.role());
    }

    @Test
    public void noSubprotocolOfferedStillUpgrades() throws Exception {
        ClientConfig req = adminRequest().withSubprotocol(null);
        Session s = connect(req).session();
        assertNull(s.getUpgradeResponse().getAcceptedSubProtocol());
    }

    @Test
    public void foreignSubprotocolOnlyIsRefused() throws Exception {
        ClientConfig req = adminRequest().withSubprotocol("flowsocket.v99");
        assertEquals(400, handshakeStatus(req));
        assertTrue(core.all().isEmpty());
    }

    @Test
    public void missingOrWrongCredentialsGet401() throws Exception {
        assertEquals(401, handshakeStatus(request(null, null)));
        assertEquals(401, handshakeStatus(request(EmbeddedServer.ADMIN, "wrong")));
        assertEquals(401, handshakeStatus(request("nobody", EmbeddedServer.ADMIN_PASSWORD)));
        assertTrue("a refused client reached the core", core.all().isEmpty());
    }

    @Test
    public void userWithoutAdminOrViewerRoleGets403() throws Exception {
        assertEquals(403, handshakeStatus(request(EmbeddedServer.STRANGER, EmbeddedServer.STRANGER_PASSWORD)));
        assertTrue(core.all().isEmpty());
    }

    @Test
    public void unsupportedWebSocketVersionGets400AndHoldsNoSlot() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxSessions(1).build());
        try (RawWebSocket raw = raw(EmbeddedServer.basic(
                EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD), 5_000, "8")) {
            fail("upgraded with version 8");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(" 400"));
        }
        assertEquals(0, server.servlet().openConnections());
        connectAdmin(); // the only slot is free
    }

    @Test
    public void foreignOriginGets403() throws Exception {
        ClientConfig req = adminRequest();
        req = req.withOrigin(FOREIGN);
        assertEquals(403, handshakeStatus(req));
        req = req.withOrigin("null");
        assertEquals(403, handshakeStatus(req));
        assertTrue("a refused client reached the core", core.all().isEmpty());
    }

    @Test
    public void sameOriginIsAllowed() throws Exception {
        ClientConfig req = adminRequest();
        req = req.withOrigin("http://127.0.0.1:" + server.port());
        assertEquals(101, handshakeStatus(req));
    }

    @Test
    public void configuredOriginIsAllowedOthersAreNot() throws Exception {
        core.setSettings(ConnectionSettings.builder().allowedOrigins(ImmutableSet.of(CONSOLE)).build());
        ClientConfig req = adminRequest();
        req = req.withOrigin(CONSOLE + ":443");
        assertEquals(101, handshakeStatus(req));
        req = req.withOrigin(FOREIGN);
        assertEquals(403, handshakeStatus(req));
    }

    @Test
    public void wildcardAllowsAnyOrigin() throws Exception {
        core.setSettings(ConnectionSettings.builder().allowedOrigins(ImmutableSet.of("*")).build());
        ClientConfig req = adminRequest();
        req = req.withOrigin(FOREIGN);
        assertEquals(101, handshakeStatus(req));
    }

    @Test
    public void sessionsBeyondTheCapGet503() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxSessions(2).build());
        FlowSocketClient first = connectAdmin();
        connectAdmin();
        assertEquals(503, handshakeStatus(adminRequest()));

        first.session().close();
        assertTrue(eventually(5000, () -> server.servlet().openConnections() == 1));
        connectAdmin();
        assertEquals(2, server.servlet().openConnections());
    }

    @Test
    public void unavailableCoreGets503() throws Exception {
        server.stop();
        server = new EmbeddedServer(new FlowSocketServlet(() -> {
            throw new IllegalStateException("not active");
        }));
        assertEquals(503, handshakeStatus(adminRequest()));
    }

    @Test
    public void plainHttpGetsUpgradeRequired() throws Exception {
        URL url = new URL("http://127.0.0.1:" + server.port() + EmbeddedServer.CONTEXT + "/ws");
        HttpURLConnection http = (HttpURLConnection) url.openConnection();
        http.setRequestProperty("Authorization",
                                EmbeddedServer.basic(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD));
        http.setConnectTimeout((int) TimeUnit.SECONDS.toMillis(5));
        http.setReadTimeout((int) TimeUnit.SECONDS.toMillis(5));
        assertEquals(426, http.getResponseCode());
        http.disconnect();
    }
}
