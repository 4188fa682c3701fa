/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import com.google.common.collect.ImmutableSet;
import org.junit.Test;

import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Origin rule: own origin, configured origins, wildcard, no header.
 */
public class OriginCheckTest {

    private static final Set<String> NONE = ImmutableSet.of();

    @Test
    public void noOriginHeaderIsAllowed() {
        assertTrue(OriginCheck.isAllowed(null, "onos:8181", false, NONE));
    }

    @Test
    public void ownOriginIsAllowed() {
        assertTrue(OriginCheck.isAllowed("http://onos:8181", "onos:8181", false, NONE));
        assertTrue(OriginCheck.isAllowed("HTTP://ONOS:8181", "onos:8181", false, NONE));
        assertTrue(OriginCheck.isAllowed("https://onos", "onos:443", true, NONE));
        assertTrue(OriginCheck.isAllowed("http://[::1]:8181", "[::1]:8181", false, NONE));
    }

    @Test
    public void otherPortSchemeOrHostIsForeign() {
        assertFalse(OriginCheck.isAllowed("http://onos:8080", "onos:8181", false, NONE));
        assertFalse(OriginCheck.isAllowed("https://onos:8181", "onos:8181", false, NONE));
        assertFalse(OriginCheck.isAllowed("http://evil.example:8181", "onos:8181", false, NONE));
        assertFalse(OriginCheck.isAllowed("http://onos.evil.example:8181", "onos:8181", false, NONE));
        assertFalse(OriginCheck.isAllowed("null", "onos:8181", false, NONE));
        assertFalse(OriginCheck.isAllowed("not a url", "onos:8181", false, NONE));
    }

    @Test
    public void configuredOriginsAndWildcard() {
        Set<String> allowed = ImmutableSet.of("https://console.example.net");
        assertTrue(OriginCheck.isAllowed("https://console.example.net:443", "onos:8181", false, allowed));
        assertFalse(OriginCheck.isAllowed("http://console.example.net", "onos:8181", false, allowed));
        assertTrue(OriginCheck.isAllowed("null", "onos:8181", false, ImmutableSet.of("*")));
    }

    @Test
    public void normalizesDefaultPortsAndCase() {
        assertEquals("https://a.example:443", OriginCheck.normalize("HTTPS://A.Example"));
        assertEquals("http://a.example:80", OriginCheck.normalize("http://a.example/"));
        assertNull(OriginCheck.normalize("ftp://a.example"));
        assertNull(OriginCheck.normalize("null"));
    }
}
