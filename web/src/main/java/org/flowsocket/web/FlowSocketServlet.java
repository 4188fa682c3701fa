/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;
import org.flowsocket.api.FlowSocketService;
import org.onlab.osgi.DefaultServiceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * FlowSocket's WebSocket endpoint, mounted at {@code /onos/flowsocket/ws}.
 * <p>
 * The container authenticates the handshake (HTTP BASIC, Karaf realm, see
 * {@code WEB-INF/web.xml}); this servlet checks the origin and the session
 * cap, then carries text frames between each client and its session in the
 * command core. It holds no ONOS logic.
 */
public class FlowSocketServlet extends WebSocketServlet {

    private static final long serialVersionUID = 1L;

    /** Name of the one timer thread shared by all connections. */
    public static final String TIMER_THREAD_NAME = "flowsocket-ws-timer";

    /** Longest wait in {@link #destroy()} for clients to answer the close. */
    static final long SHUTDOWN_WAIT_MILLIS = 3_000;

    private static final Logger log = LoggerFactory.getLogger(FlowSocketServlet.class);

    private final transient Supplier<FlowSocketService> services;
    private transient SessionRegistry registry;
    private transient ScheduledThreadPoolExecutor timer;

    /**
     * Creates the servlet as the container does: the command core is looked
     * up in ONOS's service directory at each handshake.
     */
    public FlowSocketServlet() {
        this(() -> DefaultServiceDirectory.getService(FlowSocketService.class));
    }

    /**
     * Creates the servlet around a given command core, for embedded use.
     *
     * @param service command core
     */
    public FlowSocketServlet(FlowSocketService service) {
        this(supplierOf(service));
    }

    /**
     * Creates the servlet with a lookup of the command core, for embedded use.
     * The supplier is called at each handshake and may throw while the core
     * is unavailable; handshakes then get 503.
     *
     * @param services supplier of the command core
     */
    public FlowSocketServlet(Supplier<FlowSocketService> services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    private static Supplier<FlowSocketService> supplierOf(FlowSocketService service) {
        Objects.requireNonNull(service, "service");
        return () -> service;
    }

    @Override
    public void configure(WebSocketServletFactory factory) {
        registry = new SessionRegistry();
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, TIMER_THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        getServletContext().setAttribute(FailedLogins.ATTRIBUTE,
                new FailedLogins(this::failedLoginLimit, System::currentTimeMillis));
        factory.setCreator(new HandshakeHandler(services, registry, timer));
    }

    // The current limit; none while the command core is unavailable.
    private int failedLoginLimit() {
        try {
            return services.get().connectionSettings().maxFailedLoginsPerMinute();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Answers plain HTTP requests: only WebSocket upgrades are served here.
     */
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Upgrade", "websocket");
        resp.sendError(426, "WebSocket upgrade required; subprotocol " + FlowSocketService.PROTOCOL);
    }

    /**
     * Returns the number of connections, including accepted handshakes.
     *
     * @return open connection count
     */
    public int openConnections() {
        SessionRegistry r = registry;
        return r == null ? 0 : r.size();
    }

    /**
     * Closes every connection with 1001 (after flushing what was queued for
     * it), ends the core's sessions and stops the shared timer.
     */
    @Override
    public void destroy() {
        try {
            getServletContext().removeAttribute(FailedLogins.ATTRIBUTE);
            closeAll();
        } finally {
            stopTimer();
            super.destroy();
        }
    }

    private void closeAll() {
        SessionRegistry r = registry;
        if (r == null) {
            return;
        }
        r.shutDown().forEach(SocketEndpoint::shutdown);
        try {
            if (r.awaitEmpty(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        r.shutDown().forEach(SocketEndpoint::disconnect);
    }

    private void stopTimer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            return;
        }
        t.shutdownNow();
        try {
            if (!t.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("Timer thread did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
