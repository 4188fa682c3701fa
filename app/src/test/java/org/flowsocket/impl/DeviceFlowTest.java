/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.Role;
import org.junit.Test;
import org.onlab.packet.IpPrefix;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthTypeCriterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.instructions.Instructions;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * InstallFlow with ONOS's own flow JSON, and the flow handle commands
 * around it: the rules that reach the switches, and what the client sees.
 */
public class DeviceFlowTest extends CoreTestBase {

    private static final DeviceId S1 = FakeDevices.id(1);
    private static final DeviceId S2 = FakeDevices.id(2);
    private static final DeviceId S3 = FakeDevices.id(3);
    /** The body of POST /onos/v1/flows, as ONOS's REST API documents it. */
    private static final String REST_FLOW = "{\"priority\":40000,\"timeout\":0,\"isPermanent\":true,"
            + "\"deviceId\":\"of:0000000000000001\",\"treatment\":{\"instructions\":[{\"type\":\"OUTPUT\","
            + "\"port\":\"2\"}]},\"selector\":{\"criteria\":[{\"type\":\"ETH_TYPE\",\"ethType\":\"0x800\"},"
            + "{\"type\":\"IPV4_DST\",\"ip\":\"10.0.0.2/32\"}]}}";


    private static String install(String... flows) {
        return "{\"type\":\"InstallFlow\",\"flows\":[" + String.join(",", flows) + "]}";
    }

    private static String on(DeviceId device) {
        return REST_FLOW.replace("of:0000000000000001", device.toString());
    }

    @Test
    public void restFlowJsonBecomesOneRuleOfFlowSocket() {
        JsonNode handle = client.ok(install(REST_FLOW));
        assertEquals("INSTALLED", handle.path("state").asText());
        assertEquals("device", handle.path("kind").asText());
        assertEquals("onos", handle.path("owner").asText());
        assertEquals(1, handle.path("rules").size());
        assertEquals(S1.toString(), handle.path("rules").get(0).path("deviceId").asText());

        List<? extends FlowRule> rules = core.switches.rules(S1);
        assertEquals(1, rules.size());
        FlowRule rule = rules.get(0);
        assertEquals("the rule belongs to FlowSocket, not to the client's appId", core.appId(), rule.appId());
        assertEquals(40000, rule.priority());
        assertTrue(rule.isPermanent());
        assertEquals(List.of(Instructions.createOutput(PortNumber.portNumber(2))), rule.treatment().allInstructions());
        assertEquals(0x800, ((EthTypeCriterion) rule.selector().getCriterion(Criterion.Type.ETH_TYPE))
                .ethType().toShort());
        assertEquals(IpPrefix.valueOf("10.0.0.2/32"),
                     ((IPCriterion) rule.selector().getCriterion(Criterion.Type.IPV4_DST)).ip());
        // ONOS REST's form of the id (decimal), which GET /onos/v1/flows/{deviceId}/{flowId} takes.
        assertEquals(Long.toString(rule.id().value()), handle.path("rules").get(0).path("flowId").asText());
    }

    @Test
    public void removingAFlowReadsEachDeviceTableOnceNotOncePerRule() {
        String[] flows = new String[32];
        for (int i = 0; i < flows.length; i++) {
            flows[i] = REST_FLOW.replace("10.0.0.2/32", "10.0.1." + i + "/32");
        }
        String flowId = client.ok(install(flows)).path("flowId").asText();
        assertEquals(32, core.switches.rules(S1).size());
        int before = core.switches.tableReads();
        client.ok("{\"type\":\"RemoveFlow\",\"flowId\":\"" + flowId + "\"}");
        assertEquals(0, core.switches.rules(S1).size());
        // Each read copies the device's whole table: once per rule made a
        // removal cost rules x table size, 520 to 900 rules/s at 65536 rules.
        int reads = core.switches.tableReads() - before;
        assertTrue("RemoveFlow of 32 rules on one device read its table " + reads + " times", reads <= 2);
    }

    @Test
    public void singleFlowTakesTheTopLevelDeviceId() {
        String flow = REST_FLOW.replace("\"deviceId\":\"of:0000000000000001\",", "");
        JsonNode handle = client.ok("{\"type\":\"InstallFlow\",\"deviceId\":\"" + S2 + "\",\"flow\":" + flow + "}");
        assertEquals(S2.toString(), handle.path("rules").get(0).path("deviceId").asText());
        assertEquals(1, core.switches.rules(S2).size());
        assertEquals(0, core.switches.rules(S1).size());
        assertEquals("flow.deviceId", client.error("{\"type\":\"InstallFlow\",\"flow\":" + flow + "}",
                                                   "MISSING_FIELD").path("field").asText());
    }

