/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.command.Command;
import org.flowsocket.impl.command.CommandSession;
import org.flowsocket.impl.protocol.Messages;
import org.flowsocket.impl.protocol.RequestFields;
import org.flowsocket.impl.protocol.RequestParser;
import org.slf4j.Logger;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Turns request text into exactly one reply: parses and checks the envelope,
 * enforces roles and the in-flight limit, runs the command and renders its
 * result or error.
 */
public final class RequestDispatcher {

    /** Longest request id accepted, in characters. */
    public static final int MAX_ID_LENGTH = Messages.MAX_ID_LENGTH;

    private final Logger log = getLogger(getClass());

    private final ObjectMapper mapper;
    private final RequestParser parser;
    private final Map<String, Command> commands;
    private final Supplier<ConnectionSettings> settings;

    /**
     * Creates a dispatcher.
     *
     * @param mapper   JSON mapper
     * @param commands the commands, by name
     * @param settings current connection settings
     */
    public RequestDispatcher(ObjectMapper mapper, Collection<Command> commands,
                             Supplier<ConnectionSettings> settings) {
        this.mapper = mapper;
        this.parser = new RequestParser(mapper.getNodeFactory());
        this.commands = commands.stream().collect(ImmutableMap.toImmutableMap(Command::name, Function.identity()));
        this.settings = settings;
    }

    /**
     * Returns the command names, for the hello message.
     *
     * @return command names
     */
    public Collection<String> commandNames() {
        return commands.keySet();
    }

    /**
     * Handles one request frame of a session; the reply goes to the session.
     *
     * @param session the session
     * @param text    the frame's text
     */
    void dispatch(DefaultClientSession session, String text) {
        RequestParser.Parsed parsed;
        try {
            parsed = parser.parse(text, settings.get().maxFrameBytes());
        } catch (FlowSocketException e) {
            session.send(render(Messages.error(mapper, null, null, e)), true);
            return;
        }
        ObjectNode request = parsed.request();
        JsonNode id = request.get(Messages.ID);
        String type = request.path(Messages.TYPE).isTextual() ? request.get(Messages.TYPE).asText() : null;
        String key;
        try {
            if (parsed.refusal() != null) {
                throw parsed.refusal(); // the id is echoed if it was read and is valid
            }
            key = checkEnvelope(request);
        } catch (FlowSocketException e) {
            session.send(render(Messages.error(mapper, validIdOrNull(id), type, e)), true);
            return;
        }
        DefaultClientSession.InFlightRejection rejection = session.admit(key, settings.get().maxInFlight());
        if (rejection != null) {
            session.send(render(Messages.error(mapper, id, type, rejectionError(rejection, key))), true);
            return;
        }
        execute(RequestFields.of(request), session).whenComplete((reply, error) -> {
            session.complete(key);
            String rendered = render(reply);
            boolean isError = Messages.isError(reply);
            int budget = settings.get().maxQueuedBytes();
            if (rendered.length() > budget) {
                // A reply the connection could never hold is not queued at all.
                rendered = render(Messages.error(mapper, id, type, new FlowSocketException(ErrorCode.TOO_LARGE,
                        "the reply would be " + rendered.length() + " characters, more than maxQueuedBytes ("
                                + budget + "); ask for fewer items (limit, smaller batches)")));
                isError = true;
            }
            session.send(rendered, isError);
        });
    }

    /**
     * Runs one request whose envelope has been checked and returns its reply
     * message. The future never fails: errors become error replies.
     *
     * @param request the request
     * @param session the requesting session
     * @return future reply
     */
    public CompletableFuture<ObjectNode> execute(RequestFields request, CommandSession session) {
        JsonNode id = request.node().get(Messages.ID);
        String type = request.node().path(Messages.TYPE).asText();
        CompletableFuture<JsonNode> result;
        try {
            Command command = commands.get(type);
            if (command == null) {
                throw new FlowSocketException(ErrorCode.UNKNOWN_COMMAND, "unknown command '"
                        + Messages.abbreviate(type, Messages.MAX_ECHOED_TYPE) + "'; known commands are "
                        + commands.keySet(), Messages.TYPE, null);
            }
            if (command.mutating() && !session.client().role().mayModify()) {
                throw FlowSocketException.forbidden(session.client().user(), type);
            }
            result = command.execute(request, session);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((value, error) -> error == null
                ? Messages.ok(mapper, id, type, value)
                : Messages.error(mapper, id, type, Failures.typed(error, type)));
    }

    /**
     * Checks the {@code id} and {@code type} of a request.
     *
     * @param request the request
     * @return the id's JSON text, the key for in-flight bookkeeping
     */
    String checkEnvelope(ObjectNode request) {
        JsonNode id = request.get(Messages.ID);
        if (id == null || id.isNull()) {
            throw FlowSocketException.missing(Messages.ID);
        }
        if (!Messages.isValidId(id)) {
            throw FlowSocketException.invalid(Messages.ID, Messages.ID_RULE);
        }
        JsonNode type = request.get(Messages.TYPE);
        if (type == null || type.isNull()) {
            throw FlowSocketException.missing(Messages.TYPE);
        }
        if (!type.isTextual()) {
            throw FlowSocketException.invalid(Messages.TYPE, "must be a string naming a command");
        }
        return id.toString();
    }

    private JsonNode validIdOrNull(JsonNode id) {
        try {
            ObjectNode probe = mapper.createObjectNode();
            probe.set(Messages.ID, id);
            probe.put(Messages.TYPE, "");
            checkEnvelope(probe);
            return id;
        } catch (FlowSocketException e) {
            return null;
        }
    }

    private FlowSocketException rejectionError(DefaultClientSession.InFlightRejection rejection, String key) {
        if (rejection == DefaultClientSession.InFlightRejection.BUSY) {
            return new FlowSocketException(ErrorCode.BUSY, "too many requests in flight (at most "
                    + settings.get().maxInFlight() + "); wait for replies before sending more");
        }
        return new FlowSocketException(ErrorCode.DUPLICATE_ID, "a request with id " + key
                + " is still in flight on this connection", Messages.ID, null);
    }

    /**
     * Renders a message as JSON text.
     *
     * @param message the message
     * @return JSON text
     */
    String render(JsonNode message) {
        return Messages.render(mapper, message);
    }
}
