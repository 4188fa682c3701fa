/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.CoreFixture;
import org.junit.After;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The shell commands reach the same command core as WebSocket clients:
 * one request, its reply, and the session gone afterwards.
 */
public class CoreCallTest {

    private final CoreFixture core = new CoreFixture();
    private final ObjectMapper mapper = new ObjectMapper();

    @After
    public void stop() {
        core.stop();
    }

    @Test
    public void shellRequestGetsItsReplyAndLeavesNoSession() throws Exception {
        ObjectNode request = mapper.createObjectNode().put("type", "AddNode").put("kind", "host")
                .put("mac", "00:00:00:00:00:0a");
        request.putArray("ips").add("10.0.0.10");
        request.putObject("location").put("deviceId", "of:0000000000000001").put("port", "3");
        ObjectNode reply = CoreCall.run(core.manager, "shell:test", request);
        assertEquals("ok", reply.path("status").asText());
        assertEquals("00:00:00:00:00:0A/None", reply.path("result").path("id").asText());
        assertTrue("the shell's session must be closed", core.manager.sessions().isEmpty());
    }

    @Test
    public void shellErrorsAreTyped() throws Exception {
        ObjectNode request = mapper.createObjectNode().put("type", "RemoveFlow").put("flowId", "fs-404");
        ObjectNode reply = CoreCall.run(core.manager, "shell:test", request);
        assertEquals("UNKNOWN_FLOW", reply.path("error").path("code").asText());
    }
}
