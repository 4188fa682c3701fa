/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.MessageSink;
import org.flowsocket.api.Role;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one request through the command core exactly as a WebSocket client
 * would, in a short-lived session of its own, and returns the reply.
 */
final class CoreCall implements MessageSink {

    private static final String REQUEST_ID = "cli";
    private static final long WAIT_SECONDS = 130;

    private final ObjectMapper mapper = new ObjectMapper();
    private final CompletableFuture<ObjectNode> reply = new CompletableFuture<>();

    private CoreCall() {
    }

    /**
     * Sends a request and waits for its reply.
     *
     * @param service the command core
     * @param user    the Karaf user running the command
     * @param request the request; its id is set here
     * @return the reply message
     * @throws IOException if no reply came
     */
    static ObjectNode run(FlowSocketService service, String user, ObjectNode request) throws IOException {
        CoreCall call = new CoreCall();
        request.put("id", REQUEST_ID);
        // Karaf's shell admits only administrators to ONOS commands.
        ClientSession session = service.openSession(ClientIdentity.builder().user(user).role(Role.ADMIN)
                                                            .transport("cli").build(), call);
        try {
            session.receive(request.toString());
            return call.reply.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for FlowSocket", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("FlowSocket did not answer: " + e.getMessage(), e);
        } finally {
            session.close();
        }
    }

    @Override
    public void send(String message) {
        try {
            JsonNode json = mapper.readTree(message);
            if ("reply".equals(json.path("kind").asText()) && REQUEST_ID.equals(json.path("id").asText())) {
                reply.complete((ObjectNode) json);
            }
        } catch (IOException e) {
            reply.completeExceptionally(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        reply.completeExceptionally(new IOException("session closed: " + reason));
    }
}
