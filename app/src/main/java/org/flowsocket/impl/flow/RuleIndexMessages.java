/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.store.cluster.messaging.MessageSubject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The messages between the nodes and the leader that keeps the rule index,
 * as JSON over ONOS's cluster messaging: a node asks the leader to reserve
 * or release rules; a new leader asks each node for the reservations it
 * made for flows it has not stored yet.
 */
final class RuleIndexMessages {

    /** A node's request to the leader; the reply is {@link #OK}, {@link #RETRY} or an owner. */
    static final MessageSubject REQUEST = new MessageSubject("flowsocket-rule-index");
    /** A new leader's question to a node; the reply is the node's reservations not yet stored. */
    static final MessageSubject PENDING = new MessageSubject("flowsocket-rule-index-pending");

    /** The leader did as asked. */
    static final String OK = "ok";
    /** The leader is not (yet) the one the request was sent to: ask the current leader again. */
    static final String RETRY = "retry";
    /** Prefix of the reply naming the flow that owns a rule. */
    static final String TAKEN = "taken:";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a node asks the leader. */
    enum Kind {
        /** Reserve every rule of a flow, or none. */
        RESERVE,
        /** Release some rules of a flow. */
        RELEASE,
        /** Release every rule a flow holds. */
        RELEASE_FLOW
    }

    /** A request: what, of which leader's term, and for which flow and rules. */
    static final class Request {
        final Kind kind;
        final long term;
        final Reservation reservation;

        Request(Kind kind, long term, Reservation reservation) {
            this.kind = kind;
            this.term = term;
            this.reservation = reservation;
        }
    }

    private RuleIndexMessages() {
    }

    static byte[] encode(Request request) {
        ObjectNode json = write(request.reservation).put("kind", request.kind.name()).put("term", request.term);
        return bytes(json);
    }

    static Request decodeRequest(byte[] bytes) {
        JsonNode json = read(bytes);
        return new Request(Kind.valueOf(json.path("kind").asText()), json.path("term").asLong(), reservation(json));
    }

    static byte[] encodeReservations(List<Reservation> reservations) {
        ArrayNode json = MAPPER.createArrayNode();
        reservations.forEach(r -> json.add(write(r)));
        return bytes(json);
    }

    static List<Reservation> decodeReservations(byte[] bytes) {
        List<Reservation> reservations = new ArrayList<>();
        read(bytes).forEach(json -> reservations.add(reservation(json)));
        return reservations;
    }

    static byte[] encodeTerm(long term) {
        return Long.toString(term).getBytes(UTF_8);
    }

    static long decodeTerm(byte[] bytes) {
        return Long.parseLong(new String(bytes, UTF_8));
    }

    static byte[] encodeReply(String reply) {
        return reply.getBytes(UTF_8);
    }

    static String decodeReply(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    private static ObjectNode write(Reservation reservation) {
        ObjectNode json = MAPPER.createObjectNode().put("flow", reservation.flowId()).put("node", reservation.node());
        ArrayNode keys = json.putArray("keys");
        reservation.keys().forEach(keys::add);
        return json;
    }

    private static Reservation reservation(JsonNode json) {
        List<String> keys = new ArrayList<>(json.path("keys").size());
        json.path("keys").forEach(key -> keys.add(key.asText()));
        return new Reservation(json.path("flow").asText(), json.path("node").asText(), keys);
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
