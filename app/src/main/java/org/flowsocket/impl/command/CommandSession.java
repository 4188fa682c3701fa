/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import org.flowsocket.api.ClientIdentity;
import org.flowsocket.impl.stats.StatsRequest;

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

    /**
     * Sets what the session asks of the stats topic.
     *
     * @param request its request, or null when it leaves the topic
     */
    void setStatsRequest(StatsRequest request);

    /**
     * Returns what the session asks of the stats topic.
     *
     * @return its request, or null if it is not subscribed to the topic
     */
    StatsRequest statsRequest();
}
