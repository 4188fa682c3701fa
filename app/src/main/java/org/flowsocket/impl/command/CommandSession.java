/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import org.flowsocket.api.ClientIdentity;

import java.util.Set;

/**
 * What a command may know and change of the session that sent it.
 */
public interface CommandSession {

    /**
     * Returns the session id.
     *
     * @return id
     */
    String id();

    /**
     * Returns who the client is.
     *
     * @return identity
     */
    ClientIdentity client();

    /**
     * Adds topics to the session's subscriptions.
     *
     * @param topics topic names
     * @return all topics now subscribed
     */
    Set<String> subscribe(Set<String> topics);

    /**
     * Removes topics from the session's subscriptions.
     *
     * @param topics topic names
     * @return all topics still subscribed
     */
    Set<String> unsubscribe(Set<String> topics);
}
