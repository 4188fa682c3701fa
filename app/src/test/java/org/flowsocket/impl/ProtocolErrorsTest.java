/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.SessionInfo;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Every malformed or invalid request gets exactly one typed error reply
 * that echoes the request's id when it has a usable one and names the
 * offending field, and the session survives it.
 */
public class ProtocolErrorsTest extends CoreTestBase {

    private static final String S1 = "of:0000000000000001";
    private static final String HOST = "{\"type\":\"AddNode\",\"kind\":\"host\",\"mac\":\"00:00:00:00:00:01\","
            + "\"ips\":[\"10.0.0.1\"],\"location\":{\"deviceId\":\"" + S1 + "\",\"port\":3}}";
    private static final String NETWORK = "{\"type\":\"InstallFlow\",\"network\":{\"src\":\"10.0.0.1\","
            + "\"dst\":\"10.0.0.2\"}}";


    /** Sends a frame and checks it is an error of a code; returns the error. */
    private JsonNode rawError(String frame, String code) {
        JsonNode reply = client.raw(frame);
        assertEquals("reply to " + frame + ": " + reply, "error", reply.path("status").asText());
        assertEquals("reply to " + frame + ": " + reply, code, reply.path("error").path("code").asText());
        return reply;
    }

    private static void assertNullId(JsonNode reply) {
        assertTrue("id must be present and null: " + reply, reply.has("id") && reply.get("id").isNull());
    }

    private void invalid(String request, String field) {
        assertEquals(field, client.error(request, "INVALID_FIELD").path("field").asText());
    }

    @Test
    public void unparsableFramesAreMalformedJsonWithNullId() {
        for (String frame : new String[]{"{not json", "{\"id\":\"a\",\"type\":\"Hello\"", "", "   ",
                "{\"id\":\"a\",\"type\":\"Hello\"} trailing"}) {
            assertNullId(rawError(frame, "MALFORMED_JSON"));
        }
    }

    @Test
    public void aFrameWithTwoRequestsIsMalformedAndRunsNeither() {
        String two = HOST.replace("{\"type\"", "{\"id\":\"a\",\"type\"") + " {\"id\":\"b\",\"type\":\"Hello\"}";
        assertNullId(rawError(two, "MALFORMED_JSON"));
        assertEquals("exactly one reply per frame", 0, client.pendingReplies());
        assertEquals("the first request must not have run", 0, core.hosts.getHostCount());
    }

    @Test
    public void framesThatAreNotObjectsAreMalformedJson() {
        for (String frame : new String[]{"[{\"id\":\"a\",\"type\":\"Hello\"}]", "\"Hello\"", "42", "null", "true"}) {
            JsonNode reply = rawError(frame, "MALFORMED_JSON");
            assertNullId(reply);
            assertTrue(reply.path("error").path("message").asText().contains("JSON object"));
        }
    }

    @Test
    public void nestingIsLimitedTo32Levels() {
        // The request object is level 1; 31 arrays inside it make 32 levels: parsed, then rejected as a field.
        String fine = "{\"id\":\"deep\",\"type\":\"Hello\",\"x\":" + "[".repeat(31) + "]".repeat(31) + "}";
        JsonNode reply = rawError(fine, "INVALID_FIELD");
        assertEquals("deep", reply.path("id").asText());
        assertEquals("x", reply.path("error").path("field").asText());

        String tooDeep = "{\"id\":\"deep\",\"type\":\"Hello\",\"x\":" + "[".repeat(32) + "]".repeat(32) + "}";
        assertTrue(rawError(tooDeep, "MALFORMED_JSON").path("error").path("message").asText().contains("32"));

        // A hostile frame is refused without building its tree (no stack overflow).
        String hostile = "{\"x\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}";
        assertNullId(rawError(hostile, "MALFORMED_JSON"));
    }

    @Test
    public void missingIdIsReportedWithNullId() {
        JsonNode reply = rawError("{\"type\":\"Hello\"}", "MISSING_FIELD");
        assertNullId(reply);
        assertEquals("id", reply.path("error").path("field").asText());
        assertNullId(rawError("{\"id\":null,\"type\":\"Hello\"}", "MISSING_FIELD"));
    }

