/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.After;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.flowsocket.sandbox.e2e.E2eSandbox.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * InstallFlow / GetFlow / RemoveFlow over the WebSocket on ONOS's real
 * FlowRuleManager and the simulated switches, checked three ways: the
 * switches' tables, FlowRuleService in this JVM, and ONOS's REST API.
 */
public class FlowsE2ETest extends E2eTestBase {

    static final String VOICE = "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.3',"
            + "'protocol':'udp','dstPort':5060,'class':'voice','qos':{'queue':2},'bidirectional':true}}";

    @After
    public void nothingLeftBehind() throws Exception {
        removeAllFlows(admin);
        for (DeviceId d : List.of(S1, S2, S3)) {
            eventually("no FlowSocket rule left on " + d, () -> env.switchRules(d).isEmpty()
                    && env.onosRules(d).isEmpty());
        }
        assertEquals(List.of(), admin.problems());
    }

    @Test
    public void deviceFlowIsInstalledOnlyOnceTheSwitchHoldsItAndRemovedFromItsTable() throws Exception {
        JsonNode flow = admin.ok("{'type':'InstallFlow','flows':[{'priority':40000,'isPermanent':true,"
                + "'deviceId':'" + S1 + "','treatment':{'instructions':[{'type':'OUTPUT','port':'2'}]},"
                + "'selector':{'criteria':[{'type':'ETH_TYPE','ethType':'0x800'},"
                + "{'type':'IPV4_DST','ip':'10.0.0.2/32'}]}}]}");
        assertEquals("INSTALLED", flow.path("state").asText());
        assertEquals("device", flow.path("kind").asText());
        assertEquals(1, flow.path("rules").size());
        String ruleId = flow.path("rules").path(0).path("flowId").asText();

        // Confirmed means the switch has it already: no waiting here.
        List<FlowEntry> onSwitch = env.switchRules(S1);
        assertEquals(onSwitch.toString(), 1, onSwitch.size());
        assertEquals(ruleId, Long.toString(onSwitch.get(0).id().value()));
        assertEquals(40000, onSwitch.get(0).priority());

        eventually("REST lists the rule ADDED", () -> restStates(S1).equals(List.of("ADDED")));
        JsonNode rest = env.restFlows(S1).get(0);
        assertEquals(onSwitch.get(0).id().value(), Long.parseLong(rest.path("id").asText()));
        assertEquals("10.0.0.2/32", criterion(rest, "IPV4_DST").path("ip").asText());

        JsonNode removed = admin.ok("{'type':'RemoveFlow','flowId':'" + flow.path("flowId").asText() + "'}");
        assertEquals("REMOVED", removed.path("state").asText());
        assertEquals("confirmed removal: the switch table is empty", List.of(), env.switchRules(S1));
        eventually("REST no longer lists the rule", () -> env.restFlows(S1, S2, S3).isEmpty());
        assertEquals("UNKNOWN_FLOW", admin.error("{'type':'GetFlow','flowId':'"
                + flow.path("flowId").asText() + "'}").path("code").asText());
    }

