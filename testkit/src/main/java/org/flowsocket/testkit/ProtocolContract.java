/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of {@code docs/schema/}, the normative contract of
 * {@code flowsocket.v1}, run by a real JSON Schema validator. The build
 * copies the schemas into this jar under {@value #RESOURCES}; their
 * {@code $id}s (under {@value #BASE}) are resolved there, never fetched.
 */
public final class ProtocolContract {

    /** The {@code $id} prefix of every schema. */
    public static final String BASE = "https://schemas.flowsocket.org/v1/";

    /** Where the build puts docs/schema/ in this jar. */
    static final String RESOURCES = "/flowsocket-schema/";

    private static final ProtocolContract INSTANCE = new ProtocolContract();

    // This validator release (kept for ONOS's Jackson 2.10) resolves a $ref
    // on first use without guarding it against other threads: two messages
    // validated at once can meet a half-resolved reference (a
    // NullPointerException, networknt/json-schema-validator#392, fixed in
    // 1.0.51). Every client's reader thread validates, so one at a time.
    private static final Object VALIDATING = new Object();

    private final JsonSchema request;
    private final JsonSchema batchItem;
    private final JsonSchema serverMessage;

    private ProtocolContract() {
        JsonSchemaFactory factory = JsonSchemaFactory
                .builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
                .uriFetcher(ProtocolContract::open, "https")
                .build();
        request = factory.getSchema(URI.create(BASE + "request.json"));
        batchItem = factory.getSchema(URI.create(BASE + "batch-item.json"));
        serverMessage = factory.getSchema(URI.create(BASE + "server-message.json"));
    }

    /** @return the contract, loaded once */
    public static ProtocolContract get() {
        return INSTANCE;
    }

    /**
     * Checks what a server sent against {@code server-message.json}.
     *
     * @param message a hello, reply or event
     * @return why the message breaks the contract, or empty if it keeps it
     */
    public Optional<String> serverMessageViolation(JsonNode message) {
        return violation(serverMessage, message, "server message");
    }

    /**
     * Checks a request against {@code request.json}.
     *
     * @param request what a client sends
     * @return why the request breaks the contract, or empty if it keeps it
     */
    public Optional<String> requestViolation(JsonNode request) {
        return violation(this.request, request, "request");
    }

    /**
     * Checks one item of a Batch against {@code batch-item.json}.
     *
     * @param item a request inside a Batch's {@code requests}
     * @return why the item breaks the contract, or empty if it keeps it
     */
    public Optional<String> batchItemViolation(JsonNode item) {
        return violation(batchItem, item, "Batch item");
    }

    private static Optional<String> violation(JsonSchema schema, JsonNode message, String what) {
        Set<ValidationMessage> errors;
        try {
            synchronized (VALIDATING) {
                errors = schema.validate(message);
            }
        } catch (RuntimeException e) {
            // e.g. a number beyond double's range, which the validator cannot compare (1e400):
            // no schema admits what it cannot read
            return Optional.of(what + " cannot be read by the validator (" + e + "); message: "
                                       + Received.abbreviate(message.toString()));
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        // Deepest first: the innermost rule says best what is wrong. (This
        // validator release, the last that runs on ONOS's Jackson 2.10, names
        // the failing keyword but not its full schema path.)
        String reasons = errors.stream()
                .sorted(Comparator.comparingInt((ValidationMessage m) -> -m.getPath().length())
                                .thenComparing(ValidationMessage::getMessage))
                .limit(5)
                .map(m -> m.getMessage() + " (schema keyword " + m.getType() + ")")
                .collect(Collectors.joining("; "));
        return Optional.of(what + " breaks " + schema.getSchemaNode().path("$id").asText()
                + ": " + reasons + "; message: " + Received.abbreviate(message.toString()));
    }

    private static InputStream open(URI uri) {
        String id = uri.toString();
        if (!id.startsWith(BASE)) {
            throw new IllegalArgumentException("not a FlowSocket schema, and nothing is fetched: " + id);
        }
        InputStream in = ProtocolContract.class.getResourceAsStream(RESOURCES + id.substring(BASE.length()));
        if (in == null) {
            throw new UncheckedIOException(new java.io.FileNotFoundException(
                    "no schema " + id + " in the test kit (docs/schema/ is copied in by the build)"));
        }
        return in;
    }
}