    @Test
    public void idsOfTheWrongTypeAreInvalidAndNotEchoed() {
        String longId = "x".repeat(RequestDispatcher.MAX_ID_LENGTH + 1);
        for (String id : new String[]{"{\"a\":1}", "[1]", "1.5", "1e3", "true", "\"\"", "\"" + longId + "\"",
                "99999999999999999999"}) {
            JsonNode reply = rawError("{\"id\":" + id + ",\"type\":\"Hello\"}", "INVALID_FIELD");
            assertNullId(reply);
            assertEquals("id " + id, "id", reply.path("error").path("field").asText());
        }
        String longestId = "x".repeat(RequestDispatcher.MAX_ID_LENGTH);
        JsonNode reply = client.raw("{\"id\":\"" + longestId + "\",\"type\":\"Hello\"}");
        assertEquals("ok", reply.path("status").asText());
        assertEquals(longestId, reply.path("id").asText());
    }

    @Test
    public void missingOrNonStringTypeIsReportedWithTheId() {
        JsonNode missing = rawError("{\"id\":\"t1\"}", "MISSING_FIELD");
        assertEquals("t1", missing.path("id").asText());
        assertEquals("type", missing.path("error").path("field").asText());
        for (String type : new String[]{"5", "{\"name\":\"Hello\"}", "[\"Hello\"]", "true"}) {
            JsonNode reply = rawError("{\"id\":\"t2\",\"type\":" + type + "}", "INVALID_FIELD");
            assertEquals("t2", reply.path("id").asText());
            assertEquals("type", reply.path("error").path("field").asText());
        }
    }

    @Test
    public void unknownCommandNamesTheTypeField() {
        JsonNode error = client.error("{\"type\":\"Frobnicate\"}", "UNKNOWN_COMMAND");
        assertEquals("type", error.path("field").asText());
        assertTrue("lists the known commands", error.path("message").asText().contains("InstallFlow"));
        assertEquals("command names are case-sensitive", "type",
                     client.error("{\"type\":\"hello\"}", "UNKNOWN_COMMAND").path("field").asText());
    }

    @Test
    public void fieldsOfTheWrongTypeAreInvalid() {
        invalid(HOST.replace("\"ips\"", "\"vlan\":{\"id\":10},\"ips\""), "vlan");
        invalid(HOST.replace("[\"10.0.0.1\"]", "\"10.0.0.1\""), "ips");
        invalid(HOST.replace("\"location\":{", "\"location\":[{").replace("3}}", "3}]}"), "location");
        invalid(NETWORK.replace("}}", ",\"priority\":\"high\"}}"), "network.priority");
        invalid(NETWORK.replace("}}", ",\"priority\":1e30}}"), "network.priority");
        invalid(NETWORK.replace("}}", ",\"priority\":99999999999999999999}}"), "network.priority");
        invalid(NETWORK.replace("}}", ",\"priority\":40000.5}}"), "network.priority");
        invalid(NETWORK.replace("}}", ",\"bidirectional\":\"yes\"}}"), "network.bidirectional");
        invalid(NETWORK.replace("}}", "},\"confirm\":1}"), "confirm");
        invalid("{\"type\":\"ListNodes\",\"limit\":99999999999999999999}", "limit");
        invalid("{\"type\":\"GetFlow\",\"flowId\":17}", "flowId");
    }

    @Test
    public void invalidAddressesAreInvalid() {
        invalid(HOST.replace("10.0.0.1", "10.0.0.256"), "ips[0]");
        invalid(HOST.replace("[\"10.0.0.1\"]", "[\"10.0.0.1\",\"host-b\"]"), "ips[1]");
        invalid("{\"type\":\"GetNode\",\"ip\":\"not-an-ip\"}", "ip");
        invalid(NETWORK.replace("10.0.0.2", "10.0.0"), "network.dst");
        invalid(HOST.replace("00:00:00:00:00:01", "00:00:00:00:01"), "mac");
        invalid(HOST.replace("00:00:00:00:00:01", "00-00-00-00-00-01"), "mac");
        invalid(HOST.replace("00:00:00:00:00:01", "zz:00:00:00:00:01"), "mac");
        assertEquals(0, core.hosts.getHostCount());
    }

    @Test
    public void vlanMustBeFrom1To4094() {
        for (String vlan : new String[]{"0", "4095", "\"4095\"", "-1", "\"ten\""}) {
            invalid(HOST.replace("\"ips\"", "\"vlan\":" + vlan + ",\"ips\""), "vlan");
        }
        assertEquals(0, core.hosts.getHostCount());
        JsonNode host = client.ok(HOST.replace("\"ips\"", "\"vlan\":4094,\"ips\""));
        assertEquals("00:00:00:00:00:01/4094", host.path("id").asText());
    }

