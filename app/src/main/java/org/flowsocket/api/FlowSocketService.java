/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

/**
 * FlowSocket's protocol, independent of the transport: a front door that
 * speaks it (the WebSocket servlet) opens a session for each client, hands
 * it the client's text messages and receives replies and events through the
 * {@link MessageSink} it supplied. Java callers use the typed services
 * instead ({@link QosFlowService}, {@link FlowSocketNodeService},
 * {@link FlowSocketAdminService}).
 */
public interface FlowSocketService {

    /** ONOS application name. */
    String APP_NAME = "org.flowsocket.app";

    /** Protocol name, also offered as the WebSocket subprotocol. */
    String PROTOCOL = "flowsocket.v1";

    /**
     * Opens a session for a client. The core immediately sends a hello
     * message to the sink.
     *
     * @param client who the client is and how it reached us
     * @param sink   where replies and events for this client go
     * @return the new session
     */
    ClientSession openSession(ClientIdentity client, MessageSink sink);

    /**
     * Returns the connection limits and access rules front doors enforce,
     * as currently configured.
     *
     * @return connection settings
     */
    ConnectionSettings connectionSettings();
}
