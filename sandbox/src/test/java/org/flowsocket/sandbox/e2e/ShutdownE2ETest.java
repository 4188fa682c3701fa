/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import org.eclipse.jetty.websocket.api.UpgradeException;
import org.eclipse.jetty.websocket.api.WebSocketAdapter;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.flowsocket.sandbox.FlowSocketMount;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.flowsocket.testkit.FlowSocketClient.WAIT;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Open connections when FlowSocket stops: deactivating its component (as
 * {@code onos-app deactivate} does) or stopping the whole sandbox closes
 * every client with 1001 (going away). A fresh sandbox per test.
 */
public class ShutdownE2ETest {

    private E2eSandbox env;

    @Before
    public void setUp() throws Exception {
        env = E2eSandbox.start();
    }

    @After
    public void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    public void deactivatingTheComponentClosesClientsWith1001AndRefusesNewOnesWith503() throws Exception {
        FlowSocketClient admin = env.admin();
        FlowSocketClient viewer = env.connect("viewer", "viewer");
        viewer.ok("{'type':'Subscribe','topics':['devices','flows']}");
        ComponentRuntime runtime = env.sandbox.core().runtime();
        assertEquals(Optional.of(ComponentRuntime.State.ACTIVE), runtime.state(FlowSocketMount.MANAGER_CLASS));
        runtime.deactivate(FlowSocketMount.MANAGER_CLASS);
        assertEquals(Optional.of(ComponentRuntime.State.INACTIVE), runtime.state(FlowSocketMount.MANAGER_CLASS));

        for (FlowSocketClient c : List.of(admin, viewer)) {
            assertEquals(1001, c.awaitClose(WAIT));
            assertEquals("FlowSocket is stopping", c.closeReason());
            assertFalse(c.isOpen());
            assertEquals(List.of(), c.problems());
        }
        assertEquals(503, handshakeStatus("onos", "rocks"));
        // ONOS itself goes on: its REST API still answers.
        assertEquals(3, env.rest("/devices").path("devices").size());
    }

    @Test
    public void stoppingTheSandboxClosesClientsWith1001() throws Exception {
        FlowSocketClient admin = env.admin();
        FlowSocketClient viewer = env.connect("viewer", "viewer");
        admin.ok("{'type':'Subscribe','topics':['flows']}");
        env.sandbox.close();
        for (FlowSocketClient c : List.of(admin, viewer)) {
            assertEquals(1001, c.awaitClose(WAIT));
            assertTrue(c.closeReason(), c.closeReason().contains("shutting down"));
        }
    }

    // Status of a handshake the server refuses (fails if it is accepted).
    private int handshakeStatus(String user, String password) throws Exception {
        ClientUpgradeRequest request = ClientConfig.basic(user, password).upgradeRequest();
        try {
            env.jetty().connect(new WebSocketAdapter(), env.webSocketUri(), request).get(10, TimeUnit.SECONDS)
                    .close();
            fail("handshake accepted");
            return 101;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UpgradeException)) {
                throw e;
            }
            return ((UpgradeException) e.getCause()).getResponseStatusCode();
        }
    }
}
