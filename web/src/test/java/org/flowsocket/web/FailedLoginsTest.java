/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.flowsocket.api.ConnectionSettings;
import org.junit.Test;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The failed-login limit per address: off by default, as ONOS's REST API;
 * when set, an address over it gets 429 for right and wrong credentials
 * alike until its minute ends. Also: error pages carry no stack traces and
 * a malformed BASIC header is an authentication failure (401).
 */
public class FailedLoginsTest extends ServletTestBase {

    private HttpURLConnection get(String authorization) throws Exception {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port()
                + EmbeddedServer.CONTEXT + "/ws").openConnection();
        if (authorization != null) {
            http.setRequestProperty("Authorization", authorization);
        }
        return http;
    }

    private static String body(HttpURLConnection http) throws Exception {
        http.getResponseCode(); // connects
        return new String(http.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String wrong() {
        return EmbeddedServer.basic(EmbeddedServer.ADMIN, "wrong");
    }

    private static String right() {
        return EmbeddedServer.basic(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
    }

    @Test
    public void offByDefault() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(401, get(wrong()).getResponseCode());
        }
        assertEquals(426, get(right()).getResponseCode());
    }

    @Test
    public void anAddressOverTheLimitIsRefusedWhateverItsCredentials() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxFailedLoginsPerMinute(3).build());
        assertEquals("no credentials is not a failed login", 401, get(null).getResponseCode());
        for (int i = 0; i < 2; i++) {
            assertEquals(401, get(wrong()).getResponseCode());
        }
        HttpURLConnection third = get(wrong());
        assertEquals(429, third.getResponseCode());
        assertNotNull(third.getHeaderField("Retry-After"));
        assertTrue(body(third), body(get(wrong())).startsWith("429 Too many failed logins"));
        HttpURLConnection rightOnes = get(right());
        assertEquals("right credentials are refused alike", 429, rightOnes.getResponseCode());
        assertEquals("DENY", rightOnes.getHeaderField("X-Frame-Options"));
        assertEquals(429, handshakeStatus(adminRequest()));
        assertTrue(core.all().isEmpty());
    }

    @Test
    public void malformedBasicHeadersAre401WithoutStackTraces() throws Exception {
        for (String header : new String[]{"Basic !!!", "Basic  b25vczpyb2Nrcw==", "Basic \u00e9"}) {
            HttpURLConnection http = get(header);
            assertEquals(header, 401, http.getResponseCode());
            assertEquals("Basic realm=\"karaf\"", http.getHeaderField("WWW-Authenticate"));
            String body = body(http);
            assertTrue(header + ": " + body, body.startsWith("401 "));
            assertFalse(header + ": " + body, body.contains("Exception") || body.contains("\tat "));
        }
    }

    @Test
    public void windowsEndAfterAMinute() {
        AtomicLong now = new AtomicLong(1_000_000);
        FailedLogins logins = new FailedLogins(() -> 2, now::get);
        logins.failed("10.0.0.1");
        assertFalse(logins.isBlocked("10.0.0.1"));
        logins.failed("10.0.0.1");
        assertTrue(logins.isBlocked("10.0.0.1"));
        assertFalse("other addresses are not affected", logins.isBlocked("10.0.0.2"));
        assertEquals(60, logins.retryAfterSeconds("10.0.0.1"));
        now.addAndGet(FailedLogins.WINDOW_MILLIS);
        assertFalse(logins.isBlocked("10.0.0.1"));
        logins.failed("10.0.0.1");
        assertFalse("a new window starts from zero", logins.isBlocked("10.0.0.1"));
    }
}
