/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.onosproject.cli.AbstractShellCommand;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Base of FlowSocket's shell commands: they call FlowSocket's services and
 * print the outcome, as JSON (ONOS's codecs, FlowSocket's for flows) with
 * {@code -j} or in words, and FlowSocket's typed errors as code and message.
 */
abstract class FlowSocketCommand extends AbstractShellCommand {

    /** Longest wait for the switches: the service's own deadlines end sooner. */
    private static final long WAIT_SECONDS = 130;

    /**
     * Returns who the shell user is to FlowSocket: Karaf admits only
     * administrators to ONOS's shell.
     *
     * @return owner name of what the command installs
     */
    protected static String shellUser() {
        return "shell:" + System.getProperty("user.name", "karaf");
    }

    /**
     * Waits for a service's answer; prints its typed error instead.
     *
     * @param answer the service's future
     * @param <T>    answer type
     * @return the answer, or null after printing an error
     * @throws InterruptedException if the shell is interrupted
     */
    protected <T> T await(CompletableFuture<T> answer) throws InterruptedException {
        try {
            return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } catch (TimeoutException e) {
            error("FlowSocket did not answer within %d s", WAIT_SECONDS);
            return null;
        }
    }

    /**
     * Prints a FlowSocket error as code and message; other failures as they are.
     *
     * @param error the failure
     * @param <T>   any type
     * @return null
     */
    protected <T> T failed(Throwable error) {
        if (error instanceof FlowSocketException) {
            FlowSocketException e = (FlowSocketException) error;
            error("%s: %s", e.code(), e.getMessage());
        } else {
            error("%s", error);
        }
        return null;
    }

    /**
     * Prints a flow in one line, or as JSON with {@code -j}.
     *
     * @param flow  the flow
     * @param state the state to show, e.g. REMOVED after a removal
     */
    protected void printFlow(QosFlow flow, String state) {
        if (outputJson()) {
            printJson(jsonForEntity(flow, QosFlow.class).put("state", state));
            return;
        }
        print("flowId=%s, state=%s, kind=%s, owner=%s, rules=%d%s%s", flow.id(), state,
              flow.kind().name().toLowerCase(), flow.owner(), flow.rules().size(),
              flow.spec().map(spec -> ", spec=" + spec).orElse(""),
              flow.reason() != null ? ", reason=" + flow.reason() : "");
    }

    /**
     * Prints JSON, indented.
     *
     * @param json the JSON
     */
    protected void printJson(JsonNode json) {
        try {
            print("%s", mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            error("cannot print JSON: %s", e.getMessage());
        }
    }
}
