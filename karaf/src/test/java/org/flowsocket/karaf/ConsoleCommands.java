/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Runs every FlowSocket console command over Karaf's SSH console, logged in
 * as ONOS's user: Karaf parses the command line (options before arguments),
 * onos-cli's AbstractShellCommand runs it (with ONOS's AuditService), and the
 * command calls FlowSocket's services on the stand-ins. What a command prints
 * with {@code -j} must be JSON of the entity alone.
 */
final class ConsoleCommands {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HOST_ID = "00:00:00:00:00:0A/None";

    private final KarafShell shell;

    ConsoleCommands(KarafShell shell) {
        this.shell = shell;
    }

    /**
     * Adds a host, installs a flow to it, finds, lists and removes the flow,
     * removes the host, provisions a device, lists links and sessions.
     *
     * @param user the console's login user
     * @throws Exception if the console cannot be reached or a check fails
     */
    void runEveryCommandAs(String user) throws Exception {
        awaitCommands();
        JsonNode host = json("onos:flowsocket-add-host -j --name printer 00:00:00:00:00:0a 10.0.0.10,10.0.0.11 "
                                     + "of:0000000000000001 3");
        assertEquals(host.toString(), HOST_ID, host.path("id").asText());
        assertEquals(host.toString(), 2, host.path("ipAddresses").size());

        // The stand-in of FlowRuleService never confirms, as a silent switch: --no-confirm answers PENDING.
        JsonNode flow = json("onos:flowsocket-install-flow -j --no-confirm -c voice -p udp --dst-port 5060 "
                                     + "--timeout-ms 60000 10.0.0.1 10.0.0.10");
        String flowId = flow.path("flowId").asText();
        assertEquals(flow.toString(), user, flow.path("owner").asText());
        assertEquals(flow.toString(), "PENDING", flow.path("state").asText());
        assertEquals(flow.toString(), 46, flow.path("spec").path("qos").path("dscp").asInt());

        JsonNode mine = json("onos:flowsocket-flows -j --owner " + user + " --device of:0000000000000001");
        assertTrue(mine.toString(), mine.isArray() && mine.toString().contains("\"" + flowId + "\""));
        String shown = ok("onos:flowsocket-get-flow " + flowId);
        assertTrue(shown, shown.startsWith("flowId=" + flowId + ", state=PENDING, kind=network, owner=" + user));
        JsonNode removed = json("onos:flowsocket-remove-flow -j --force --timeout-ms 100 " + flowId);
        assertEquals(removed.toString(), "REMOVED", removed.path("state").asText());
        error("onos:flowsocket-get-flow " + flowId, "UNKNOWN_FLOW: no flow has id " + flowId);

        assertEquals(HOST_ID, json("onos:flowsocket-remove-host -j " + HOST_ID).path("id").asText());
        error("onos:flowsocket-remove-host " + HOST_ID, "UNKNOWN_HOST");
        error("onos:flowsocket-add-host 00:00:00:00:00:0b 10.0.0.12 of:0000000000000001 9", "UNKNOWN_PORT");

        assertEquals("Provisioned device netconf:10.0.0.5:830", ok("onos:flowsocket-add-device --protocol netconf "
                + "--ip 10.0.0.5 --name edge-1").trim());
        error("onos:flowsocket-remove-device of:0000000000000009", "UNKNOWN_DEVICE");
        assertTrue(json("onos:flowsocket-links -j --device of:0000000000000001").isArray());
        assertTrue(json("onos:flowsocket-sessions -j").isArray());
    }

    // Karaf registers a bundle's commands once their services are there.
    private void awaitCommands() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        KarafShell.Result result = shell.run("onos:flowsocket-sessions", WAIT);
        while (!result.ok() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            result = shell.run("onos:flowsocket-sessions", WAIT);
        }
        assertTrue(result.toString(), result.ok());
    }

    private String ok(String command) throws Exception {
        KarafShell.Result result = shell.run(command, WAIT);
        assertTrue(result.toString(), result.ok() && result.err.isEmpty());
        return result.out;
    }

    private JsonNode json(String command) throws Exception {
        String out = ok(command);
        try {
            return JSON.readTree(out);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON:\n" + out, e);
        }
    }

    private void error(String command, String expectedStart) throws Exception {
        KarafShell.Result result = shell.run(command, WAIT);
        assertTrue("expected the error " + expectedStart + ":\n" + result,
                   (result.err + result.out).trim().startsWith(expectedStart));
    }
}
