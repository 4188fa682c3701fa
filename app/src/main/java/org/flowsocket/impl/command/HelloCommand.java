/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.TrafficClass;
import org.flowsocket.impl.codec.FlowRuleJsonCodec;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code Hello}: who the server is, what it speaks and what it allows.
 * The same content greets every new session unasked.
 */
public final class HelloCommand implements Command {

    private final ObjectMapper mapper;
    private final String version;
    private final Supplier<Collection<String>> commands;
    private final Supplier<ConnectionSettings> settings;

    /**
     * Creates the command.
     *
     * @param mapper   JSON mapper
     * @param version  FlowSocket's version
     * @param commands the command names
     * @param settings current connection settings
     */
    public HelloCommand(ObjectMapper mapper, String version, Supplier<Collection<String>> commands,
                        Supplier<ConnectionSettings> settings) {
        this.mapper = mapper;
        this.version = version;
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "Hello";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id");
        return CompletableFuture.completedFuture(describe(session));
    }

    /**
     * Describes the server to a session.
     *
     * @param session the session
     * @return hello content
     */
    public ObjectNode describe(CommandSession session) {
        ObjectNode hello = mapper.createObjectNode();
        hello.put("server", "FlowSocket");
        hello.put("version", version);
        hello.put("protocol", FlowSocketService.PROTOCOL);
        hello.put("session", session.id());
        hello.put("user", session.client().user());
        hello.put("role", session.client().role().name().toLowerCase());
        ArrayNode names = hello.putArray("commands");
        commands.get().stream().sorted().forEach(names::add);
        ArrayNode topics = hello.putArray("topics");
        for (Topic topic : Topic.values()) {
            topics.add(topic.protocolName());
        }
        ConnectionSettings s = settings.get();
        ObjectNode limits = hello.putObject("limits");
        limits.put("maxFrameBytes", s.maxFrameBytes());
        limits.put("maxInFlight", s.maxInFlight());
        limits.put("maxQueuedMessages", s.maxQueuedMessages());
        limits.put("maxQueuedBytes", s.maxQueuedBytes());
        limits.put("idleTimeoutMs", s.idleTimeoutMillis());
        limits.put("pingIntervalMs", s.pingIntervalMillis());
        limits.put("maxBatch", BatchCommand.MAX_BATCH);
        limits.put("maxRulesPerRequest", FlowRuleJsonCodec.MAX_RULES);
        ObjectNode classes = hello.putObject("trafficClasses");
        for (TrafficClass tc : TrafficClass.values()) {
            classes.putObject(tc.protocolName()).put("dscp", tc.dscp()).put("phb", tc.phb())
                    .put("priority", tc.priority());
        }
        return hello;
    }
}
