/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.protocol.Messages;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * {@code Batch}: runs several requests in order, each as if sent alone,
 * and replies once with one result per item. Items do not share fate:
 * a failed item does not undo the ones before it.
 */
public final class BatchCommand implements Command {

    /** Most items one batch may carry. */
    public static final int MAX_BATCH = 256;

    private final ObjectMapper mapper;
    private final BiFunction<RequestFields, CommandSession, CompletableFuture<ObjectNode>> runner;

    /**
     * Creates the command.
     *
     * @param mapper JSON mapper
     * @param runner runs one item and returns its reply message
     */
    public BatchCommand(ObjectMapper mapper,
                        BiFunction<RequestFields, CommandSession, CompletableFuture<ObjectNode>> runner) {
        this.mapper = mapper;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "Batch";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session) {
        request.allowOnly("type", "id", "requests");
        ArrayNode items = request.array("requests", MAX_BATCH);
        // Check every item's shape before running any, so a typo does not leave half a batch applied.
        RequestFields[] checked = new RequestFields[items.size()];
        for (int i = 0; i < items.size(); i++) {
            checked[i] = item(request.element("requests", i, items.get(i)), i);
        }
        ArrayNode results = mapper.createArrayNode();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (RequestFields item : checked) {
            chain = chain.thenCompose(v -> runner.apply(item, session)).thenAccept(reply -> {
                reply.remove(Messages.KIND);
                results.add(reply);
            });
        }
        return chain.thenApply(v -> {
            ObjectNode result = mapper.createObjectNode();
            result.put("count", results.size());
            result.put("failed", countErrors(results));
            result.set("results", results);
            return result;
        });
    }

    private RequestFields item(RequestFields item, int index) {
        String type = item.text(Messages.TYPE);
        if (name().equals(type)) {
            throw FlowSocketException.invalid(item.path(Messages.TYPE), "cannot be Batch inside a Batch");
        }
        ObjectNode copy = item.node().deepCopy();
        // A null id is an absent one, as in every request.
        if (!copy.hasNonNull(Messages.ID)) {
            copy.put(Messages.ID, index);
        }
        JsonNode id = copy.get(Messages.ID);
        // The item's reply echoes its id, so it follows the rule of every request id.
        if (!Messages.isValidId(id)) {
            throw FlowSocketException.invalid(item.path(Messages.ID), Messages.ID_RULE);
        }
        return RequestFields.of(copy);
    }

    private static int countErrors(ArrayNode results) {
        int errors = 0;
        for (JsonNode reply : results) {
            errors += Messages.isError(reply) ? 1 : 0;
        }
        return errors;
    }
}
