/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.servlet.ServletUpgradeRequest;
import org.eclipse.jetty.websocket.servlet.ServletUpgradeResponse;
import org.eclipse.jetty.websocket.servlet.WebSocketCreator;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Accepts or refuses a WebSocket handshake that the container has already
 * authenticated: core availability, origin, subprotocol and session cap.
 */
final class HandshakeHandler implements WebSocketCreator {

    /** Transport name reported in client identities. */
    static final String TRANSPORT = "websocket";

    /** Container role that maps to {@link Role#ADMIN}. */
    static final String ADMIN_ROLE = "admin";

    /** The only WebSocket version (RFC 6455) Jetty 9.4 speaks. */
    private static final String SUPPORTED_VERSION = "13";

    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

    private final Supplier<FlowSocketService> services;
    private final SessionRegistry registry;
    private final ScheduledExecutorService timer;

    /**
     * Creates a handshake handler.
     *
     * @param services finds the command core, or throws if it is not active
     * @param registry the servlet's endpoints
     * @param timer    shared timer for pings and timeouts
     */
    HandshakeHandler(Supplier<FlowSocketService> services, SessionRegistry registry,
                     ScheduledExecutorService timer) {
        this.services = services;
        this.registry = registry;
        this.timer = timer;
    }

    @Override
    public Object createWebSocket(ServletUpgradeRequest req, ServletUpgradeResponse resp) {
        try {
            return accept(req, resp);
        } catch (IOException e) {
            log.debug("Cannot answer the handshake of {}", req.getRemoteAddress(), e);
            return null;
        }
    }

    private Object accept(ServletUpgradeRequest req, ServletUpgradeResponse resp) throws IOException {
        FlowSocketService service = lookup();
        if (service == null) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "FlowSocket is not active");
            return null;
        }
        ConnectionSettings settings = service.connectionSettings();

        // Cross-site WebSocket hijacking (CVE-2017-1000080 hit ONOS's GUI
        // socket): browsers send the user's credentials with a handshake
        // started by any site, so a foreign Origin must be refused.
        boolean secure = req.getHttpServletRequest().isSecure();
        if (!OriginCheck.isAllowed(req.getHeader("Origin"), req.getHeader("Host"),
                                   secure, settings.allowedOrigins())) {
            log.info("Refused handshake from {}: origin {} not allowed",
                     req.getRemoteAddress(), req.getHeader("Origin"));
            resp.sendForbidden("Origin not allowed");
            return null;
        }

        // Checked here too (Jetty checks after this creator) so that a
        // refused upgrade never holds a session slot.
        if (!SUPPORTED_VERSION.equals(req.getHeader("Sec-WebSocket-Version"))) {
            resp.setHeader("Sec-WebSocket-Version", SUPPORTED_VERSION);
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "Unsupported WebSocket version");
            return null;
        }

        if (!req.getSubProtocols().isEmpty()) {
            if (!req.hasSubProtocol(FlowSocketService.PROTOCOL)) {
                resp.sendError(HttpServletResponse.SC_BAD_REQUEST,
                               "Unsupported subprotocol; offer " + FlowSocketService.PROTOCOL);
                return null;
            }
            resp.setAcceptedSubProtocol(FlowSocketService.PROTOCOL);
        }

        // The container's security constraint authenticated the request;
        // without a principal it is not protected, so fail closed.
        Principal principal = req.getUserPrincipal();
        if (principal == null) {
            resp.sendForbidden("Not authenticated");
            return null;
        }
        boolean admin = req.isUserInRole(ADMIN_ROLE);
        ClientIdentity client = ClientIdentity.builder()
                .user(principal.getName())
                .role(admin ? Role.ADMIN : Role.VIEWER)
                .remoteAddress(remoteAddress(req))
                .transport(TRANSPORT)
                .build();

        SocketEndpoint endpoint = new SocketEndpoint(service, client, settings, registry, timer);
        SessionRegistry.Refusal refusal = registry.reserve(endpoint, principal.getName(),
                String.valueOf(req.getRemoteAddress()), admin, settings);
        if (refusal != null) {
            refuse(req, resp, refusal, principal.getName());
            return null;
        }
        endpoint.startHandshakeTimer();
        return endpoint;
    }

    /** HTTP status of a handshake refused by a per-user or per-address cap. */
    static final int SC_TOO_MANY_REQUESTS = 429;

    // The node-wide cap answers 503 (the server is full); the per-user and
    // per-address caps answer 429 (this client has enough sessions).
    private static void refuse(ServletUpgradeRequest req, ServletUpgradeResponse resp,
                               SessionRegistry.Refusal refusal, String user) throws IOException {
        switch (refusal) {
            case USER_FULL:
                log.info("Refused handshake of {} from {}: session cap per user reached", user,
                         req.getRemoteAddress());
                resp.sendError(SC_TOO_MANY_REQUESTS, "Too many sessions for this user");
                break;
            case ADDRESS_FULL:
                log.info("Refused handshake of {} from {}: session cap per address reached", user,
                         req.getRemoteAddress());
                resp.sendError(SC_TOO_MANY_REQUESTS, "Too many sessions from this address");
                break;
            case SHUTTING_DOWN:
                resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "FlowSocket is stopping");
                break;
            default:
                log.info("Refused handshake of {} from {}: session cap reached", user, req.getRemoteAddress());
                resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Too many sessions");
                break;
        }
    }

    private FlowSocketService lookup() {
        try {
            return services.get();
        } catch (RuntimeException e) {
            log.debug("FlowSocket service unavailable", e);
            return null;
        }
    }

    private static String remoteAddress(ServletUpgradeRequest req) {
        String address = req.getRemoteAddress();
        if (address == null) {
            return "";
        }
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + req.getRemotePort();
    }
}
