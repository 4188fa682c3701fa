/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.servlet.DefaultServlet;
import org.eclipse.jetty.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.security.Credential;
import org.glassfish.jersey.servlet.ServletContainer;
import org.onlab.osgi.ServiceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.Servlet;
import java.lang.reflect.Field;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.EnumSet;

/**
 * Embedded Jetty serving ONOS's own REST API (onos-rest's Jersey resources) at
 * {@value #REST_PATH} and FlowSocket's WebSocket endpoint and web console under
 * {@value #FLOWSOCKET_PATH}, all behind HTTP BASIC in the realm
 * {@value #REALM} with roles {@code admin} and {@code viewer}, as onos-rest's
 * and FlowSocket's web.xml declare.
 * <p>
 * The REST resources look services up through {@code BaseResource}'s
 * {@link ServiceDirectory}; it is pointed at the sandbox's registry, the way
 * ONOS's own REST tests point it at theirs ({@link RequestServiceDirectory}:
 * at the registry of the sandbox the request came to).
 */
public final class SandboxWebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebServer.class);

    /** Authentication realm (Karaf's, as ONOS uses). */
    public static final String REALM = "karaf";
    /** Context path of ONOS's REST API. */
    public static final String REST_PATH = "/onos/v1";
    /** Context path of FlowSocket's web application. */
    public static final String FLOWSOCKET_PATH = "/onos/flowsocket";
    /** FlowSocket's WebSocket endpoint within its context. */
    public static final String WEBSOCKET_PATH = "/ws";
    /** FlowSocket's web console page within its context. */
    public static final String CONSOLE_PAGE = "/index.html";
    /** Folder of the web console's scripts and styles within its context. */
    public static final String CONSOLE_ASSETS = "/console";
    /** FlowSocket's error page within its context, as its web.xml maps it. */
    public static final String ERROR_PAGE = "/error";
    /** Context path of the sandbox's own control API (administrators only). */
    public static final String CONTROL_PATH = "/sandbox";
    /** Default port, ONOS's. */
    public static final int DEFAULT_PORT = 8181;

    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler flowSocketContext;
    private final ServletContextHandler controlContext;
    private final String host;

    /**
     * Creates the server.
     *
     * @param bind     address and port (port 0 picks a free one)
     * @param users    users allowed in
     * @param services service directory for ONOS's REST resources
     */
    public SandboxWebServer(InetSocketAddress bind, SandboxUsers users, ServiceDirectory services) {
        useServiceDirectory();
        this.host = bind.getHostString();
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(bind.getHostString());
        connector.setPort(bind.getPort());
        server.addConnector(connector);

        LoginService login = loginService(users);
        server.addBean(login);

        ServletContextHandler rest = new ServletContextHandler(ServletContextHandler.SESSIONS
                | ServletContextHandler.SECURITY);
        rest.setContextPath(REST_PATH);
        rest.setSecurityHandler(basicAuth(login, SandboxUsers.ADMIN, SandboxUsers.VIEWER));
        ServletHolder jersey = new ServletHolder("JAX-RS Service", ServletContainer.class);
        jersey.setInitParameter("javax.ws.rs.Application",
                "org.onosproject.rest.resources.CoreWebApplication");
        // No WADL: it needs JAXB, which JDK 17 does not ship.
        jersey.setInitParameter("jersey.config.server.wadl.disableWadl", "true");
        jersey.setInitOrder(1);
        rest.addServlet(jersey, "/*");

        flowSocketContext = new ServletContextHandler(ServletContextHandler.SESSIONS
                | ServletContextHandler.SECURITY);
        flowSocketContext.setContextPath(FLOWSOCKET_PATH);
        flowSocketContext.setSecurityHandler(basicAuth(login, SandboxUsers.ADMIN, SandboxUsers.VIEWER));

        controlContext = new ServletContextHandler(ServletContextHandler.SECURITY);
        controlContext.setContextPath(CONTROL_PATH);
        controlContext.setSecurityHandler(basicAuth(login, SandboxUsers.ADMIN));

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(rest);
        contexts.addHandler(flowSocketContext);
        contexts.addHandler(controlContext);
        server.setHandler(RequestServiceDirectory.INSTANCE.serving(services, contexts));
        server.setStopAtShutdown(false);
    }

    /**
     * Mounts FlowSocket's WebSocket servlet at {@value #FLOWSOCKET_PATH}{@value #WEBSOCKET_PATH}.
     * Call before {@link #start()}.
     *
     * @param servlet the servlet
     */
    public void mountWebSocket(Servlet servlet) {
        ServletHolder holder = new ServletHolder("FlowSocket WebSocket", servlet);
        holder.setInitOrder(1);
        flowSocketContext.addServlet(holder, WEBSOCKET_PATH);
    }

    /**
     * Mounts what FlowSocket's web.xml declares besides the WebSocket servlet:
     * its security headers filter on every request and its error page
     * ({@value #ERROR_PAGE}) for every status and exception. The REST context
     * keeps Jetty's default error handler, as ONOS's REST API has.
     * Call before {@link #start()}.
     *
     * @param errorPage       FlowSocket's error page servlet
     * @param securityHeaders FlowSocket's security headers filter
     */
    public void mountErrorPageAndHeaders(Servlet errorPage, Filter securityHeaders) {
        flowSocketContext.addFilter(new FilterHolder(securityHeaders), "/*", EnumSet.of(DispatcherType.REQUEST));
        flowSocketContext.addServlet(new ServletHolder("FlowSocket error page", errorPage), ERROR_PAGE);
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, ERROR_PAGE);
        errors.addErrorPage(Throwable.class, ERROR_PAGE);
        flowSocketContext.setErrorHandler(errors);
    }

    /**
     * Serves FlowSocket's web console, the static files of its Web Application
     * Bundle, at {@value #FLOWSOCKET_PATH}/ (welcome file {@value #CONSOLE_PAGE})
     * and {@value #FLOWSOCKET_PATH}{@value #CONSOLE_ASSETS}/, behind the same
     * BASIC authentication as the WebSocket. Only those paths are mapped: the
     * bundle's root may be the executable jar's, which holds everything else.
     * Call before {@link #start()}.
     *
     * @param wabRoot URL of the bundle's root (a folder or a jar: URL)
     * @throws IOException if the root cannot be read
     */
    public void mountConsole(URL wabRoot) throws IOException {
        flowSocketContext.setBaseResource(Resource.newResource(wabRoot));
        flowSocketContext.setWelcomeFiles(new String[]{CONSOLE_PAGE.substring(1)});
        ServletHolder files = new ServletHolder("FlowSocket console", DefaultServlet.class);
        files.setInitParameter("dirAllowed", "false");
        files.setInitParameter("redirectWelcome", "false");
        files.setInitParameter("etags", "true");
        flowSocketContext.addServlet(files, "");
        flowSocketContext.addServlet(files, CONSOLE_PAGE);
        flowSocketContext.addServlet(files, CONSOLE_ASSETS + "/*");
    }

    /**
     * Mounts a servlet of the sandbox's control API at
     * {@value #CONTROL_PATH}{@code <path>}, for administrators only.
     *
     * @param path    path within the control API, e.g. {@code /traffic/*}
     * @param servlet the servlet
     */
    public void mountControl(String path, Servlet servlet) {
        controlContext.addServlet(new ServletHolder(servlet), path);
    }

    /** @return base URI of the sandbox's control API */
    public URI controlUri() {
        return URI.create(baseUri() + CONTROL_PATH);
    }

    /**
     * Starts listening.
     *
     * @throws Exception if Jetty cannot start (e.g. the port is taken)
     */
    public void start() throws Exception {
        server.start();
        log.info("Web server listening on {}", baseUri());
    }

    /** @return the port listened on */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return base URI, e.g. http://127.0.0.1:8181 */
    public URI baseUri() {
        String h = host == null || host.isEmpty() || host.equals("0.0.0.0") ? "localhost" : host;
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + port());
    }

    /** @return URI of ONOS's REST API */
    public URI restUri() {
        return URI.create(baseUri() + REST_PATH);
    }

    /** @return URI of FlowSocket's web console */
    public URI consoleUri() {
        return URI.create(baseUri() + FLOWSOCKET_PATH + "/");
    }

    /** @return URI of FlowSocket's WebSocket endpoint */
    public URI webSocketUri() {
        return URI.create(baseUri().toString().replaceFirst("^http", "ws") + FLOWSOCKET_PATH + WEBSOCKET_PATH);
    }

    /**
     * Stops the server. FlowSocket's context goes first, as when its bundle
     * stops: its servlet closes every connection with 1001. Jetty's
     * {@code Server.stop()} closes connections before it stops contexts, and
     * a WebSocket closed that way gets a close frame without a code (1005).
     */
    @Override
    public void close() {
        try {
            flowSocketContext.stop();
        } catch (Exception e) {
            log.warn("Stopping FlowSocket's web context failed", e);
        }
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("Stopping the web server failed", e);
        }
    }

    private static LoginService loginService(SandboxUsers users) {
        UserStore store = new UserStore();
        users.list().forEach(u -> store.addUser(u.name(), Credential.getCredential(u.password()),
                u.roles().toArray(new String[0])));
        HashLoginService login = new HashLoginService(REALM);
        login.setUserStore(store);
        return login;
    }

    private static ConstraintSecurityHandler basicAuth(LoginService login, String... roles) {
        Constraint constraint = new Constraint(Constraint.__BASIC_AUTH,
                SandboxUsers.ADMIN);
        constraint.setRoles(roles);
        constraint.setAuthenticate(true);
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setConstraint(constraint);
        mapping.setPathSpec("/*");
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setAuthenticator(new BasicAuthenticator());
        security.setRealmName(REALM);
        security.setLoginService(login);
        security.addConstraintMapping(mapping);
        return security;
    }

    // ONOS's REST resources and audit filter find services through a static
    // ServiceDirectory that, outside OSGi, finds nothing; point them at the
    // one that finds the services of the sandbox a request came to.
    private static void useServiceDirectory() {
        setStatic("org.onlab.rest.BaseResource", "services", RequestServiceDirectory.INSTANCE);
        setStatic("org.onosproject.rest.resources.AuditFilter", "services", RequestServiceDirectory.INSTANCE);
    }

    private static void setStatic(String className, String fieldName, Object value) {
        try {
            Field f = Class.forName(className).getDeclaredField(fieldName);
            f.setAccessible(true);
            f.set(null, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot set " + className + "." + fieldName, e);
        }
    }
}
