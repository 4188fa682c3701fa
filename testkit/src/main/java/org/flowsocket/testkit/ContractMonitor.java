/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds one connection to the protocol's contract ({@link ProtocolContract}):
 * every frame that goes out and every frame that comes in passes here.
 * <ul>
 * <li>A server message that breaks its schema is a violation.</li>
 * <li>A request that breaks its schema may be a test's deliberate misuse;
 * the server must then refuse it: an {@code ok} reply to it is a violation
 * (the server accepts what the contract refuses).</li>
 * </ul>
 */
public final class ContractMonitor {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    // The server refuses JSON nested deeper than 32 levels without parsing it;
    // deeper frames are not parsed here either (their reply is still checked).
    private static final int MAX_CHECKED_DEPTH = 64;

    private final String name;
    private final ProtocolContract contract;
    // Request id (JSON text) -> why the request breaks the contract.
    private final Map<String, String> refusedRequests = new ConcurrentHashMap<>();
    // Batch id (JSON text) -> index of an item -> why the item breaks the contract.
    private final Map<String, Map<Integer, String>> refusedItems = new ConcurrentHashMap<>();
    private final List<String> violations = new ArrayList<>();

    /**
     * @param name the connection's name, for failure messages
     */
    public ContractMonitor(String name) {
        this(name, true);
    }

    /**
     * @param name   the connection's name, for failure messages
     * @param checks false for a monitor that checks nothing (see {@link ClientConfig#withoutContractCheck()})
     */
    public ContractMonitor(String name, boolean checks) {
        this.name = name;
        this.contract = checks ? ProtocolContract.get() : null;
    }

    /**
     * Notes a text frame going out.
     *
     * @param text the frame's text
     */
    public void sent(String text) {
        if (contract == null || nestingDepth(text) > MAX_CHECKED_DEPTH) {
            return;
        }
        JsonNode request;
        try {
            request = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return; // not JSON: the server answers MALFORMED_JSON, which received() checks
        }
        if (request == null || !request.isObject()) {
            return;
        }
        request = withoutNulls(request);
        JsonNode id = request.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return; // the reply cannot be told apart (its id is null); received() checks it
        }
        String key = id.toString();
        refusedRequests.remove(key);
        refusedItems.remove(key);
        JsonNode items = request.get("requests");
        if ("Batch".equals(request.path("type").asText()) && items != null && items.isArray()) {
            // Items do not share fate: the server may answer a wrong item with
            // its own error and still reply ok to the Batch.
            ObjectNode keptItems = request.deepCopy();
            ArrayNode kept = keptItems.putArray("requests");
            Map<Integer, String> refused = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                Optional<String> itemViolation = contract.batchItemViolation(items.get(i));
                if (itemViolation.isPresent()) {
                    refused.put(i, itemViolation.get());
                } else {
                    kept.add(items.get(i));
                }
            }
            if (!refused.isEmpty()) {
                refusedItems.put(key, refused);
            }
            request = keptItems;
        }
        contract.requestViolation(request).ifPresent(violation -> refusedRequests.put(key, violation));
    }

    /**
     * Checks a text frame that came in.
     *
     * @param message the frame, parsed
     * @return the violation, if the message breaks the contract
     */
    public Optional<String> received(JsonNode message) {
        if (contract == null) {
            return Optional.empty();
        }
        Optional<String> violation = contract.serverMessageViolation(message);
        if (violation.isEmpty() && "reply".equals(message.path("kind").asText()) && message.has("id")) {
            violation = acceptedRefusal(message);
        }
        violation.ifPresent(this::record);
        return violation;
    }

    /**
     * Checks a text frame that came in, as text.
     *
     * @param text the frame's text
     * @return the violation, if the message breaks the contract
     */
    public Optional<String> received(String text) {
        if (contract == null) {
            return Optional.empty();
        }
        JsonNode message;
        try {
            message = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String violation = "not JSON from the server: " + Received.abbreviate(text);
            record(violation);
            return Optional.of(violation);
        }
        return received(message);
    }

    // An ok reply to a request, or an ok result of a Batch item, that the contract refuses.
    private Optional<String> acceptedRefusal(JsonNode reply) {
        String key = reply.get("id").toString();
        String refusal = refusedRequests.remove(key);
        Map<Integer, String> items = refusedItems.remove(key);
        if (!"ok".equals(reply.path("status").asText())) {
            return Optional.empty();
        }
        if (refusal != null) {
            return Optional.of("the server accepted a request the contract refuses: " + refusal
                                       + "; reply: " + Received.abbreviate(reply.toString()));
        }
        if (items != null) {
            JsonNode results = reply.path("result").path("results");
            for (Map.Entry<Integer, String> item : new TreeMap<>(items).entrySet()) {
                if ("ok".equals(results.path(item.getKey()).path("status").asText())) {
                    return Optional.of("the server accepted Batch item " + item.getKey() + ", which the contract"
                                               + " refuses: " + item.getValue());
                }
            }
        }
        return Optional.empty();
    }

    // protocol.md: a member whose value is null counts as absent, which JSON
    // Schema cannot say; the schemas describe requests without such members.
    static JsonNode withoutNulls(JsonNode json) {
        if (json.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            json.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        if (!json.isObject()) {
            return json;
        }
        ObjectNode copy = MAPPER.createObjectNode();
        json.fields().forEachRemaining(member -> {
            if (!member.getValue().isNull()) {
                copy.set(member.getKey(), withoutNulls(member.getValue()));
            }
        });
        return copy;
    }

    // How deeply a JSON text nests, brackets inside strings aside.
    static int nestingDepth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    /** @return the violations so far, oldest first */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * Fails if any message broke the contract.
     *
     * @throws AssertionError naming the first violations
     */
    public synchronized void assertKept() {
        if (!violations.isEmpty()) {
            throw new AssertionError(name + ": " + violations.size() + " message(s) broke the protocol's"
                    + " contract (docs/schema/); first: " + String.join("\n  ", violations.subList(
                            0, Math.min(3, violations.size()))));
        }
    }

    private synchronized void record(String violation) {
        violations.add(violation);
    }
}