    @Test
    public void bidirectionalVoiceFlowPutsSixDscpMarkedRulesOnThePath() throws Exception {
        JsonNode flow = admin.ok(VOICE);
        String flowId = flow.path("flowId").asText();
        assertEquals("INSTALLED", flow.path("state").asText());
        assertEquals(6, flow.path("rules").size());
        assertEquals(46, flow.path("spec").path("qos").path("dscp").asInt());
        assertEquals(50000, flow.path("spec").path("priority").asInt());

        // Confirmed means the switches hold every rule: two per switch, one per direction.
        Set<String> ruleIds = new HashSet<>();
        flow.path("rules").forEach(r -> ruleIds.add(r.path("deviceId").asText() + "/" + r.path("flowId").asText()));
        Set<String> onSwitches = new HashSet<>();
        for (DeviceId d : List.of(S1, S2, S3)) {
            List<FlowEntry> rules = env.switchRules(d);
            assertEquals(d + " holds " + rules, 2, rules.size());
            rules.forEach(e -> onSwitches.add(d + "/" + e.id().value()));
        }
        assertEquals(ruleIds, onSwitches);

        // ONOS REST: six rules of org.flowsocket.app, each marking EF, queue 2, matching in-port,
        // on the path 10.0.0.1 -> s1 -> s2 -> s3 -> 10.0.0.3 and back.
        eventually("REST lists 6 ADDED rules", () -> {
            List<JsonNode> rest = env.restFlows(S1, S2, S3);
            return rest.size() == 6 && rest.stream().allMatch(f -> "ADDED".equals(f.path("state").asText()));
        });
        Set<String> hops = new HashSet<>();
        for (JsonNode f : env.restFlows(S1, S2, S3)) {
            assertEquals(50000, f.path("priority").asInt());
            assertEquals(f.toString(), 46, instruction(f, "L3MODIFICATION", "IP_DSCP").path("ipDscp").asInt());
            assertEquals(2, instruction(f, "QUEUE", null).path("queueId").asInt());
            assertEquals("17", criterion(f, "IP_PROTO").path("protocol").asText());
            boolean forward = "10.0.0.1/32".equals(criterion(f, "IPV4_SRC").path("ip").asText());
            assertEquals(5060, criterion(f, forward ? "UDP_DST" : "UDP_SRC").path("udpPort").asInt());
            hops.add(f.path("deviceId").asText() + " " + criterion(f, "IPV4_SRC").path("ip").asText()
                    + " in " + criterion(f, "IN_PORT").path("port").asText()
                    + " out " + instruction(f, "OUTPUT", null).path("port").asText());
        }
        assertEquals(Set.of(S1 + " 10.0.0.1/32 in 1 out 2", S2 + " 10.0.0.1/32 in 2 out 3",
                            S3 + " 10.0.0.1/32 in 2 out 1", S3 + " 10.0.0.3/32 in 1 out 2",
                            S2 + " 10.0.0.3/32 in 3 out 2", S1 + " 10.0.0.3/32 in 2 out 1"), hops);

        // GetFlow: every rule ADDED in ONOS, with its ONOS flow JSON.
        JsonNode got = eventually("GetFlow shows every rule ADDED", Duration.ofSeconds(10), () -> {
            try {
                JsonNode g = admin.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
                return ruleStates(g).equals(List.of("ADDED", "ADDED", "ADDED", "ADDED", "ADDED", "ADDED"))
                        ? g : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("INSTALLED", got.path("state").asText());
        got.path("rules").forEach(r -> assertEquals(r.path("deviceId").asText(),
                                                    r.path("rule").path("deviceId").asText()));

        JsonNode removed = admin.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        assertEquals("REMOVED", removed.path("state").asText());
        for (DeviceId d : List.of(S1, S2, S3)) {
            assertEquals("confirmed removal: " + d + " is empty", List.of(), env.switchRules(d));
        }
        eventually("REST no longer lists the rules", () -> env.restFlows(S1, S2, S3).isEmpty());
        assertEquals(0, admin.ok("{'type':'ListFlows'}").path("flows").size());
    }

    /** Removes (force) every flow handle, so one failing test does not fail the next. */
    @Test
    public void aRemovedFlowCanBeInstalledAgainAtOnce() throws Exception {
        // On ONOS's distributed store, map events reach listeners after the
        // change returns: the node that removed a flow must not still believe
        // its rules taken when the next request comes.
        for (int i = 0; i < 5; i++) {
            JsonNode flow = admin.ok(VOICE);
            assertEquals("INSTALLED", flow.path("state").asText());
            admin.ok("{'type':'RemoveFlow','flowId':'" + flow.path("flowId").asText() + "'}");
        }
    }

    static void removeAllFlows(FlowSocketClient client) throws Exception {
        for (JsonNode f : client.ok("{'type':'ListFlows'}").path("flows")) {
            client.call("{'type':'RemoveFlow','force':true,'flowId':'" + f.path("flowId").asText() + "'}");
        }
    }

    static List<String> ruleStates(JsonNode handle) {
        List<String> states = new ArrayList<>();
        handle.path("rules").forEach(r -> states.add(r.path("state").asText()));
        return states;
    }

    private static List<String> restStates(DeviceId device) throws Exception {
        return env.restFlows(device).stream().map(f -> f.path("state").asText()).collect(Collectors.toList());
    }

    /** The criterion of a type in ONOS REST flow JSON. */
    static JsonNode criterion(JsonNode flow, String type) {
        for (JsonNode c : flow.path("selector").path("criteria")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + type + " criterion in " + flow);
    }

    /** The instruction of a type (and subtype) in ONOS REST flow JSON. */
    static JsonNode instruction(JsonNode flow, String type, String subtype) {
        for (JsonNode i : flow.path("treatment").path("instructions")) {
            if (type.equals(i.path("type").asText())
                    && (subtype == null || subtype.equals(i.path("subtype").asText()))) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " " + subtype + " instruction in " + flow);
    }
}
