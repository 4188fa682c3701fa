/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketService;
import org.onosproject.cli.AbstractShellCommand;

import java.io.IOException;

/**
 * Base of FlowSocket's shell commands: they build a protocol request, run
 * it through the command core and print the reply, as JSON with
 * {@code -j} or in words.
 */
abstract class FlowSocketCommand extends AbstractShellCommand {

    protected final ObjectMapper json = new ObjectMapper();

    /**
     * Runs a request and prints errors; returns the result on success.
     *
     * @param request the request
     * @return the reply's result, or null after printing an error
     * @throws IOException if the core did not answer
     */
    protected JsonNode call(ObjectNode request) throws IOException {
        // Karaf admits only administrators to the ONOS shell; name the session after the shell.
        String user = "shell:" + System.getProperty("user.name", "karaf");
        ObjectNode reply = CoreCall.run(get(FlowSocketService.class), user, request);
        if (outputJson()) {
            print("%s", json.writerWithDefaultPrettyPrinter().writeValueAsString(reply));
            return null;
        }
        if (!"ok".equals(reply.path("status").asText())) {
            JsonNode error = reply.path("error");
            error("%s: %s", error.path("code").asText(), error.path("message").asText());
            return null;
        }
        return reply.path("result");
    }

    /**
     * Starts a request of a type.
     *
     * @param type command name
     * @return request object
     */
    protected ObjectNode request(String type) {
        ObjectNode request = json.createObjectNode();
        request.put("type", type);
        return request;
    }

    /**
     * Prints one flow handle on one line.
     *
     * @param flow flow handle JSON
     */
    protected void printFlow(JsonNode flow) {
        print("flowId=%s, state=%s, kind=%s, owner=%s, rules=%d%s%s", flow.path("flowId").asText(),
              flow.path("state").asText(), flow.path("kind").asText(), flow.path("owner").asText(),
              flow.path("rules").size(),
              flow.has("spec") ? ", spec=" + flow.get("spec") : "",
              flow.has("reason") ? ", reason=" + flow.path("reason").asText() : "");
    }
}
