/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketAdapter;
import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;

import java.net.URI;

/**
 * The ceiling of the transport alone: a Jetty 9.4 WebSocket endpoint on
 * loopback, the same Jetty as the sandbox's, that sends each text frame back
 * as it came, with no parsing and no ONOS. It greets a connection with a
 * FlowSocket-like hello and selects {@code flowsocket.v1}, so that the
 * benchmark's client connects to it as to FlowSocket.
 */
final class EchoServer implements AutoCloseable {

    private static final String HELLO = "{\"kind\":\"hello\",\"server\":\"echo\"}";
    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    EchoServer() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new WebSocketServlet() {
            @Override
            public void configure(WebSocketServletFactory factory) {
                factory.getPolicy().setMaxTextMessageSize(MAX_FRAME);
                factory.getPolicy().setMaxTextMessageBufferSize(MAX_FRAME);
                factory.getPolicy().setIdleTimeout(600_000);
                factory.setCreator((req, resp) -> {
                    resp.setAcceptedSubProtocol("flowsocket.v1");
                    return new Echo();
                });
            }
        }), "/echo");
        server.setHandler(context);
        server.start();
    }

    /** @return the endpoint's ws:// URI */
    URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/echo");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class Echo extends WebSocketAdapter {
        @Override
        public void onWebSocketConnect(Session session) {
            super.onWebSocketConnect(session);
            session.getRemote().sendStringByFuture(HELLO);
        }

        @Override
        public void onWebSocketText(String message) {
            Session s = getSession();
            if (s != null && s.isOpen()) {
                s.getRemote().sendStringByFuture(message);
            }
        }
    }
}
