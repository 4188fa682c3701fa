/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Frames built to cost the server memory or CPU: replies stay small whatever
 * the request echoes, and no frame under the size limit costs more than a
 * few milliseconds of CPU to parse and answer.
 */
public class HostileFramesTest extends CoreTestBase {

    /** The bound the parse and answer of any frame must stay under. */
    private static final long MAX_CPU_MILLIS = 50;

    private static final int MIB = 1024 * 1024;

    private JsonNode rawError(String frame, String code) {
        JsonNode reply = client.raw(frame);
        assertEquals("reply to " + abbreviate(frame) + ": " + abbreviate(reply.toString()), code,
                     reply.path("error").path("code").asText());
        return reply;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + " chars)" : s;
    }

    @Test
    public void repliesDoNotEchoUnboundedClientText() {
        String hugeType = "T".repeat(MIB - 100);
        JsonNode reply = rawError("{\"id\":\"a\",\"type\":\"" + hugeType + "\"}", "UNKNOWN_COMMAND");
        assertTrue("reply of " + client.lastMessageLength + " chars", client.lastMessageLength < 2048);
        assertFalse("a type no command has is not echoed", reply.has("type"));
        assertEquals("a", reply.path("id").asText());

        String hugeName = "n".repeat(MIB - 100);
        reply = rawError("{\"id\":\"b\",\"type\":\"Hello\",\"" + hugeName + "\":1}", "INVALID_FIELD");
        assertTrue("reply of " + client.lastMessageLength + " chars", client.lastMessageLength < 2048);
        assertTrue(reply.path("error").path("field").asText().endsWith("..."));

        String hugeValue = "v".repeat(MIB - 200);
        rawError("{\"id\":\"c\",\"type\":\"GetNode\",\"deviceId\":\"" + hugeValue + "\"}", "INVALID_FIELD");
        assertTrue("reply of " + client.lastMessageLength + " chars", client.lastMessageLength < 2048);
    }

    @Test
    public void tooDeepRequestsKeepTheirReadableId() {
        String deepBefore = "{\"id\":\"deep\",\"type\":\"Hello\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}";
        JsonNode reply = rawError(deepBefore, "MALFORMED_JSON");
        assertEquals("deep", reply.path("id").asText());
        assertEquals("Hello", reply.path("type").asText());
        assertTrue(reply.path("error").path("message").asText().contains("32"));

        String deepFirst = "{\"x\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)
                + ",\"type\":\"Hello\",\"id\":7}";
        assertEquals(7, rawError(deepFirst, "MALFORMED_JSON").path("id").asInt());
    }

    @Test
    public void longNumberLiteralsAreRefusedBeforeConversion() {
        String digits = "9".repeat(1000);
        JsonNode reply = rawError("{\"id\":\"n\",\"type\":\"ListNodes\",\"limit\":" + digits + "}", "INVALID_FIELD");
        assertEquals("n", reply.path("id").asText());
        assertEquals("limit", reply.path("error").path("field").asText());
        reply = rawError("{\"id\":\"n\",\"type\":\"Batch\",\"requests\":[{\"type\":\"ListNodes\",\"x\":[1,"
                + "0." + digits + "]}]}", "INVALID_FIELD");
        assertEquals("requests[0].x[1]", reply.path("error").path("field").asText());
    }

    @Test
    public void loneSurrogatesAreInvalidAndNotEchoed() {
        JsonNode reply = rawError("{\"id\":\"\\ud800\",\"type\":\"Hello\"}", "INVALID_FIELD");
        assertTrue("the id is not valid Unicode: " + reply, reply.get("id").isNull());
        assertEquals("id", reply.path("error").path("field").asText());
        reply = rawError("{\"id\":\"s\",\"type\":\"AddNode\",\"kind\":\"host\",\"name\":\"a\\udc00b\"}",
                         "INVALID_FIELD");
        assertEquals("s", reply.path("id").asText());
        assertEquals("name", reply.path("error").path("field").asText());
        reply = rawError("{\"id\":\"s\",\"type\":\"Hello\",\"a\\udc00\":1}", "INVALID_FIELD");
        assertEquals("the reply itself is valid Unicode", "a\ufffd", reply.path("error").path("field").asText());
        // A proper pair is fine.
        assertEquals("ok", client.raw("{\"id\":\"\\ud83d\\ude00\",\"type\":\"Hello\"}").path("status").asText());
    }

