/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

/**
 * The transport-independent command core of FlowSocket.
 * <p>
 * Every front door (the WebSocket servlet, the GUI overlay, the CLI) opens a
 * session for each client, hands it the client's text messages and receives
 * replies and events through the {@link MessageSink} it supplied.
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
