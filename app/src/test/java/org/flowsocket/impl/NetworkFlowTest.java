/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.TpPort;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthTypeCriterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.criteria.IPProtocolCriterion;
import org.onosproject.net.flow.criteria.PortCriterion;
import org.onosproject.net.flow.criteria.UdpPortCriterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * A network QoS flow between two hosts on a line of three switches
 * becomes one correct rule per hop and direction.
 */
public class NetworkFlowTest extends CoreTestBase {

    private static final String VOICE = "{\"type\":\"InstallFlow\",\"network\":{\"src\":\"10.0.0.1\","
            + "\"dst\":\"10.0.0.3\",\"protocol\":\"udp\",\"dstPort\":5060,\"class\":\"voice\","
            + "\"qos\":{\"queue\":2},\"bidirectional\":true}}";

    @Before
    public void addHosts() {
        addHost(client, "00:00:00:00:00:01", "10.0.0.1", 1);
        addHost(client, "00:00:00:00:00:03", "10.0.0.3", 3);
    }

    static void addHost(TestClient client, String mac, String ip, int device) {
        client.ok(hostRequest(mac, ip, device));
    }

    @Test
    public void voiceFlowGetsOneRulePerHopAndDirection() {
        JsonNode flow = client.ok(VOICE);
        assertEquals("INSTALLED", flow.path("state").asText());
        assertEquals(6, flow.path("rules").size());
        // The handle shows the request with every default resolved, also as the store reads it back.
        String spec = "{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\",\"protocol\":\"udp\",\"dstPort\":5060,"
                + "\"class\":\"voice\",\"priority\":50000,\"qos\":{\"dscp\":46,\"queue\":2},"
                + "\"bidirectional\":true,\"timeout\":0,\"reroute\":true}";
        assertEquals(spec, flow.path("spec").toString());
        assertEquals(spec, client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + flow.path("flowId").asText() + "\"}")
                .path("spec").toString());