    @Test
    public void portMustBeAPositiveNumber() {
        for (String port : new String[]{"0", "-1", "\"abc\"", "\"-1\"", "1.5", "4294967041"}) {
            invalid(HOST.replace("\"port\":3", "\"port\":" + port), "location.port");
        }
        assertEquals(0, core.hosts.getHostCount());
        assertEquals("port given as a decimal string", "3",
                     client.ok(HOST.replace("\"port\":3", "\"port\":\"3\"")).path("locations").get(0)
                             .path("port").asText());
    }

    @Test
    public void qosAndPriorityValuesAreBounded() {
        invalid(NETWORK.replace("}}", ",\"qos\":{\"dscp\":64}}}"), "network.qos.dscp");
        invalid(NETWORK.replace("}}", ",\"qos\":{\"dscp\":-1}}}"), "network.qos.dscp");
        invalid(NETWORK.replace("}}", ",\"priority\":0}}"), "network.priority");
        invalid(NETWORK.replace("}}", ",\"priority\":65536}}"), "network.priority");
        invalid(NETWORK.replace("}}", ",\"class\":\"platinum\"}}"), "network.class");
        invalid(NETWORK.replace("}}", "},\"timeoutMs\":50}"), "timeoutMs");
        assertEquals(0, core.switches.ruleCount());
    }

    @Test
    public void unknownFieldsAreNamedByTheirPath() {
        invalid("{\"type\":\"Hello\",\"verbose\":true}", "verbose");
        invalid(NETWORK.replace("}}", ",\"qos\":{\"colour\":\"gold\"}}}"), "network.qos.colour");
        invalid(HOST.replace("\"port\":3", "\"port\":3,\"vlan\":5"), "location.vlan");
        JsonNode error = client.error("{\"type\":\"ListFlows\",\"ownr\":\"onos\"}", "INVALID_FIELD");
        assertTrue("suggests the known fields", error.path("message").asText().contains("owner"));
    }

    @Test
    public void aBurstOfBadFramesLeavesTheSessionWorking() {
        String[] bad = {"{oops", "[]", "{\"type\":\"Hello\"}", "{\"id\":1.5,\"type\":\"Hello\"}",
                "{\"id\":\"x\",\"type\":\"Nope\"}", "{\"id\":\"x\",\"type\":\"GetNode\"}"};
        for (int i = 0; i < 50; i++) {
            JsonNode reply = client.raw(bad[i % bad.length]);
            assertEquals("error", reply.path("status").asText());
        }
        assertEquals("exactly one reply per frame", 0, client.pendingReplies());
        assertEquals("FlowSocket", client.ok("{\"type\":\"Hello\"}").path("server").asText());
        assertFalse("the server must not drop the client", client.closedWith.isDone());
        SessionInfo info = core.manager.sessions().get(0);
        assertEquals(51, info.requests());
        assertEquals(50, info.errors());
        assertEquals(0, info.inFlight());
    }

    @Test
    public void repliesEchoStringAndNumericIds() {
        JsonNode text = client.raw("{\"id\":\"req-7\",\"type\":\"Hello\"}");
        assertEquals("req-7", text.path("id").textValue());
        JsonNode number = client.raw("{\"id\":42,\"type\":\"Hello\"}");
        assertTrue("a numeric id stays a number: " + number, number.path("id").isIntegralNumber());
        assertEquals(42, number.path("id").asInt());
        JsonNode big = client.raw("{\"id\":" + Long.MAX_VALUE + ",\"type\":\"Hello\"}");
        assertEquals(Long.MAX_VALUE, big.path("id").asLong());
        JsonNode negative = client.raw("{\"id\":-3,\"type\":\"Hello\"}");
        assertEquals(-3, negative.path("id").asInt());
        JsonNode error = client.raw("{\"id\":7,\"type\":\"Nope\"}");
        assertEquals("error", error.path("status").asText());
        assertEquals(7, error.path("id").asInt());
        assertEquals("Nope", error.path("type").asText());
        JsonNode commandError = client.raw("{\"id\":\"g\",\"type\":\"GetFlow\",\"flowId\":\"fs-404\"}");
        assertEquals("g", commandError.path("id").asText());
        assertEquals("UNKNOWN_FLOW", commandError.path("error").path("code").asText());
    }
}
