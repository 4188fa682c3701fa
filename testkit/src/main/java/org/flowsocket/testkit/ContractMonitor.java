/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final String name;
    private final ProtocolContract contract = ProtocolContract.get();
    // Request id (JSON text) -> why the request breaks the contract.
    private final Map<String, String> refusedRequests = new ConcurrentHashMap<>();
    private final List<String> violations = new ArrayList<>();

    /**
     * @param name the connection's name, for failure messages
     */
    public ContractMonitor(String name) {
        this.name = name;
    }

    /**
     * Notes a text frame going out.
     *
     * @param text the frame's text
     */
    public void sent(String text) {
        JsonNode request;
        try {
            request = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return; // not JSON: the server answers MALFORMED_JSON, which received() checks
        }
        if (request == null || !request.isObject()) {
            return;
        }
        JsonNode id = request.get("id");
        Optional<String> violation = contract.requestViolation(request);
        if (violation.isPresent() && id != null && (id.isTextual() || id.isIntegralNumber())) {
            refusedRequests.put(id.toString(), violation.get());
        } else if (id != null) {
            refusedRequests.remove(id.toString());
        }
    }

    /**
     * Checks a text frame that came in.
     *
     * @param message the frame, parsed
     * @return the violation, if the message breaks the contract
     */
    public Optional<String> received(JsonNode message) {
        Optional<String> violation = contract.serverMessageViolation(message);
        if (violation.isEmpty() && "reply".equals(message.path("kind").asText()) && message.has("id")) {
            String refusal = refusedRequests.remove(message.get("id").toString());
            if (refusal != null && "ok".equals(message.path("status").asText())) {
                violation = Optional.of("the server accepted a request the contract refuses: " + refusal
                                                + "; reply: " + Received.abbreviate(message.toString()));
            }
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
