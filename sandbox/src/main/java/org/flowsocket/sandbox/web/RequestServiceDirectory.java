/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.onlab.osgi.ServiceDirectory;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The service directory ONOS's REST resources see. ONOS 2.5.6 keeps one per
 * JVM ({@code BaseResource.services} and {@code AuditFilter.services} are
 * static), as it runs one instance per JVM; a JVM may run more than one
 * sandbox (the benchmark runs one on each store), so a request finds the
 * services of the sandbox whose server received it. Outside a request, the
 * directory of the server created last answers, as the static field alone did.
 */
final class RequestServiceDirectory implements ServiceDirectory {

    /** The one directory, set into ONOS's static fields. */
    static final RequestServiceDirectory INSTANCE = new RequestServiceDirectory();

    private final ThreadLocal<ServiceDirectory> serving = new ThreadLocal<>();
    private volatile ServiceDirectory latest;

    private RequestServiceDirectory() {
    }

    @Override
    public <T> T get(Class<T> serviceClass) {
        ServiceDirectory services = serving.get();
        if (services == null) {
            services = latest;
        }
        if (services == null) {
            throw new IllegalStateException("no sandbox serves ONOS's REST API in this JVM");
        }
        return services.get(serviceClass);
    }

    /**
     * Wraps a server's handler so that the requests it handles see its services.
     *
     * @param services the server's sandbox's services
     * @param handler  the server's handler
     * @return the wrapped handler
     */
    Handler serving(ServiceDirectory services, Handler handler) {
        latest = services;
        HandlerWrapper wrapper = new HandlerWrapper() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request,
                               HttpServletResponse response) throws IOException, ServletException {
                ServiceDirectory outer = serving.get();
                serving.set(services);
                try {
                    super.handle(target, base, request, response);
                } finally {
                    if (outer == null) {
                        serving.remove();
                    } else {
                        serving.set(outer);
                    }
                }
            }
        };
        wrapper.setHandler(handler);
        return wrapper;
    }
}