    @Test
    public void onosFlowFieldsAreCheckedBeforeOnosReadsThem() {
        String flow = "{\"type\":\"InstallFlow\",\"flows\":[{\"deviceId\":\"of:0000000000000001\",\"priority\":10,"
                + "\"selector\":{\"criteria\":[]},\"treatment\":{\"instructions\":[]}";
        for (String timeout : new String[]{"-5", "2147483648", "65536", "\"10\"", "1.5"}) {
            assertEquals(timeout, "flows[0].timeout",
                         client.error(flow + ",\"timeout\":" + timeout + "}]}", "INVALID_FIELD").path("field").asText());
        }
        for (String table : new String[]{"-1", "255", "\"-1\"", "1.5", "true", "99999999999"}) {
            assertEquals(table, "flows[0].tableId",
                         client.error(flow + ",\"tableId\":" + table + "}]}", "INVALID_FIELD").path("field").asText());
        }
        assertEquals("flows[0].isPermanent",
                     client.error(flow + ",\"isPermanent\":\"yes\"}]}", "INVALID_FIELD").path("field").asText());
        // ONOS's codec would read these as "match all" and "no actions".
        assertEquals("flows[0].selector",
                     client.error(flow + ",\"selector\":[{\"criteria\":[]}]}]}", "INVALID_FIELD").path("field").asText());
        assertEquals("flows[0].treatment",
                     client.error(flow + ",\"treatment\":[]}]}", "INVALID_FIELD").path("field").asText());
        assertEquals(0, core.switches.ruleCount());
    }

    @Test
    public void hostAnnotationKeysAreBounded() {
        String host = "{\"type\":\"AddNode\",\"kind\":\"host\",\"mac\":\"00:00:00:00:00:01\","
                + "\"location\":{\"deviceId\":\"of:0000000000000001\",\"port\":3},\"annotations\":{";
        client.error(host + "\"\":\"v\"}}", "INVALID_FIELD");
        JsonNode error = client.error(host + "\"" + "k".repeat(5000) + "\":\"v\"}}", "INVALID_FIELD");
        assertTrue(error.toString(), error.path("field").asText().startsWith("annotations.kkk"));
        assertTrue(error.toString(), error.path("field").asText().length() < 100);
        assertEquals(0, core.hosts.getHostCount());
    }

    @Test
    public void aReplyLargerThanTheOutboundBudgetIsRefusedNotQueued() {
        core.configure(java.util.Map.of("maxQueuedBytes", 65536));
        StringBuilder batch = new StringBuilder("{\"id\":\"big\",\"type\":\"Batch\",\"requests\":[");
        for (int i = 0; i < 256; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"Hello\"}");
        }
        JsonNode reply = rawError(batch.append("]}").toString(), "TOO_LARGE");
        assertEquals("big", reply.path("id").asText());
        assertTrue(reply.toString(), reply.path("error").path("message").asText().contains("maxQueuedBytes"));
        assertTrue(client.lastMessageLength < 2048);
        assertEquals("a reply within the budget is sent", "ok",
                     client.raw("{\"id\":\"small\",\"type\":\"Hello\"}").path("status").asText());
    }

    @Test
    public void tooManyValuesAreRefused() {
        String many = "{\"id\":\"v\",\"type\":\"Hello\",\"x\":[" + "0,".repeat(200_000) + "0]}";
        JsonNode reply = rawError(many, "TOO_LARGE");
        assertEquals("v", reply.path("id").asText());
    }

    @Test
    public void noFrameUnderTheSizeLimitCostsMuchCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assertTrue(threads.isCurrentThreadCpuTimeSupported());
        int size = core.manager.connectionSettings().maxFrameBytes() - 64;
        String head = "{\"id\":\"w\",\"type\":\"Hello\",\"x\":";
        Map<String, String> frames = new LinkedHashMap<>();
        frames.put("huge integer", head + "1" + "7".repeat(size - head.length() - 2) + "}");
        frames.put("huge fraction", head + "1." + "7".repeat(size - head.length() - 3) + "}");
        frames.put("huge exponent", head + "1e" + "7".repeat(size - head.length() - 3) + "}");
        frames.put("flat array of numbers", head + "[" + "0,".repeat((size - head.length()) / 2 - 2) + "0]}");
        frames.put("many keys", head + "{" + keys(size - head.length() - 4) + "}}");
        frames.put("deep nesting", head + "[".repeat(size / 2 - head.length()) + "]".repeat(size / 2 - head.length())
                + "}");
        frames.put("escaped string", head + "\"" + "\\u0041".repeat((size - head.length()) / 6 - 2) + "\"}");
        frames.put("long id", "{\"type\":\"Hello\",\"id\":\"" + "i".repeat(size - 40) + "\"}");
        frames.put("many numeric ids", "{\"type\":\"Hello\"," + "\"id\":1,".repeat(size / 7 - 10) + "\"id\":1}");
        for (Map.Entry<String, String> frame : frames.entrySet()) {
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 8; run++) {
                long start = threads.getCurrentThreadCpuTime();
                JsonNode reply = client.raw(frame.getValue());
                long millis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
                assertTrue(frame.getKey() + " took " + millis + " ms of CPU (reply "
                        + abbreviate(reply.toString()) + ")", millis < 20 * MAX_CPU_MILLIS);
                best = Math.min(best, millis);
            }
            assertTrue(frame.getKey() + " costs " + best + " ms of CPU", best < MAX_CPU_MILLIS);
        }
    }

    private static String keys(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < length - 16; i++) {
            b.append(i == 0 ? "" : ",").append("\"k").append(Integer.toString(i, 36)).append("\":0");
        }
        return b.toString();
    }
}
