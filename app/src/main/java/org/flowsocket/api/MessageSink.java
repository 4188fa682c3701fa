/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

/**
 * Receives what the core sends to one client. Implementations must not
 * block: they queue the message or drop the client.
 */
public interface MessageSink {

    /**
     * Delivers a reply or an event.
     *
     * @param message JSON text
     */
    void send(String message);

    /**
     * Ends the client's connection from the server side, for example when
     * the application is deactivated.
     *
     * @param code   WebSocket close code (RFC 6455)
     * @param reason short reason phrase
     */
    void close(int code, String reason);
}
