/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.util.concurrent.MoreExecutors;
import org.onosproject.cluster.ClusterService;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.cluster.messaging.MessageSubject;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Passes ONOS's rule events to FlowSocket on the other nodes of the cluster.
 * ONOS raises them on the node mastering the rule's device only (ONOS 2.5.6
 * ECFlowRuleStore returns RULE_ADDED and RULE_REMOVED to FlowRuleManager on
 * the master, and the batch requests behind RULE_ADD_REQUESTED and
 * RULE_REMOVE_REQUESTED are raised there too), so the node that hears one
 * sends it, rendered, to every other node, whose subscribers then see it as
 * well.
 */
final class RuleEventRelay {

    static final MessageSubject SUBJECT = new MessageSubject("flowsocket-rule-events");

    private static final String EVENT = "event";
    private static final String DATA = "data";

    private final Logger log = getLogger(getClass());
    private final ClusterCommunicationService communicator;
    private final ClusterService clusterService;
    private final ObjectMapper mapper;

    /**
     * Creates the relay.
     *
     * @param communicator   ONOS's cluster messaging
     * @param clusterService ONOS's cluster membership
     * @param mapper         JSON mapper
     */
    RuleEventRelay(ClusterCommunicationService communicator, ClusterService clusterService, ObjectMapper mapper) {
        this.communicator = communicator;
        this.clusterService = clusterService;
        this.mapper = mapper;
    }

    /**
     * Tells whether the cluster has other nodes to send events to.
     *
     * @return true unless this node is alone
     */
    boolean hasPeers() {
        return clusterService.getNodes().size() > 1;
    }

    /**
     * Starts receiving the events other nodes heard.
     *
     * @param receiver takes each event's type and data, on ONOS's messaging thread
     */
    void start(BiConsumer<String, JsonNode> receiver) {
        communicator.<ObjectNode>addSubscriber(SUBJECT, this::decode,
                message -> receiver.accept(message.path(EVENT).asText(), message.path(DATA)),
                MoreExecutors.directExecutor());
    }

    /** Stops receiving. */
    void stop() {
        communicator.removeSubscriber(SUBJECT);
    }

    /**
     * Sends an event this node heard to the other nodes.
     *
     * @param type the event's type
     * @param data the event's data
     */
    void send(String type, JsonNode data) {
        ObjectNode message = mapper.createObjectNode().put(EVENT, type);
        message.set(DATA, data);
        try {
            communicator.broadcast(message, SUBJECT, m -> m.toString().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("Could not pass rule event {} to the other nodes", type, e);
        }
    }

    private ObjectNode decode(byte[] bytes) {
        try {
            return (ObjectNode) mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