    @Test
    public void malformedTopLevelDeviceIdIsRefusedEvenWhenEveryRuleNamesItsOwn() {
        // the contract (docs/schema) refuses it whatever the rules say; accepting it would hide a client's typo
        JsonNode error = client.error("{\"type\":\"InstallFlow\",\"deviceId\":\"of0000000000000002\","
                                              + "\"flows\":[" + REST_FLOW + "]}", "INVALID_FIELD");
        assertEquals("deviceId", error.path("field").asText());
        assertEquals(0, core.switches.ruleCount());
        assertEquals(0, client.ok("{\"type\":\"ListFlows\"}").path("flows").size());
    }

    @Test
    public void flowsOnThreeDevicesAreOneHandleAndOneBatch() {
        int batchesBefore = core.switches.batches();
        JsonNode handle = client.ok(install(on(S1), on(S2), on(S3)));
        assertEquals(3, handle.path("rules").size());
        assertEquals("submitted to ONOS as one batch", batchesBefore + 1, core.switches.batches());
        for (DeviceId device : List.of(S1, S2, S3)) {
            assertEquals(1, core.switches.rules(device).size());
        }
        assertEquals(1, client.ok("{\"type\":\"ListFlows\"}").path("flows").size());
    }

    @Test
    public void unknownDeviceInstallsNothing() {
        JsonNode error = client.error(install(on(S1), on(S2), on(DeviceId.deviceId("of:0000000000000009"))),
                                      "UNKNOWN_DEVICE");
        assertTrue(error.path("message").asText().contains("of:0000000000000009"));
        assertEquals(0, core.switches.ruleCount());
        assertEquals(0, core.switches.batches());
        assertEquals(0, client.ok("{\"type\":\"ListFlows\"}").path("flows").size());
    }

    @Test
    public void undecodableFlowIsInvalidAndNamesTheFlow() {
        String bad = on(S2).replace("\"OUTPUT\"", "\"TELEPORT\"");
        assertEquals("flows[1]", client.error(install(on(S1), bad), "INVALID_FIELD").path("field").asText());
        assertEquals("flows[1].priority", client.error(install(on(S1), on(S2).replace("40000", "\"high\"")),
                                                       "INVALID_FIELD").path("field").asText());
        assertEquals("flows[0].deviceId", client.error(install(REST_FLOW.replace("of:0000000000000001", "s1")),
                                                       "INVALID_FIELD").path("field").asText());
        assertEquals(0, core.switches.ruleCount());
    }

