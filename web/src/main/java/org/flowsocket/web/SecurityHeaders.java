/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Adds the headers that keep FlowSocket's pages from being framed, sniffed
 * or made to run foreign scripts, on every response of its web application:
 * the console's files, the WebSocket endpoint's refusals and error pages.
 * The console is an admin tool that acts with the browser's stored
 * credentials, so a page of another origin must not frame it (clickjacking).
 */
public final class SecurityHeaders implements Filter {

    /**
     * The console's policy: its own scripts, styles and WebSocket only; no
     * inline code, no plugins, no framing by any page.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    /**
     * Sets the headers on a response.
     *
     * @param response response not yet committed
     */
    static void apply(HttpServletResponse response) {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to configure
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse) {
            HttpServletResponse http = (HttpServletResponse) response;
            apply(http);
            // Requests that passed authentication: refused all the same while
            // the address is over its failed-login limit (see ErrorPage).
            FailedLogins logins = (FailedLogins) request.getServletContext().getAttribute(FailedLogins.ATTRIBUTE);
            String address = request.getRemoteAddr();
            if (logins != null && logins.isBlocked(address)) {
                http.setHeader("Retry-After", String.valueOf(logins.retryAfterSeconds(address)));
                http.sendError(ErrorPage.SC_TOO_MANY_REQUESTS, ErrorPage.TOO_MANY_FAILED_LOGINS);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
