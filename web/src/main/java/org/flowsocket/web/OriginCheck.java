/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a handshake's {@code Origin} may open a socket.
 * <p>
 * Browsers attach the user's credentials to a cross-site WebSocket handshake
 * and do not apply the same-origin policy to WebSockets, so a page on another
 * site could drive the socket in the user's name (cross-site WebSocket
 * hijacking, as in CVE-2017-1000080 against ONOS's GUI socket). Only the
 * server's own origin and the configured ones are accepted. Requests without
 * an {@code Origin} header come from non-browser clients, which cannot be
 * tricked that way, and are accepted.
 */
final class OriginCheck {

    /** Allows every origin when present in the allowed set. */
    static final String ANY = "*";

    private OriginCheck() {
    }

    /**
     * Tells whether the origin may connect.
     *
     * @param origin  value of the Origin header, or null when absent
     * @param host    value of the Host header, or null
     * @param secure  whether the handshake came over TLS
     * @param allowed configured extra origins; {@value #ANY} allows all
     * @return true if the handshake may proceed
     */
    static boolean isAllowed(String origin, String host, boolean secure, Set<String> allowed) {
        if (origin == null || allowed.contains(ANY)) {
            return true;
        }
        String normalized = normalize(origin);
        if (normalized == null) {
            // "null" (sandboxed frames, file: pages) or garbage: only by '*'
            return false;
        }
        if (host != null && normalized.equals(normalize((secure ? "https://" : "http://") + host))) {
            return true;
        }
        for (String a : allowed) {
            if (normalized.equals(normalize(a))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns {@code scheme://host:port} in lower case with the scheme's
     * default port made explicit, or null if the text is no such origin.
     *
     * @param text origin text
     * @return normalized origin or null
     */
    static String normalize(String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port < 0) {
                port = defaultPort(scheme);
            }
            if (port < 0) {
                return null;
            }
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int defaultPort(String scheme) {
        switch (scheme) {
            case "http":
                return 80;
            case "https":
                return 443;
            default:
                return -1;
        }
    }
}