    @Test
    public void identicalRuleOfAnotherHandleIsADuplicate() {
        String first = client.ok(install(REST_FLOW)).path("flowId").asText();
        JsonNode error = client.error(install(on(S2), REST_FLOW), "DUPLICATE_FLOW");
        assertTrue("names the owner: " + error, error.path("message").asText().contains(first));
        assertEquals("nothing of the refused request", 0, core.switches.rules(S2).size());
        assertEquals(1, core.switches.rules(S1).size());
        assertEquals("INSTALLED", client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + first + "\"}")
                .path("state").asText());
        client.ok(install(REST_FLOW.replace("40000", "40001")));
    }

    @Test
    public void unconfirmedInstallRepliesPendingThenReportsInstalled() {
        client.ok("{\"type\":\"Subscribe\",\"topics\":[\"flows\"]}");
        JsonNode handle = client.ok(install(REST_FLOW).replace("]}", "],\"confirm\":false}"));
        assertEquals("PENDING", handle.path("state").asText());
        JsonNode event = client.nextEvent("flows", "FLOW_INSTALLED");
        assertEquals(handle.path("flowId").asText(), event.path("data").path("flowId").asText());
        assertEquals("INSTALLED", event.path("data").path("state").asText());
    }

    @Test
    public void unconfirmedInstallOnSilentSwitchesFailsLaterAndStaysVisibleUntilRemoved() {
        client.ok("{\"type\":\"Subscribe\",\"topics\":[\"flows\"]}");
        core.switches.mode(FakeSwitches.Mode.SILENT);
        JsonNode handle = client.ok(install(REST_FLOW).replace("]}", "],\"confirm\":false,\"timeoutMs\":200}"));
        assertEquals("the reply does not wait for the switches", "PENDING", handle.path("state").asText());
        String flowId = handle.path("flowId").asText();
        JsonNode failed = client.nextEvent("flows", "FLOW_FAILED");
        assertEquals(flowId, failed.path("data").path("flowId").asText());
        assertTrue(failed.path("data").path("reason").asText().contains("200 ms"));
        JsonNode seen = client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}");
        assertEquals("a failed flow stays visible for a while", "FAILED", seen.path("state").asText());
        assertEquals(failed.path("data").path("reason").asText(), seen.path("reason").asText());
        client.ok("{\"type\":\"RemoveFlow\",\"flowId\":\"" + flowId + "\"}");
        assertEquals(flowId, client.nextEvent("flows", "FLOW_REMOVED").path("data").path("flowId").asText());
        client.error("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}", "UNKNOWN_FLOW");
    }

    @Test
    public void getFlowShowsEachRuleLiveStateAndOnosJson() {
        String flowId = client.ok(install(REST_FLOW, on(S2))).path("flowId").asText();
        JsonNode flow = client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}");
        assertEquals(flowId, flow.path("flowId").asText());
        assertEquals(2, flow.path("rules").size());
        assertEquals("confirmed, and ONOS awaits its statistics", "PENDING_ADD",
                     flow.path("rules").get(0).path("state").asText());
        core.switches.statistics();
        flow = client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}");
        JsonNode rule = flow.path("rules").get(0);
        assertEquals("ONOS's state of the rule, read live", "ADDED", rule.path("state").asText());
        assertEquals(0, rule.path("packets").asLong());
        JsonNode onos = rule.path("rule");
        assertEquals(S1.toString(), onos.path("deviceId").asText());
        assertEquals("org.flowsocket.app", onos.path("appId").asText());
        assertEquals(40000, onos.path("priority").asInt());
        assertEquals("OUTPUT", onos.path("treatment").path("instructions").get(0).path("type").asText());
        assertEquals("2", onos.path("treatment").path("instructions").get(0).path("port").asText());
        assertEquals("10.0.0.2/32", onos.path("selector").path("criteria").get(1).path("ip").asText());

        core.switches.dropRule(core.switches.rules(S2).get(0));
        JsonNode later = client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}");
        assertEquals("NOT_IN_ONOS", later.path("rules").get(1).path("state").asText());
    }

    @Test
    public void listFlowsFiltersByOwnerStateAndDevice() {
        client.ok(install(REST_FLOW));
        TestClient alice = core.connect("alice", Role.ADMIN);
        String alices = alice.ok(install(on(S2), on(S3))).path("flowId").asText();
        core.switches.mode(FakeSwitches.Mode.SILENT);
        String pending = client.ok(install(REST_FLOW.replace("40000", "40002"))
                                           .replace("]}", "],\"confirm\":false,\"timeoutMs\":120000}"))
                .path("flowId").asText();

        assertEquals(3, client.ok("{\"type\":\"ListFlows\"}").path("flows").size());
        JsonNode byAlice = client.ok("{\"type\":\"ListFlows\",\"owner\":\"alice\"}").path("flows");
        assertEquals(1, byAlice.size());
        assertEquals(alices, byAlice.get(0).path("flowId").asText());
        JsonNode pendingOnes = client.ok("{\"type\":\"ListFlows\",\"state\":\"pending\"}").path("flows");
        assertEquals(1, pendingOnes.size());
        assertEquals(pending, pendingOnes.get(0).path("flowId").asText());
        assertEquals(2, client.ok("{\"type\":\"ListFlows\",\"state\":\"INSTALLED\"}").path("flows").size());
        JsonNode onS3 = client.ok("{\"type\":\"ListFlows\",\"deviceId\":\"" + S3 + "\"}").path("flows");
        assertEquals(1, onS3.size());
        assertEquals(alices, onS3.get(0).path("flowId").asText());
        assertEquals(2, client.ok("{\"type\":\"ListFlows\",\"deviceId\":\"" + S1 + "\"}").path("flows").size());
        JsonNode limited = client.ok("{\"type\":\"ListFlows\",\"limit\":2}");
        assertEquals(2, limited.path("flows").size());
        assertTrue(limited.path("truncated").asBoolean());
        assertEquals("state", client.error("{\"type\":\"ListFlows\",\"state\":\"sleeping\"}", "INVALID_FIELD")
                .path("field").asText());
    }

    @Test
    public void removeFlowRemovesItsRulesAndUnknownIdsAreTypedErrors() {
        String flowId = client.ok(install(REST_FLOW, on(S2))).path("flowId").asText();
        assertEquals("REMOVED", client.ok("{\"type\":\"RemoveFlow\",\"flowId\":\"" + flowId + "\"}")
                .path("state").asText());
        assertEquals(0, core.switches.ruleCount());
        assertEquals("flowId", client.error("{\"type\":\"RemoveFlow\",\"flowId\":\"" + flowId + "\"}",
                                            "UNKNOWN_FLOW").path("field").asText());
        client.error("{\"type\":\"RemoveFlow\",\"flowId\":\"fs-999\"}", "UNKNOWN_FLOW");
        client.error("{\"type\":\"GetFlow\",\"flowId\":\"fs-999\"}", "UNKNOWN_FLOW");
        client.ok(install(REST_FLOW));
    }
}
