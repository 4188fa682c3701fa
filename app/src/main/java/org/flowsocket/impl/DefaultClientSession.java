/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.MessageSink;
import org.flowsocket.api.SessionInfo;
import org.flowsocket.impl.command.CommandSession;
import org.flowsocket.impl.protocol.Messages;
import org.flowsocket.impl.stats.StatsRequest;
import org.flowsocket.impl.stats.TrafficStatistics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client's session: its identity, subscriptions, requests in flight and
 * counters. Thread-safe: requests arrive on the transport's thread while
 * replies and events are sent from ONOS's threads.
 */
final class DefaultClientSession implements ClientSession, CommandSession, TrafficStatistics.Subscriber {

    private final String id;
    private final ClientIdentity client;
    private final MessageSink sink;
    private final RequestDispatcher dispatcher;
    private final Consumer<DefaultClientSession> onClose;
    private final long openedMillis = System.currentTimeMillis();

    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final Set<String> inFlightIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong eventSeq = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StatsRequest statsRequest;

    DefaultClientSession(String id, ClientIdentity client, MessageSink sink,
                         RequestDispatcher dispatcher, Consumer<DefaultClientSession> onClose) {
        this.id = id;
        this.client = client;
        this.sink = sink;
        this.dispatcher = dispatcher;
        this.onClose = onClose;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ClientIdentity client() {
        return client;
    }

    @Override
    public void receive(String message) {
        if (!closed.get()) {
            requests.incrementAndGet();
            dispatcher.dispatch(this, message);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            topics.clear();
            statsRequest = null;
            inFlightIds.clear();
            onClose.accept(this);
        }
    }

    /**
     * Closes the client's connection from the server side.
     *
     * @param code   close code
     * @param reason reason phrase
     */
    void disconnect(int code, String reason) {
        if (!closed.get()) {
            sink.close(code, reason);
            close();
        }
    }

    @Override
    public SessionInfo info() {
        return new SessionInfo(id, client, openedMillis, topics, requests.get(), errors.get(),
                               inFlightIds.size());
    }

    @Override
    public Set<String> subscribe(Set<String> names) {
        topics.addAll(names);
        return ImmutableSet.copyOf(topics);
    }

    @Override
    public Set<String> unsubscribe(Set<String> names) {
        topics.removeAll(names);
        return ImmutableSet.copyOf(topics);
    }

    @Override
    public void setStatsRequest(StatsRequest request) {
        statsRequest = request;
    }

    @Override
    public StatsRequest statsRequest() {
        return closed.get() || !topics.contains(TrafficStatistics.TOPIC) ? null : statsRequest;
    }

    // Events come from the event thread and the statistics thread: numbering
    // and queueing together keep each session's sequence in order.
    @Override
    public void sendEvent(Messages.EventFrame event) {
        synchronized (eventSeq) {
            send(event.withSeq(eventSeq.incrementAndGet()), false);
        }
    }

    /**
     * Tells whether the session wants events of a topic.
     *
     * @param topic topic name
     * @return true if subscribed
     */
    boolean isSubscribed(String topic) {
        return topics.contains(topic);
    }

    /**
     * Registers a request as in flight.
     *
     * @param key      the request id's JSON text
     * @param maxInFlight the limit
     * @return null if accepted, or why not
     */
    InFlightRejection admit(String key, int maxInFlight) {
        if (inFlightIds.size() >= maxInFlight) {
            return InFlightRejection.BUSY;
        }
        return inFlightIds.add(key) ? null : InFlightRejection.DUPLICATE_ID;
    }

    /**
     * Marks a request as answered.
     *
     * @param key the request id's JSON text
     */
    void complete(String key) {
        inFlightIds.remove(key);
    }

    /**
     * Sends a message unless the session is closed.
     *
     * @param message JSON text
     * @param isError whether the message is an error reply
     */
    void send(String message, boolean isError) {
        if (!closed.get()) {
            if (isError) {
                errors.incrementAndGet();
            }
            sink.send(message);
        }
    }

    /** Why a request could not be admitted. */
    enum InFlightRejection {
        BUSY, DUPLICATE_ID
    }
}
