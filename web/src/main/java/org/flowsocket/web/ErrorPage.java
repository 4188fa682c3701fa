/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.DispatcherType;
import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The error page of FlowSocket's web application: a short plain-text status
 * line, never an exception or stack trace, with the security headers.
 * <p>
 * Jetty's BASIC authenticator (9.4, as pax-web runs it in ONOS 2.5) throws
 * on an Authorization header that is not valid base64 and the container then
 * answers 500; such a request is an authentication failure, so this page
 * turns it into 401 with the realm's challenge.
 */
public final class ErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Path of this page within the web application. */
    public static final String PATH = "/error";

    /** HTTP status of requests refused by a limit. */
    static final int SC_TOO_MANY_REQUESTS = 429;

    /** Message of the failed-login limit's refusals. */
    static final String TOO_MANY_FAILED_LOGINS = "Too many failed logins from this address; retry later";

    /** Realm named in the BASIC challenge, as web.xml declares. */
    static final String REALM = "karaf";

    private static final Logger log = LoggerFactory.getLogger(ErrorPage.class);

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getDispatcherType() != DispatcherType.ERROR) {
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            write(req, resp, HttpServletResponse.SC_NOT_FOUND, "Not Found");
            return;
        }
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer ? (Integer) code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Throwable failure = (Throwable) req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        boolean malformed = failure != null && isMalformedBasic(req.getHeader("Authorization"));
        if ((malformed || status == HttpServletResponse.SC_UNAUTHORIZED) && req.getHeader("Authorization") != null
                && overFailedLoginLimit(req, resp)) {
            return;
        }
        if (malformed) {
            log.info("Refused a malformed Authorization header from {}", req.getRemoteAddr());
            status = HttpServletResponse.SC_UNAUTHORIZED;
            resp.setStatus(status);
            resp.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            write(req, resp, status, "Unauthorized: malformed Authorization header");
            return;
        }
        if (failure != null) {
            log.warn("{} {} failed: {}", req.getMethod(), req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                     failure.toString());
        }
        write(req, resp, status, reason(status));
    }

    // Counts a failed login; once the address is over its limit, answers 429
    // for wrong credentials too, as the filter does for right ones.
    private static boolean overFailedLoginLimit(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        FailedLogins logins = (FailedLogins) req.getServletContext().getAttribute(FailedLogins.ATTRIBUTE);
        if (logins == null) {
            return false;
        }
        String address = req.getRemoteAddr();
        logins.failed(address);
        if (!logins.isBlocked(address)) {
            return false;
        }
        log.info("Refusing {}: too many failed logins", address);
        resp.setStatus(SC_TOO_MANY_REQUESTS);
        resp.setHeader("WWW-Authenticate", null);
        resp.setHeader("Retry-After", String.valueOf(logins.retryAfterSeconds(address)));
        SecurityHeaders.apply(resp);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().print(SC_TOO_MANY_REQUESTS + " " + TOO_MANY_FAILED_LOGINS + "\n");
        return true;
    }

    /**
     * Tells whether an Authorization header claims BASIC credentials that
     * are not valid base64 of {@code user:password}.
     *
     * @param header Authorization header, may be null
     * @return true if malformed BASIC credentials
     */
    static boolean isMalformedBasic(String header) {
        if (header == null) {
            return false;
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!"basic".equals(scheme.toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(space + 1)),
                                        StandardCharsets.ISO_8859_1);
            return decoded.indexOf(':') < 0;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return true;
        }
    }

    private static String reason(int status) {
        switch (status) {
            case HttpServletResponse.SC_BAD_REQUEST:
                return "Bad Request";
            case HttpServletResponse.SC_UNAUTHORIZED:
                return "Unauthorized";
            case HttpServletResponse.SC_FORBIDDEN:
                return "Forbidden";
            case HttpServletResponse.SC_NOT_FOUND:
                return "Not Found";
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED:
                return "Method Not Allowed";
            case 426:
                return "Upgrade Required: connect with a WebSocket client";
            case HttpServletResponse.SC_SERVICE_UNAVAILABLE:
                return "Service Unavailable";
            case SC_TOO_MANY_REQUESTS:
                return "Too Many Requests";
            default:
                return status >= 500 ? "Server Error" : "Error";
        }
    }

    // A message given with sendError is shown (servlets and the container
    // set those, never from an exception); after an exception only the
    // status's reason is.
    private static void write(HttpServletRequest req, HttpServletResponse resp, int status, String fallback)
            throws IOException {
        Object message = req.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        boolean useMessage = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null
                && message != null && !message.toString().isBlank() && message.toString().length() <= 200;
        SecurityHeaders.apply(resp);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().print(status + " " + (useMessage ? message : fallback) + "\n");
    }
}