        // Forward: s1 in 3 -> out 2, s2 in 1 -> out 2, s3 in 1 -> out 3 (host port).
        checkHop(1, 3, 2, "10.0.0.1", "10.0.0.3", true);
        checkHop(2, 1, 2, "10.0.0.1", "10.0.0.3", true);
        checkHop(3, 1, 3, "10.0.0.1", "10.0.0.3", true);
        // Reverse: ports swapped, UDP source port matched instead of destination.
        checkHop(3, 3, 1, "10.0.0.3", "10.0.0.1", false);
        checkHop(2, 2, 1, "10.0.0.3", "10.0.0.1", false);
        checkHop(1, 2, 3, "10.0.0.3", "10.0.0.1", false);
    }

    private void checkHop(int device, int in, int out, String src, String dst, boolean forward) {
        DeviceId id = FakeDevices.id(device);
        FlowRule rule = core.switches.rules(id).stream()
                .filter(r -> r.selector().getCriterion(Criterion.Type.IN_PORT) != null
                        && ((PortCriterion) r.selector().getCriterion(Criterion.Type.IN_PORT)).port()
                        .equals(PortNumber.portNumber(in)))
                .findFirst().orElse(null);
        assertNotNull("no rule on " + id + " for in_port " + in, rule);
        assertEquals(50000, rule.priority());
        assertEquals("org.flowsocket.app", rule.appId() == 0 ? null : appName(rule));
        assertTrue(rule.isPermanent());
        assertEquals(0x0800, ((EthTypeCriterion) rule.selector().getCriterion(Criterion.Type.ETH_TYPE))
                .ethType().toShort());
        assertEquals(IpPrefix.valueOf(src + "/32"),
                     ((IPCriterion) rule.selector().getCriterion(Criterion.Type.IPV4_SRC)).ip());
        assertEquals(IpPrefix.valueOf(dst + "/32"),
                     ((IPCriterion) rule.selector().getCriterion(Criterion.Type.IPV4_DST)).ip());
        assertEquals(17, ((IPProtocolCriterion) rule.selector().getCriterion(Criterion.Type.IP_PROTO)).protocol());
        Criterion.Type portField = forward ? Criterion.Type.UDP_DST : Criterion.Type.UDP_SRC;
        assertEquals(TpPort.tpPort(5060), ((UdpPortCriterion) rule.selector().getCriterion(portField)).udpPort());
        assertEquals(6, rule.selector().criteria().size());

        List<Instruction> actions = rule.treatment().allInstructions();
        assertEquals(List.of(
                Instructions.modIpDscp((byte) 46),
                Instructions.setQueue(2, null),
                Instructions.createOutput(PortNumber.portNumber(out))), actions);
        assertTrue(actions.get(0) instanceof L3ModificationInstruction);
    }

    private String appName(FlowRule rule) {
        return core.manager.coreService.getAppId("org.flowsocket.app").id() == rule.appId()
                ? "org.flowsocket.app" : "app#" + rule.appId();
    }

    @Test
    public void removeFlowRemovesEveryRule() {
        String flowId = client.ok(VOICE).path("flowId").asText();
        assertEquals(6, core.switches.ruleCount());
        JsonNode removed = client.ok("{\"type\":\"RemoveFlow\",\"flowId\":\"" + flowId + "\"}");
        assertEquals("REMOVED", removed.path("state").asText());
        assertEquals(0, core.switches.ruleCount());
        client.error("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}", "UNKNOWN_FLOW");
    }

    @Test
    public void refusalRollsBackTheWholeBatchAndNamesTheRule() {
        core.switches.refuseOn(FakeDevices.id(2));
        JsonNode error = client.error(VOICE, "FLOW_REFUSED");
        JsonNode refused = error.path("details").path("refused");
        assertEquals(2, refused.size());
        assertEquals(FakeDevices.id(2).toString(), refused.get(0).path("deviceId").asText());
        assertEquals("BAD_ACTION/BAD_OUT_PORT", refused.get(0).path("switchError").asText());
        assertTrue(error.path("message").asText().contains("(BAD_ACTION/BAD_OUT_PORT)"));
        assertEquals("rules on s1 and s3 must be withdrawn", 0, core.switches.ruleCount());
        assertOnlyFailed(error);
    }

    @Test
    public void silentSwitchesTimeOutAndLeaveNothing() {
        core.switches.mode(FakeSwitches.Mode.SILENT);
        JsonNode error = client.error(VOICE.replace("\"bidirectional\":true}", "\"bidirectional\":true},"
                + "\"timeoutMs\":200"), "CONFIRM_TIMEOUT");
        assertTrue(error.path("message").asText().contains("200 ms"));
        assertOnlyFailed(error);
    }

    // The failed flow stays visible, FAILED with the error's message, under the error's flowId.
    private void assertOnlyFailed(JsonNode error) {
        JsonNode flows = client.ok("{\"type\":\"ListFlows\"}").path("flows");
        assertEquals(flows.toString(), 1, flows.size());
        assertEquals(error.path("flowId").asText(), flows.get(0).path("flowId").asText());
        assertEquals("FAILED", flows.get(0).path("state").asText());
        assertEquals(error.path("message").asText(), flows.get(0).path("reason").asText());
    }

    @Test
    public void meterIsAllocatedPerDeviceAndReleasedOnRemoval() {
        String request = VOICE.replace("{\"queue\":2}", "{\"queue\":2,\"meterKbps\":512}");
        JsonNode flow = client.ok(request);
        assertEquals(3, flow.path("meters").size());
        assertEquals(3, core.meters.live().size());
        for (FlowEntry rule : core.switches.rules(FakeDevices.id(2))) {
            assertTrue("meter instruction first", rule.treatment().metered() != null
                    || rule.treatment().meters().size() == 1);
        }
        client.ok("{\"type\":\"RemoveFlow\",\"flowId\":\"" + flow.path("flowId").asText() + "\"}");
        assertEquals(0, core.meters.live().size());
    }

    @Test
    public void rulesWaitUntilOnosReportsTheMetersInstalled() {
        core.meters.holdConfirmations();
        JsonNode pending = client.ok(VOICE.replace("{\"queue\":2}", "{\"meterKbps\":512}")
                .replace("{\"type\":\"InstallFlow\",", "{\"type\":\"InstallFlow\",\"confirm\":false,"));
        assertEquals("PENDING", pending.path("state").asText());
        assertTrue(pending.path("reason").asText().contains("meters"));
        pending.path("meters").forEach(m -> assertEquals("PENDING_ADD", m.path("state").asText()));
        assertEquals("no rule before its meter", 0, core.switches.ruleCount());

        core.meters.confirmHeld();
        JsonNode flow = client.ok("{\"type\":\"GetFlow\",\"flowId\":\"" + pending.path("flowId").asText() + "\"}");
        assertEquals("INSTALLED", flow.path("state").asText());
        flow.path("meters").forEach(m -> assertEquals("ADDED", m.path("state").asText()));
        assertEquals(6, core.switches.ruleCount());
    }

    @Test
    public void flowRemovedWhileItsMetersArePendingSendsNoRule() {
        core.meters.holdConfirmations();
        JsonNode pending = client.ok(VOICE.replace("{\"queue\":2}", "{\"meterKbps\":512}")
                .replace("{\"type\":\"InstallFlow\",", "{\"type\":\"InstallFlow\",\"confirm\":false,"));
        client.ok("{\"type\":\"RemoveFlow\",\"flowId\":\"" + pending.path("flowId").asText() + "\"}");
        assertEquals(0, core.meters.live().size());
        core.meters.confirmHeld();
        assertEquals(0, core.switches.ruleCount());
        assertEquals(0, client.ok("{\"type\":\"ListFlows\"}").path("flows").size());
    }

    @Test
    public void refusedMeterInstallsNothingAndReleasesTheOthers() {
        core.meters.refuseOn(FakeDevices.id(3));
        JsonNode error = client.error(VOICE.replace("{\"queue\":2}", "{\"meterKbps\":512}"), "FLOW_REFUSED");
        assertTrue(error.path("message").asText().contains(FakeDevices.id(3) + " refused the meter"));
        assertEquals("no rule may reach a switch", 0, core.switches.batches());
        assertEquals(0, core.meters.live().size());
        // The handle existed while its meters were pending: it stays visible as FAILED.
        JsonNode flows = client.ok("{\"type\":\"ListFlows\"}").path("flows");
        assertEquals(1, flows.size());
        assertEquals("FAILED", flows.get(0).path("state").asText());
        assertEquals(flows.get(0).path("flowId").asText(), error.path("flowId").asText());
    }

    @Test
    public void noPathAndUnknownHostAreTypedErrors() {
        core.paths.cut(2);
        client.error(VOICE, "NO_PATH");
        client.error(VOICE.replace("10.0.0.3", "10.0.0.9"), "UNKNOWN_HOST");
        assertEquals(0, core.switches.ruleCount());
    }

    @Test
    public void aRequestWithTwoFormsIsInvalidAndOneWithNoneMissing() {
        String both = VOICE.replace("{\"type\":\"InstallFlow\",", "{\"type\":\"InstallFlow\",\"flows\":[],");
        JsonNode error = client.error(both, "INVALID_FIELD");
        assertEquals("network", error.path("field").asText());
        assertTrue(error.path("message").asText().contains("cannot be given with flows"));
        assertEquals("network", client.error("{\"type\":\"InstallFlow\"}", "MISSING_FIELD").path("field").asText());
        assertEquals(0, core.switches.ruleCount());
    }
}
