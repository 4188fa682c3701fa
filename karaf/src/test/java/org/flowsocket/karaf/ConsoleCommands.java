/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;

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
     * Adds a host, finds it, installs flows to it, shows their traffic,
     * finds, lists and removes them, removes the host, provisions a device,
     * lists nodes, links and sessions; each refused command must print its
     * error.
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
        JsonNode node = json("onos:flowsocket-get-node -j 10.0.0.11");
        assertEquals(node.toString(), HOST_ID, node.path("id").asText());
        assertEquals(node.toString(), "host", node.path("kind").asText());
        JsonNode nodes = json("onos:flowsocket-nodes -j --kind host --device of:0000000000000001");
        assertTrue(nodes.toString(), nodes.isArray() && nodes.toString().contains("\"" + HOST_ID + "\""));
        assertEquals("device", json("onos:flowsocket-get-node -j of:0000000000000001").path("kind").asText());
        refused("onos:flowsocket-get-node of:0000000000000009", "UNKNOWN_DEVICE: device of:0000000000000009");
        refused("onos:flowsocket-nodes --kind switch", "INVALID_FIELD: '--kind' must be one of host, device");

        // The stand-in of FlowRuleService never confirms, as a silent switch: --no-confirm answers PENDING.
        JsonNode flow = json("onos:flowsocket-install-flow -j --no-confirm -c voice -p udp --dst-port 5060 "
                                     + "--no-reroute --timeout-ms 60000 10.0.0.1 10.0.0.10");
        String flowId = flow.path("flowId").asText();
        assertEquals(flow.toString(), user, flow.path("owner").asText());
        assertEquals(flow.toString(), "PENDING", flow.path("state").asText());
        assertEquals(flow.toString(), 46, flow.path("spec").path("qos").path("dscp").asInt());
        assertEquals(flow.toString(), false, flow.path("spec").path("reroute").asBoolean(true));
        refused("onos:flowsocket-install-flow --bandwidth-kbps 0 10.0.0.1 10.0.0.10",
                "INVALID_FIELD: 'qos.bandwidthKbps' must be from 1 to 1000000000, not 0");

        JsonNode mine = json("onos:flowsocket-flows -j --owner " + user + " --device of:0000000000000001");
        assertTrue(mine.toString(), mine.isArray() && mine.toString().contains("\"" + flowId + "\""));
        String shown = ok("onos:flowsocket-get-flow " + flowId);
        assertTrue(shown, shown.startsWith("flowId=" + flowId + ", state=PENDING, kind=network, owner=" + user));
        JsonNode traffic = json("onos:flowsocket-flow-stats -j " + flowId);
        assertEquals(traffic.toString(), flowId, traffic.path("flowId").asText());
        assertTrue(traffic.toString(), traffic.path("hops").isArray());
        assertTrue(json("onos:flowsocket-flow-stats -j").toString().contains("\"" + flowId + "\""));
        refused("onos:flowsocket-flow-stats fs-missing", "UNKNOWN_FLOW: no flow has id fs-missing");

        completesFlowIdsAndNames(flowId);

        // Without confirm, the removal answers at once; the switch never confirms, so it ends DEGRADED.
        JsonNode removing = json("onos:flowsocket-remove-flow -j --no-confirm --timeout-ms 100 " + flowId);
        assertEquals(removing.toString(), "REMOVING", removing.path("state").asText());
        awaitState(flowId, "DEGRADED");
        JsonNode removed = json("onos:flowsocket-remove-flow -j --force --timeout-ms 100 " + flowId);
        assertEquals(removed.toString(), "REMOVED", removed.path("state").asText());
        refused("onos:flowsocket-get-flow " + flowId, "UNKNOWN_FLOW: no flow has id " + flowId);
        refused("onos:flowsocket-remove-flow --no-confirm " + flowId, "UNKNOWN_FLOW: no flow has id " + flowId);
        assertTrue(!json("onos:flowsocket-flows -j").toString().contains("\"" + flowId + "\""));

        assertEquals(HOST_ID, json("onos:flowsocket-remove-host -j " + HOST_ID).path("id").asText());
        refused("onos:flowsocket-remove-host " + HOST_ID, "UNKNOWN_HOST: no host has id " + HOST_ID);
        refused("onos:flowsocket-get-node " + HOST_ID, "UNKNOWN_HOST: no host has id " + HOST_ID);
        refused("onos:flowsocket-add-host 00:00:00:00:00:0b 10.0.0.12 of:0000000000000001 9", "UNKNOWN_PORT");

        assertEquals("Provisioned device netconf:10.0.0.5:830", ok("onos:flowsocket-add-device --protocol netconf "
                + "--ip 10.0.0.5 --name edge-1").trim());
        refused("onos:flowsocket-remove-device of:0000000000000009", "UNKNOWN_DEVICE");
        assertTrue(json("onos:flowsocket-links -j --device of:0000000000000001").isArray());
        assertTrue(json("onos:flowsocket-sessions -j").isArray());
    }

    /*
     * Tab in an interactive console: the flow's id after a command taking
     * one, the traffic classes starting with v after --class.
     */
    private void completesFlowIdsAndNames(String flowId) throws Exception {
        String ids = shell.complete("onos:flowsocket-get-flow ", List.of(flowId), WAIT);
        assertTrue(ids, ids.contains(flowId));
        String classes = shell.complete("onos:flowsocket-install-flow --class v", List.of("voice", "video"), WAIT);
        assertTrue(classes, !classes.contains("bulk") && !classes.contains("best-effort"));
        String node = shell.complete("onos:flowsocket-get-node 00:00:00:00:00:0", List.of(HOST_ID), WAIT);
        assertTrue(node, node.contains(HOST_ID));
    }

    private void awaitState(String flowId, String state) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode flow = json("onos:flowsocket-get-flow -j " + flowId);
        while (!state.equals(flow.path("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            flow = json("onos:flowsocket-get-flow -j " + flowId);
        }
        assertEquals(flow.toString(), state, flow.path("state").asText());
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

    /*
     * A refused command ends as Karaf ends a command line it refuses: its
     * error text on the console (standard output over SSH exec) and exit
     * status 1. Standard error would not do: over Karaf 4.2's SSH exec
     * channel it does not reach the client, and onos-cli's
     * AbstractShellCommand ends with status 0 whatever it printed.
     */
    private void refused(String command, String expectedStart) throws Exception {
        KarafShell.Result result = shell.run(command, WAIT);
        assertTrue("expected exit status 1 and the error " + expectedStart + ":\n" + result,
                   Integer.valueOf(1).equals(result.exitStatus) && result.out.trim().startsWith(expectedStart));
    }
}
