/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.security.Credential;

import javax.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A real Jetty 9.4 on an ephemeral loopback port, secured in code the way
 * {@code WEB-INF/web.xml} declares it: BASIC auth, realm {@code karaf},
 * every path for roles {@code admin} and {@code viewer}.
 */
final class EmbeddedServer {

    static final String CONTEXT = "/onos/flowsocket";
    static final String ADMIN = "onos";
    static final String ADMIN_PASSWORD = "rocks";
    static final String VIEWER = "guest";
    static final String VIEWER_PASSWORD = "watch";
    static final String STRANGER = "stranger";
    static final String STRANGER_PASSWORD = "other";

    private final Server server = new Server();
    private final ServletContextHandler context;
    private final FlowSocketServlet servlet;

    EmbeddedServer(FlowSocketServlet servlet) throws Exception {
        this.servlet = servlet;
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        context = new ServletContextHandler(ServletContextHandler.SECURITY);
        context.setContextPath(CONTEXT);
        context.setSecurityHandler(security());
        ServletHolder ws = new ServletHolder(servlet);
        ws.setInitOrder(1);
        context.addServlet(ws, "/ws");
        // As web.xml declares: the headers filter and the error page.
        context.addFilter(SecurityHeaders.class, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new ErrorPage()), ErrorPage.PATH);
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, ErrorPage.PATH);
        errors.addErrorPage(Throwable.class, ErrorPage.PATH);
        context.setErrorHandler(errors);
        server.setHandler(context);
        server.start();
    }

    private static ConstraintSecurityHandler security() {
        UserStore users = new UserStore();
        users.addUser(ADMIN, Credential.getCredential(ADMIN_PASSWORD), new String[]{"admin"});
        users.addUser(VIEWER, Credential.getCredential(VIEWER_PASSWORD), new String[]{"viewer"});
        users.addUser(STRANGER, Credential.getCredential(STRANGER_PASSWORD), new String[]{"other"});
        HashLoginService realm = new HashLoginService("karaf");
        realm.setUserStore(users);

        Constraint constraint = new Constraint();
        constraint.setName("FlowSocket");
        constraint.setAuthenticate(true);
        constraint.setRoles(new String[]{"admin", "viewer"});
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setPathSpec("/*");
        mapping.setConstraint(constraint);

        ConstraintSecurityHandler handler = new ConstraintSecurityHandler();
        handler.setAuthenticator(new BasicAuthenticator());
        handler.setRealmName("karaf");
        handler.setLoginService(realm);
        handler.addConstraintMapping(mapping);
        return handler;
    }

    /** @return port the server listens on */
    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** @return WebSocket URI of the servlet */
    URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port() + CONTEXT + "/ws");
    }

    /** @return the servlet under test */
    FlowSocketServlet servlet() {
        return servlet;
    }

    /**
     * Stops the web context, as pax-web does when the bundle stops: the
     * container calls the servlet's destroy().
     *
     * @throws Exception if stopping fails
     */
    void stopContext() throws Exception {
        context.stop();
    }

    void stop() throws Exception {
        server.stop();
    }

    static String basic(String user, String password) {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
