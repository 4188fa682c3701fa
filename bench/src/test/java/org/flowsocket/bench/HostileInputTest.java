/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.websocket.api.UpgradeException;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.Requests;
import org.flowsocket.testkit.FlowSocketClients;
import org.flowsocket.testkit.Frames;
import org.flowsocket.testkit.RawWebSocket;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Hostile input: every malformed, mistyped, oversized or forbidden request
 * gets its documented error (or close, or HTTP status), the network is left
 * as it was, and a bystander connection keeps being served throughout.
 */
public class HostileInputTest {

    private static SuiteSandbox box;
    private static final String DEV = "of:0000000000000001";

    private FlowSocketClient admin;
    private FlowSocketClient bystander;
    private SuiteSandbox.NetworkState before;

    @BeforeClass
    public static void start() throws Exception {
        box = SuiteSandbox.start(Duration.ofMillis(5));
    }

    @AfterClass
    public static void stop() {
        box.close();
    }

    @Before
    public void connect() throws Exception {
        admin = box.admin();
        bystander = box.admin();
        before = box.state();
    }

    @After
    public void unchanged() throws Exception {
        assertEquals("network state", before, box.state());
        SuiteSandbox.assertServed(bystander);
        assertTrue("bystander still open", bystander.isOpen());
        assertEquals("bystander saw nothing unexpected", 0, bystander.unmatchedReplies());
        admin.close();
        bystander.close();
    }

    // One request frame whose reply must be an error with this code (and
    // field, when given); the id the reply carries must be expectedId.
    private void expectError(String frame, String code, String field, String expectedId) throws Exception {
        CompletableFuture<JsonNode> f = expectedId == null ? admin.requestNullId(frame)
                : admin.request(expectedId, frame);
        JsonNode reply;
        try {
            reply = f.get(SuiteSandbox.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no reply with id " + expectedId + " to " + Requests.abbreviate(frame)
                    + "; replies without a match: " + admin.problems(), e);
        }
        assertEquals(Requests.abbreviate(frame) + " -> " + reply, "error", reply.path("status").asText());
        assertEquals(Requests.abbreviate(frame) + " -> " + reply, code, reply.path("error").path("code").asText());
        if (field != null) {
            assertEquals(Requests.abbreviate(frame) + " -> " + reply, field,
                    reply.path("error").path("field").asText());
        }
        assertTrue(admin.isOpen());
    }

    private void expectError(String frame, String code, String field) throws Exception {
        expectError(frame, code, field, "\"x\"");
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    @Test
    public void malformedJsonIsAnsweredWithNullId() throws Exception {
        for (String frame : List.of("{", "not json", "[]", "[1,2]", "\"text\"", "42", "null", "{}}",
                "{\"type\":\"Hello\",\"id\":1}{\"type\":\"Hello\",\"id\":2}", "{\"type\":\"Hello\",\"id\":1,}",
                "{'type':'Hello','id':1}", "{\"type\":\"Hello\",\"id\":1", "\u0000", " ")) {
            expectError(frame, "MALFORMED_JSON", null, null);
        }
    }

    @Test
    public void envelopeErrors() throws Exception {
        expectError("{}", "MISSING_FIELD", "id", null);
        expectError("{\"type\":\"Hello\"}", "MISSING_FIELD", "id", null);
        expectError("{\"type\":\"Hello\",\"id\":null}", "MISSING_FIELD", "id", null);
        expectError("{\"id\":\"x\"}", "MISSING_FIELD", "type");
        expectError("{\"id\":\"x\",\"type\":null}", "MISSING_FIELD", "type");
        expectError("{\"id\":\"x\",\"type\":7}", "INVALID_FIELD", "type");
        expectError("{\"id\":\"x\",\"type\":[\"Hello\"]}", "INVALID_FIELD", "type");
        expectError("{\"id\":\"x\",\"type\":\"Launch\"}", "UNKNOWN_COMMAND", "type");
        expectError("{\"id\":\"x\",\"type\":\"hello\"}", "UNKNOWN_COMMAND", "type");
        for (String id : List.of("{}", "[1]", "true", "1.5", "\"\"", "\"" + repeat("i", 129) + "\"",
                "123456789012345678901234567890", "1e400", "-1e400")) {
            expectError("{\"type\":\"Hello\",\"id\":" + id + "}", "INVALID_FIELD", "id", null);
        }
        // The longest id, a negative one and the largest whole number are fine.
        for (String id : List.of("\"" + repeat("i", 128) + "\"", "-9223372036854775808", "9223372036854775807")) {
            JsonNode r = admin.request(id, "{\"type\":\"Hello\",\"id\":" + id + "}").get(10, TimeUnit.SECONDS);
            assertEquals(r.toString(), "ok", r.path("status").asText());
        }
    }

    @Test
    public void unknownFieldsAreNamed() throws Exception {
        expectError("{\"type\":\"Hello\",\"id\":\"x\",\"verbose\":true}", "INVALID_FIELD", "verbose");
        expectError("{\"type\":\"ListFlows\",\"id\":\"x\",\"ownr\":\"onos\"}", "INVALID_FIELD", "ownr");
        expectError("{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"host\",\"mac\":\"0a:00:00:00:00:01\","
                + "\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":1,\"slot\":2}}", "INVALID_FIELD",
                "location.slot");
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"network\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\","
                + "\"qos\":{\"dscp\":46,\"color\":\"red\"}}}", "INVALID_FIELD", "network.qos.color");
    }

