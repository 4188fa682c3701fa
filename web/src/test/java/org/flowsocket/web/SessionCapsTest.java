/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.api.Session;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.testkit.FlowSocketClients;
import org.junit.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Session caps per user and per remote address, and the admins' reserve: a
 * single user cannot take every session of the node and lock admins out.
 */
public class SessionCapsTest extends ServletTestBase {

    private Session connectViewer() throws Exception {
        return FlowSocketClients.connectAsync(client, server.wsUri(),
                                              request(EmbeddedServer.VIEWER, EmbeddedServer.VIEWER_PASSWORD))
                .get(10, TimeUnit.SECONDS).session();
    }

    private int viewerStatus() throws Exception {
        return handshakeStatus(request(EmbeddedServer.VIEWER, EmbeddedServer.VIEWER_PASSWORD));
    }

    @Test
    public void oneUserGetsAtMostItsShareAndThen429() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxSessionsPerUser(2).build());
        Session first = connectViewer();
        connectViewer();
        assertEquals(429, viewerStatus());
        // Another user is not affected.
        connectAdmin();
        first.close();
        assertTrue(eventually(5000, () -> server.servlet().openConnections() == 2));
        connectViewer();
    }

    @Test
    public void viewersCannotTakeTheAdminsReserve() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxSessions(4).adminReservedSessions(2).build());
        connectViewer();
        connectViewer();
        assertEquals("the rest is kept for admins", 503, viewerStatus());
        connectAdmin();
        connectAdmin();
        assertEquals(503, handshakeStatus(adminRequest()));
    }

    @Test
    public void oneAddressGetsAtMostItsShare() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxSessionsPerAddress(2).build());
        connectViewer();
        connectAdmin();
        assertEquals(429, handshakeStatus(adminRequest()));
        assertEquals(429, viewerStatus());
        assertEquals(2, server.servlet().openConnections());
    }
}
