/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.google.common.collect.ImmutableSortedSet;

import java.util.Set;

import static com.google.common.base.MoreObjects.toStringHelper;

/**
 * Immutable snapshot of one session, as listed by the CLI.
 */
public final class SessionInfo {

    private final String id;
    private final ClientIdentity client;
    private final long openedMillis;
    private final Set<String> topics;
    private final long requests;
    private final long errors;
    private final int inFlight;

    /**
     * Creates a session snapshot.
     *
     * @param id           session id
     * @param client       client identity
     * @param openedMillis when the session was opened (epoch ms)
     * @param topics       subscribed topics
     * @param requests     requests received so far
     * @param errors       error replies sent so far
     * @param inFlight     requests not yet answered
     */
    public SessionInfo(String id, ClientIdentity client, long openedMillis, Set<String> topics,
                       long requests, long errors, int inFlight) {
        this.id = id;
        this.client = client;
        this.openedMillis = openedMillis;
        this.topics = ImmutableSortedSet.copyOf(topics);
        this.requests = requests;
        this.errors = errors;
        this.inFlight = inFlight;
    }

    /** @return session id */
    public String id() {
        return id;
    }

    /** @return client identity */
    public ClientIdentity client() {
        return client;
    }

    /** @return when the session was opened, epoch milliseconds */
    public long openedMillis() {
        return openedMillis;
    }

    /** @return subscribed topics, sorted */
    public Set<String> topics() {
        return topics;
    }

    /** @return number of requests received */
    public long requests() {
        return requests;
    }

    /** @return number of error replies sent */
    public long errors() {
        return errors;
    }

    /** @return number of requests not yet answered */
    public int inFlight() {
        return inFlight;
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("id", id).add("client", client).add("topics", topics)
                .add("requests", requests).add("errors", errors).add("inFlight", inFlight).toString();
    }
}
