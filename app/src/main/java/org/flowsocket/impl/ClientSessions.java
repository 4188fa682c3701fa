/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableList;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.MessageSink;
import org.flowsocket.api.SessionInfo;
import org.flowsocket.impl.command.HelloCommand;
import org.flowsocket.impl.protocol.Messages;
import org.slf4j.Logger;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkState;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * The protocol sessions of every front door on this node: each opened with
 * the hello, served by the dispatcher, listed for the admin service, given
 * events by the {@link EventBridge}, and closed when FlowSocket stops.
 */
final class ClientSessions {

    private final Logger log = getLogger(getClass());
    private final Map<String, DefaultClientSession> sessions = new ConcurrentHashMap<>();
    private volatile RequestDispatcher dispatcher;
    private volatile HelloCommand hello;

    /**
     * Starts serving sessions; until then none can open.
     *
     * @param commands the dispatcher of every session's requests
     * @param greeting the hello each new session gets
     */
    void serve(RequestDispatcher commands, HelloCommand greeting) {
        this.dispatcher = commands;
        this.hello = greeting;
    }

    /**
     * Opens a session and greets it.
     *
     * @param client who is connected, and how
     * @param sink   where the session's messages go
     * @return the session
     */
    ClientSession open(ClientIdentity client, MessageSink sink) {
        RequestDispatcher commands = dispatcher;
        checkState(commands != null, "FlowSocket is not serving sessions");
        String id = UUID.randomUUID().toString().substring(0, 8);
        DefaultClientSession session = new DefaultClientSession(id, client, sink, commands,
                                                                s -> sessions.remove(s.id()));
        sessions.put(id, session);
        session.send(commands.render(Messages.hello(hello.describe(session))), false);
        log.info("Session {} opened for {} ({}) from {} over {}", id, client.user(), client.role(),
                 client.remoteAddress(), client.transport());
        return session;
    }

    /** @return the open sessions, oldest first */
    List<SessionInfo> list() {
        return sessions.values().stream().map(DefaultClientSession::info)
                .sorted(Comparator.comparingLong(SessionInfo::openedMillis))
                .collect(ImmutableList.toImmutableList());
    }

    /** @return the open sessions, live */
    Collection<DefaultClientSession> all() {
        return sessions.values();
    }

    /**
     * Closes every session.
     *
     * @param code   WebSocket close code
     * @param reason close reason
     * @return how many were open
     */
    int closeAll(int code, String reason) {
        List<DefaultClientSession> open = ImmutableList.copyOf(sessions.values());
        open.forEach(s -> s.disconnect(code, reason));
        return open.size();
    }
}
