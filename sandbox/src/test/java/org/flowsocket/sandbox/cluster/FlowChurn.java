/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.Requests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * One client's load on a cluster node: installs and removes its own network
 * flows (each a src/dst/class no other client uses) in a loop until a
 * deadline, one request at a time, and keeps what the server confirmed.
 * The last flow it installs stays.
 */
final class FlowChurn implements Callable<FlowChurn> {

    // Far above a confirmation under load (the server's own wait is 10 s), so a
    // missing reply is told from a slow one.
    private static final Duration REPLY_WAIT = Duration.ofSeconds(30);

    private final FlowSocketClient client;
    private final List<String> flows;
    private final long deadlineNanos;

    /** Requests sent, each answered (a missing reply fails the churn). */
    int requests;
    /** Flow ids the server confirmed installed. */
    final Set<String> installed = new HashSet<>();
    /** Flow ids the server confirmed removed. */
    final Set<String> removed = new HashSet<>();
    /** Replies that were neither ok nor expected. */
    final List<String> failures = new ArrayList<>();

    FlowChurn(FlowSocketClient client, List<String> flows, Duration length) {
        this.client = client;
        this.flows = List.copyOf(flows);
        this.deadlineNanos = System.nanoTime() + length.toNanos();
    }

    @Override
    public FlowChurn call() throws Exception {
        int i = 0;
        while (true) {
            String flowId = send(Requests.json(flows.get(i++ % flows.size())), installed);
            if (flowId == null || System.nanoTime() > deadlineNanos) {
                return this;
            }
            ObjectNode remove = client.newRequest("RemoveFlow");
            remove.put("flowId", flowId);
            if (send(remove, removed) == null) {
                return this;
            }
        }
    }

    // Sends one request (the client gives it a fresh id) and waits for its
    // reply; an ok reply's flow id joins confirmed.
    private String send(ObjectNode request, Set<String> confirmed) throws Exception {
        requests++;
        JsonNode reply = client.call(request, REPLY_WAIT);
        if (!"ok".equals(reply.path("status").asText())) {
            failures.add(request + " -> " + reply);
            return null;
        }
        String flowId = reply.path("result").path("flowId").asText(request.path("flowId").asText());
        confirmed.add(flowId);
        return flowId;
    }
}
