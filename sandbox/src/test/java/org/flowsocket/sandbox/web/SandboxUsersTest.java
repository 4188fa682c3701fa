/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Users file format. */
public class SandboxUsersTest {

    @Test
    public void parsesRealmProperties() {
        SandboxUsers users = SandboxUsers.parse(List.of("# comment", "", "alice: secret, admin",
                "bob = pw, viewer"), "test");
        assertEquals(2, users.list().size());
        assertTrue(users.users().get("alice").isAdmin());
        assertTrue("admin implies viewer", users.users().get("alice").roles().contains("viewer"));
        assertFalse(users.users().get("bob").isAdmin());
        assertEquals("pw", users.users().get("bob").password());
    }

    @Test
    public void defaults() {
        SandboxUsers users = SandboxUsers.defaults();
        assertEquals("rocks", users.users().get("onos").password());
        assertFalse(users.users().get("viewer").isAdmin());
    }

    @Test
    public void rejectsUsersWithoutOnosRole() {
        try {
            SandboxUsers.parse(List.of("eve: pw, manager"), "test");
            fail("accepted a user without role");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("test:1"));
        }
    }
}