    @Test
    public void wrongTypes() throws Exception {
        expectError("{\"type\":\"ListNodes\",\"id\":\"x\",\"limit\":\"10\"}", "INVALID_FIELD", "limit");
        expectError("{\"type\":\"ListNodes\",\"id\":\"x\",\"kind\":7}", "INVALID_FIELD", "kind");
        expectError("{\"type\":\"Subscribe\",\"id\":\"x\",\"topics\":\"hosts\"}", "INVALID_FIELD", "topics");
        expectError("{\"type\":\"Subscribe\",\"id\":\"x\",\"topics\":[\"weather\"]}", "INVALID_FIELD", null);
        expectError("{\"type\":\"Batch\",\"id\":\"x\",\"requests\":{}}", "INVALID_FIELD", "requests");
        expectError("{\"type\":\"Batch\",\"id\":\"x\",\"requests\":[1]}", "INVALID_FIELD", "requests[0]");
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"flows\":{}}", "INVALID_FIELD", "flows");
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"flows\":[\"rule\"]}", "INVALID_FIELD", "flows[0]");
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"network\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\","
                + "\"bidirectional\":\"yes\"}}", "INVALID_FIELD", "network.bidirectional");
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"confirm\":1,\"network\":{\"src\":\"10.0.0.1\","
                + "\"dst\":\"10.0.0.3\"}}", "INVALID_FIELD", "confirm");
        expectError("{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"host\",\"mac\":\"0a:00:00:00:00:01\","
                + "\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":1},\"annotations\":{\"a\":1}}", "INVALID_FIELD", null);
        expectError("{\"type\":\"RemoveFlow\",\"id\":\"x\",\"flowId\":17}", "INVALID_FIELD", "flowId");
        expectError("{\"type\":\"GetFlow\",\"id\":\"x\"}", "MISSING_FIELD", "flowId");
    }

    @Test
    public void hugeNumbersAndLimits() throws Exception {
        for (String limit : List.of("0", "-1", "10001", "1e30", "99999999999999999999", "2.5", "-9223372036854775809")) {
            expectError("{\"type\":\"ListNodes\",\"id\":\"x\",\"limit\":" + limit + "}", "INVALID_FIELD", "limit");
            expectError("{\"type\":\"ListFlows\",\"id\":\"x\",\"limit\":" + limit + "}", "INVALID_FIELD", "limit");
        }
        for (String t : List.of("99", "120001", "-5", "1e20", "0")) {
            expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"timeoutMs\":" + t + ",\"network\":{\"src\":"
                    + "\"10.0.0.1\",\"dst\":\"10.0.0.3\"}}", "INVALID_FIELD", "timeoutMs");
            expectError("{\"type\":\"RemoveFlow\",\"id\":\"x\",\"flowId\":\"fs-1\",\"timeoutMs\":" + t + "}",
                    "INVALID_FIELD", "timeoutMs");
        }
        String net = "{\"type\":\"InstallFlow\",\"id\":\"x\",\"network\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\",";
        expectError(net + "\"protocol\":\"udp\",\"dstPort\":65536}}", "INVALID_FIELD", "network.dstPort");
        expectError(net + "\"protocol\":\"udp\",\"srcPort\":0}}", "INVALID_FIELD", "network.srcPort");
        expectError(net + "\"priority\":65536}}", "INVALID_FIELD", "network.priority");
        expectError(net + "\"priority\":1e100}}", "INVALID_FIELD", "network.priority");
        expectError(net + "\"qos\":{\"dscp\":64}}}", "INVALID_FIELD", "network.qos.dscp");
        expectError(net + "\"qos\":{\"dscp\":-1}}}", "INVALID_FIELD", "network.qos.dscp");
        expectError(net + "\"timeout\":-1}}", "INVALID_FIELD", "network.timeout");
        expectError(net + "\"qos\":{\"meterKbps\":-5}}}", "INVALID_FIELD", "network.qos.meterKbps");
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"flows\":[{\"priority\":99999999999,\"deviceId\":\""
                + DEV + "\",\"selector\":{\"criteria\":[]},\"treatment\":{\"instructions\":[]}}]}",
                "INVALID_FIELD", "flows[0].priority");
        expectError("{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"host\",\"mac\":\"0a:00:00:00:00:01\","
                + "\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":1e300}}", "INVALID_FIELD", "location.port");
    }

    @Test
    public void deepNestingIsRefusedUnparsed() throws Exception {
        // The request is refused without building the deep part; its id is still echoed.
        for (int depth : new int[]{33, 1000, 200_000}) {
            String frame = "{\"type\":\"Hello\",\"id\":1,\"x\":" + repeat("[", depth - 1) + repeat("]", depth - 1) + "}";
            expectError(frame, "MALFORMED_JSON", null, "1");
        }
        String deepObject = repeat("{\"a\":", 40) + "1" + repeat("}", 40);
        expectError(deepObject, "MALFORMED_JSON", null, null);
    }

    @Test
    public void longStringsAndLists() throws Exception {
        expectError("{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"host\",\"mac\":\"0a:00:00:00:00:01\",\"name\":\""
                + repeat("n", 1025) + "\",\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":1}}", "INVALID_FIELD", "name");
        expectError("{\"type\":\"GetFlow\",\"id\":\"x\",\"flowId\":\"" + repeat("f", 100_000) + "\"}",
                "INVALID_FIELD", "flowId");
        expectError("{\"type\":\"GetNode\",\"id\":\"x\",\"deviceId\":\"of:" + repeat("0", 5000) + "\"}",
                "INVALID_FIELD", "deviceId");
        StringBuilder ips = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            ips.append(i == 0 ? "" : ",").append("\"10.9.0.").append(i + 1).append('"');
        }
        expectError("{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"host\",\"mac\":\"0a:00:00:00:00:01\",\"ips\":["
                + ips + "],\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":1}}", "TOO_LARGE", "ips");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 257; i++) {
            items.append(i == 0 ? "" : ",").append("{\"type\":\"Hello\"}");
        }
        expectError("{\"type\":\"Batch\",\"id\":\"x\",\"requests\":[" + items + "]}", "TOO_LARGE", "requests");
        StringBuilder flows = new StringBuilder();
        FlowRules rules = new FlowRules(box.sandbox().network().deviceIds());
        for (int i = 0; i < 1001; i++) {
            flows.append(i == 0 ? "" : ",").append(rules.json(900_000 + i, true));
        }
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"flows\":[" + flows + "]}", "TOO_LARGE", "flows");
        expectError("{\"type\":\"Batch\",\"id\":\"x\",\"requests\":[{\"type\":\"Batch\",\"requests\":[]}]}",
                "INVALID_FIELD", "requests[0].type");
    }

    @Test
    public void everyInvalidAddressForm() throws Exception {
        String host = "{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"host\",";
        for (String mac : List.of("\"\"", "\"00:11:22:33:44\"", "\"00:11:22:33:44:55:66\"", "\"zz:11:22:33:44:55\"",
                "\"0011.2233.4455\"", "\"00:11:22:33:44:5\"", "12345", "null", "\" 00:11:22:33:44:55\"")) {
            expectError(host + "\"mac\":" + mac + "}", mac.equals("null") ? "MISSING_FIELD" : "INVALID_FIELD", "mac");
        }
        String at = ",\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":1}";
        String mac = "\"mac\":\"0a:00:00:00:00:01\"";
        for (String vlan : List.of("0", "4095", "-1", "\"x\"", "\"None1\"", "1.5", "70000", "true")) {
            expectError(host + mac + at + ",\"vlan\":" + vlan + "}", "INVALID_FIELD", "vlan");
        }
        for (String ip : List.of("\"10.0.0.256\"", "\"::g\"", "\"10.0.0.1/24\"", "\"10.0.0\"", "\"\"", "1",
                "\"localhost\"", "\"1.2.3.4.5\"")) {
            expectError(host + mac + at + ",\"ips\":[" + ip + "]}", "INVALID_FIELD", "ips[0]");
        }
        for (String dev : List.of("\"\"", "\"nocolon\"", "\"of:\"", "\":0001\"", "\"of: 1\"", "\"netcon]:10.0.0.5\"",
                "\"of:%zz\"", "\"1of:1\"",
                "\"of:" + repeat("1", 300) + "\"", "7")) {
            expectError(host + mac + ",\"location\":{\"deviceId\":" + dev + ",\"port\":1}}", "INVALID_FIELD",
                    "location.deviceId");
        }
        expectError(host + mac + ",\"location\":{\"deviceId\":\"of:00000000000000ff\",\"port\":1}}",
                "UNKNOWN_DEVICE", "location.deviceId");
        for (String port : List.of("0", "-1", "\"abc\"", "4294967296", "1.5", "null")) {
            expectError(host + mac + ",\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":" + port + "}}",
                    port.equals("null") ? "MISSING_FIELD" : "INVALID_FIELD", "location.port");
        }
        expectError(host + mac + ",\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":99}}", "UNKNOWN_PORT",
                "location.port");
        expectError(host + mac + ",\"location\":{\"port\":1}}", "MISSING_FIELD", "location.deviceId");
        for (String hostId : List.of("\"zz\"", "\"00:00:00:00:00:01\"", "\"00:00:00:00:00:01/5000\"", "\"/None\"",
                "\"00:00:00:00:00:01/None/1\"")) {
            expectError("{\"type\":\"RemoveNode\",\"id\":\"x\",\"hostId\":" + hostId + "}", "INVALID_FIELD",
                    "hostId");
        }
        expectError("{\"type\":\"RemoveNode\",\"id\":\"x\",\"hostId\":\"0A:00:00:00:00:99/None\"}", "UNKNOWN_HOST",
                "hostId");
        expectError("{\"type\":\"GetNode\",\"id\":\"x\",\"ip\":\"300.1.1.1\"}", "INVALID_FIELD", "ip");
        for (String command : List.of("RemoveNode", "GetNode")) {
            expectError("{\"type\":\"" + command + "\",\"id\":\"x\",\"deviceId\":\"netcon]:10.0.0.5:830\"}",
                    "INVALID_FIELD", "deviceId");
        }
        expectError("{\"type\":\"GetNode\",\"id\":\"x\",\"ip\":\"10.0.0.99\"}", "UNKNOWN_HOST", "ip");
        expectError("{\"type\":\"GetNode\",\"id\":\"x\",\"deviceId\":\"of:00000000000000ff\"}", "UNKNOWN_DEVICE",
                "deviceId");
        String dev = "{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"device\",";
        expectError(dev + "\"protocol\":\"netconf\",\"ip\":\"999.0.0.1\"}", "INVALID_FIELD", "ip");
        expectError(dev + "\"protocol\":\"netconf\",\"ip\":\"10.0.0.5\",\"port\":70000}", "INVALID_FIELD", "port");
        expectError(dev + "\"protocol\":\"openflow\",\"dpid\":\"xyz\"}", "INVALID_FIELD", "dpid");
        expectError(dev + "\"protocol\":\"carrier-pigeon\",\"ip\":\"10.0.0.5\"}", "INVALID_FIELD", "protocol");
        expectError(dev + "\"deviceId\":\"nocolon\"}", "INVALID_FIELD", "deviceId");
        expectError(dev + "\"deviceId\":\"of:00000000000000aa\",\"latitude\":91,\"longitude\":0}",
                "INVALID_FIELD", "latitude");
        String net = "{\"type\":\"InstallFlow\",\"id\":\"x\",\"network\":";
        expectError(net + "{\"src\":\"10.0.0.1/8\",\"dst\":\"10.0.0.3\"}}", "INVALID_FIELD", "network.src");
        expectError(net + "{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.99\"}}", "UNKNOWN_HOST", "network.dst");
        expectError(net + "{\"src\":\"10.0.0.1\",\"dst\":\"::1\"}}", "INVALID_FIELD", null);
        expectError(net + "{\"src\":\"10.0.0.1\"}}", "MISSING_FIELD", "network.dst");
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"flows\":[{\"deviceId\":\"bogus\",\"priority\":1}]}",
                "INVALID_FIELD", "flows[0].deviceId");
        FlowRules rules = new FlowRules(List.of(org.onosproject.net.DeviceId.deviceId("of:00000000000000ff")));
        expectError("{\"type\":\"InstallFlow\",\"id\":\"x\",\"flows\":[" + rules.json(1, true) + "]}",
                "UNKNOWN_DEVICE", "flows");
    }

    @Test
    public void viewerMayNotMutate() throws Exception {
        FlowSocketClient viewer = box.viewer();
        List<String> mutating = List.of(
                "{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"host\",\"mac\":\"0a:00:00:00:00:01\"}",
                "{\"type\":\"AddNode\",\"id\":\"x\",\"kind\":\"device\",\"protocol\":\"netconf\",\"ip\":\"10.0.0.5\"}",
                "{\"type\":\"RemoveNode\",\"id\":\"x\",\"hostId\":\"00:00:00:00:00:01/None\"}",
                "{\"type\":\"RemoveNode\",\"id\":\"x\",\"deviceId\":\"" + DEV + "\"}",
                "{\"type\":\"InstallFlow\",\"id\":\"x\",\"network\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\"}}",
                "{\"type\":\"RemoveFlow\",\"id\":\"x\",\"flowId\":\"fs-1\"}");
        for (String frame : mutating) {
            JsonNode r = viewer.request("\"x\"", frame).get(10, TimeUnit.SECONDS);
            assertEquals(frame + " -> " + r, "FORBIDDEN", r.path("error").path("code").asText());
        }
        // Inside a Batch, each mutating item is refused on its own.
        StringBuilder batch = new StringBuilder("{\"type\":\"Batch\",\"id\":\"b\",\"requests\":[");
        for (int i = 0; i < mutating.size(); i++) {
            batch.append(i == 0 ? "" : ",").append(mutating.get(i).replace("\"id\":\"x\",", ""));
        }
        batch.append(",{\"type\":\"Hello\"}]}");
        JsonNode r = viewer.request("\"b\"", batch.toString()).get(10, TimeUnit.SECONDS);
        assertEquals(r.toString(), "ok", r.path("status").asText());
        assertEquals(r.toString(), mutating.size(), r.path("result").path("failed").asInt());
        for (int i = 0; i < mutating.size(); i++) {
            assertEquals(r.toString(), "FORBIDDEN",
                    r.path("result").path("results").get(i).path("error").path("code").asText());
        }
        // Reading is allowed.
        for (String frame : List.of("{\"type\":\"ListNodes\",\"id\":\"r\"}", "{\"type\":\"ListFlows\",\"id\":\"r\"}",
                "{\"type\":\"Subscribe\",\"id\":\"r\",\"topics\":[\"hosts\"]}", "{\"type\":\"Hello\",\"id\":\"r\"}")) {
            JsonNode ok = viewer.request("\"r\"", frame).get(10, TimeUnit.SECONDS);
            assertEquals(ok.toString(), "ok", ok.path("status").asText());
        }
        viewer.close();
    }

    @Test
    public void idsReusedConcurrently() throws Exception {
        box.sandbox().network().faults().setAckLatency(Duration.ofMillis(400));
        try {
            FlowRules rules = new FlowRules(box.sandbox().network().deviceIds());
            String install = "{\"type\":\"InstallFlow\",\"id\":\"dup\",\"flows\":[" + rules.json(800_000, true) + "]}";
            List<JsonNode> late = new ArrayList<>();
            admin.onUnmatched(late::add);
            CompletableFuture<JsonNode> first = admin.request("\"dup\"", install);
            admin.sendText("{\"type\":\"Hello\",\"id\":\"dup\"}");
            JsonNode duplicate = first.get(10, TimeUnit.SECONDS);
            assertEquals(duplicate.toString(), "DUPLICATE_ID", duplicate.path("error").path("code").asText());
            assertEquals("Hello", duplicate.path("type").asText());
            assertTrue("the InstallFlow reply follows", SuiteSandbox.await(() -> late.size() == 1,
                    Duration.ofSeconds(10)));
            JsonNode installed = late.get(0);
            assertEquals(installed.toString(), "ok", installed.path("status").asText());
            // Once answered, the id may be used again; on another connection it never clashes.
            FlowSocketClient other = box.admin();
            CompletableFuture<JsonNode> again = admin.request("\"dup\"", "{\"type\":\"RemoveFlow\",\"id\":\"dup\","
                    + "\"flowId\":\"" + installed.path("result").path("flowId").asText() + "\"}");
            JsonNode hello = other.request("\"dup\"", "{\"type\":\"Hello\",\"id\":\"dup\"}").get(10, TimeUnit.SECONDS);
            assertEquals("ok", hello.path("status").asText());
            assertEquals(again.get(10, TimeUnit.SECONDS).toString(), "ok",
                    again.get().path("status").asText());
            other.close();
            assertEquals(1, late.size());
        } finally {
            box.sandbox().network().faults().setAckLatency(Duration.ofMillis(5));
        }
        assertTrue(SuiteSandbox.await(() -> box.flowSocketRules().isEmpty(), Duration.ofSeconds(10)));
    }

    @Test
    public void oversizeBinaryAndInvalidUtf8FramesClose() throws Exception {
        int max = box.flowSocket().connectionSettings().maxFrameBytes();
        int sessions = box.flowSocketAdmin().sessions().size();
        FlowSocketClient big = box.admin();
        big.sendText("{\"type\":\"Hello\",\"id\":1,\"pad\":\"" + repeat("p", max) + "\"}");
        assertEquals(1009, big.closed().get(10, TimeUnit.SECONDS).code());

        FlowSocketClient binary = box.admin();
        binary.sendBinary("{\"type\":\"Hello\",\"id\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1003, binary.closed().get(10, TimeUnit.SECONDS).code());

        FlowSocketClient bigBinary = box.admin();
        bigBinary.sendBinary(new byte[max + 1]);
        assertEquals(1009, bigBinary.closed().get(10, TimeUnit.SECONDS).code());

        for (byte[] bad : List.of(new byte[]{'{', '"', (byte) 0xC3, '"', '}'},
                new byte[]{(byte) 0xFF, (byte) 0xFE}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80})) {
            try (RawWebSocket raw = new RawWebSocket(box.uri(), RawWebSocket.Options.of(
                    ClientConfig.basicAuthorization("onos", "rocks")))) {
                raw.send(Frames.OP_TEXT, bad);
                assertEquals("close for " + Arrays.toString(bad), 1007, raw.readUntilClose());
            }
        }
        assertTrue("sessions end", SuiteSandbox.await(() -> box.flowSocketAdmin().sessions().size() <= sessions,
                Duration.ofSeconds(10)));
    }

    @Test
    public void handshakeRefusals() throws Exception {
        assertEquals(401, handshakeStatus(null, null, Map.of()));
        assertEquals(401, handshakeStatus("onos", "wrong", Map.of()));
        assertEquals(401, handshakeStatus("nobody", "rocks", Map.of()));
        assertEquals(401, handshakeStatus("", "", Map.of()));
        assertEquals(403, handshakeStatus("onos", "rocks", Map.of("Origin", "http://evil.example")));
        assertEquals(403, handshakeStatus("onos", "rocks", Map.of("Origin", "null")));
        assertEquals(403, handshakeStatus("onos", "rocks",
                Map.of("Origin", "http://127.0.0.1:" + (box.sandbox().web().port() + 1))));
        // The server's own origin is fine.
        assertEquals(101, handshakeStatus("onos", "rocks",
                Map.of("Origin", "http://127.0.0.1:" + box.sandbox().web().port())));
    }

    private int handshakeStatus(String user, String password, Map<String, String> headers) throws Exception {
        try {
            ClientConfig config = (user == null ? ClientConfig.anonymous() : ClientConfig.basic(user, password))
                    .countingOnly();
            for (Map.Entry<String, String> h : headers.entrySet()) {
                config = config.withHeader(h.getKey(), h.getValue());
            }
            FlowSocketClient c = FlowSocketClients.connectAsync(box.jetty(), box.uri(), config)
                    .get(10, TimeUnit.SECONDS);
            c.hello().get(10, TimeUnit.SECONDS);
            c.close();
            return 101;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof UpgradeException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                fail("handshake failed without a status: " + e.getCause());
            }
            return ((UpgradeException) cause).getResponseStatusCode();
        }
    }

    @Test
    public void refusedRequestsLeaveNoSessionBehind() throws Exception {
        int sessions = box.flowSocketAdmin().sessions().size();
        for (int i = 0; i < 20; i++) {
            FlowSocketClient c = box.admin();
            c.sendText("{");
            c.drop();
        }
        assertTrue(SuiteSandbox.await(() -> box.flowSocketAdmin().sessions().size() <= sessions, Duration.ofSeconds(10)));
        assertFalse(admin.problems().iterator().hasNext());
    }
}
