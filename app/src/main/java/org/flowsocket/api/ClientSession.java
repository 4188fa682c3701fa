/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

/**
 * One client's conversation with the command core.
 */
public interface ClientSession {

    /**
     * Returns the session identifier, unique on this node.
     *
     * @return session id
     */
    String id();

    /**
     * Handles one request message. Never blocks on the network: the reply
     * (exactly one per request) is delivered to the session's sink, possibly
     * from another thread and possibly after replies to later requests.
     *
     * @param message JSON text of the request
     */
    void receive(String message);

    /**
     * Ends the session: drops its subscriptions and discards replies to
     * requests still in flight. Idempotent.
     */
    void close();

    /**
     * Returns a snapshot of this session's state.
     *
     * @return session information
     */
    SessionInfo info();
}
