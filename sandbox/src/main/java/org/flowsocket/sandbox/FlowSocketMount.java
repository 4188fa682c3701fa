/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.flowsocket.api.FlowSocketService;
import org.flowsocket.impl.FlowSocketManager;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.flowsocket.sandbox.web.SandboxWebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.Filter;
import javax.servlet.Servlet;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place where FlowSocket itself joins the sandbox: its DS component,
 * {@link FlowSocketManager}, is wired into the core like any ONOS manager
 * (from its own DS descriptor,
 * {@code OSGI-INF/org.flowsocket.impl.FlowSocketManager.xml} in the app
 * bundle), and its servlet {@value #SERVLET_CLASS}, built around the
 * {@code FlowSocketService} that component provides, is mounted at
 * {@code /onos/flowsocket/ws}, with the web bundle's static console at
 * {@code /onos/flowsocket/}.
 * <p>
 * FlowSocket's web module is a Web Application Bundle: in its jar the classes
 * sit under {@code WEB-INF/classes}, where a servlet container (pax-web in
 * ONOS) looks for them. When the servlet is not visible at the class path's
 * root, it is loaded the same way, by a class loader over that folder whose
 * parent is the sandbox's own (which has FlowSocket's API, ONOS and Jetty).
 */
public final class FlowSocketMount {

    private static final Logger log = LoggerFactory.getLogger(FlowSocketMount.class);

    /** FlowSocket's core component. */
    public static final String MANAGER_CLASS = FlowSocketManager.class.getName();
    /** FlowSocket's service interface. */
    public static final String SERVICE_CLASS = "org.flowsocket.api.FlowSocketService";
    /** FlowSocket's WebSocket servlet. */
    public static final String SERVLET_CLASS = "org.flowsocket.web.FlowSocketServlet";

    /** FlowSocket's error page servlet, declared in its web.xml. */
    public static final String ERROR_PAGE_CLASS = "org.flowsocket.web.ErrorPage";
    /** FlowSocket's security headers filter, declared in its web.xml. */
    public static final String HEADERS_FILTER_CLASS = "org.flowsocket.web.SecurityHeaders";

    private static final String WAB_CLASSES = "WEB-INF/classes/";

    private FlowSocketMount() {
    }

    /**
     * Activates FlowSocket's component in the runtime.
     *
     * @param runtime the sandbox's component runtime
     * @return the FlowSocketService it provides
     * @throws IllegalStateException if the component cannot be activated
     *                               (e.g. a service it needs is missing)
     */
    public static Optional<Object> startManager(ComponentRuntime runtime) {
        runtime.start(new FlowSocketManager(), FlowSocketService.class);
        return runtime.services().findByName(SERVICE_CLASS);
    }

    /**
     * Mounts FlowSocket's servlet, if it is on the class path. The servlet
     * looks the FlowSocketService up in the registry at each handshake, as in
     * ONOS it looks it up in the service directory: while FlowSocket's
     * component is not active, handshakes get 503.
     *
     * @param web      the web server (not started yet)
     * @param services the registry FlowSocket's component registers its service in
     * @return true if mounted
     */
    public static boolean mountServlet(SandboxWebServer web, ServiceRegistry services) {
        Optional<Class<?>> servlet = load(SERVLET_CLASS).or(() -> loadFromWab(SERVLET_CLASS));
        Optional<Class<?>> serviceType = load(SERVICE_CLASS);
        if (servlet.isEmpty() || serviceType.isEmpty()) {
            log.warn("{} is not on the class path: {} is not served", SERVLET_CLASS,
                    SandboxWebServer.FLOWSOCKET_PATH + SandboxWebServer.WEBSOCKET_PATH);
            return false;
        }
        try {
            Supplier<Object> lookup = () -> services.findByName(SERVICE_CLASS)
                    .orElseThrow(() -> new IllegalStateException("FlowSocket is not active"));
            Constructor<?> c = servlet.get().getConstructor(Supplier.class);
            web.mountWebSocket((Servlet) c.newInstance(lookup));
            ClassLoader wab = servlet.get().getClassLoader();
            web.mountErrorPageAndHeaders(
                    (Servlet) wab.loadClass(ERROR_PAGE_CLASS).getDeclaredConstructor().newInstance(),
                    (Filter) wab.loadClass(HEADERS_FILTER_CLASS).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + SERVLET_CLASS, e);
        }
        mountConsole(web);
        return true;
    }

    // The web console is the WAB's static content, beside WEB-INF/ at the
    // bundle's root; a container serves it from there, and so does the sandbox.
    private static void mountConsole(SandboxWebServer web) {
        Optional<URL> root = wabRoot(SERVLET_CLASS);
        if (root.isEmpty()) {
            log.info("FlowSocket's web bundle is not on the class path as a WAB: the web console is not served");
            return;
        }
        try {
            URL page = new URL(root.get(), SandboxWebServer.CONSOLE_PAGE.substring(1));
            page.openStream().close();
            web.mountConsole(root.get());
        } catch (IOException e) {
            log.info("FlowSocket's web bundle has no console ({}): it is not served", e.toString());
        }
    }

    // The root of the WAB whose WEB-INF/classes holds the class.
    private static Optional<URL> wabRoot(String className) {
        String path = WAB_CLASSES + className.replace('.', '/') + ".class";
        URL url = FlowSocketMount.class.getClassLoader().getResource(path);
        if (url == null) {
            return Optional.empty();
        }
        String s = url.toString();
        try {
            return Optional.of(new URL(s.substring(0, s.length() - path.length())));
        } catch (MalformedURLException e) {
            return Optional.empty();
        }
    }

    // Loads a class from the WEB-INF/classes folder of a WAB on the class path.
    private static Optional<Class<?>> loadFromWab(String name) {
        ClassLoader parent = FlowSocketMount.class.getClassLoader();
        String path = name.replace('.', '/') + ".class";
        URL url = parent.getResource(WAB_CLASSES + path);
        if (url == null) {
            return Optional.empty();
        }
        String s = url.toString();
        try {
            URL base = new URL(s.substring(0, s.length() - path.length()));
            ClassLoader wab = new URLClassLoader(new URL[]{base}, parent);
            log.debug("Loading {} from {}", name, base);
            return Optional.of(Class.forName(name, true, wab));
        } catch (MalformedURLException | ClassNotFoundException | LinkageError e) {
            log.warn("Cannot load {} from {}: {}", name, s, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, FlowSocketMount.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
