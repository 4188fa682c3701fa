/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.Requests;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Mutation fuzzing: valid requests of every command with characters
 * flipped, deleted or duplicated and fields deleted, duplicated or given
 * values of other types, sent one at a time for a bounded time. Every frame
 * gets exactly one reply, never INTERNAL_ERROR, and the server stays up.
 * The seed is printed; {@code -Dfuzz.seed=N} replays a run and
 * {@code -Dfuzz.seconds=S} changes its length (default 20).
 */
public class MutationFuzzTest {

    private static final String DEV = "of:0000000000000002";
    private static final List<String> TEMPLATES = List.of(
            "{\"type\":\"Hello\",\"id\":1}",
            "{\"type\":\"ListNodes\",\"id\":2,\"kind\":\"host\",\"deviceId\":\"" + DEV + "\",\"limit\":10}",
            "{\"type\":\"GetNode\",\"id\":\"g\",\"ip\":\"10.0.0.1\"}",
            "{\"type\":\"GetNode\",\"id\":\"g\",\"hostId\":\"00:00:00:00:00:02/None\"}",
            "{\"type\":\"AddNode\",\"id\":3,\"kind\":\"host\",\"mac\":\"0a:00:00:00:01:01\",\"vlan\":100,"
                    + "\"ips\":[\"10.7.0.1\"],\"location\":{\"deviceId\":\"" + DEV + "\",\"port\":1},\"name\":\"fz\","
                    + "\"annotations\":{\"rack\":\"r1\"}}",
            "{\"type\":\"AddNode\",\"id\":4,\"kind\":\"device\",\"protocol\":\"netconf\",\"ip\":\"10.0.0.5\","
                    + "\"username\":\"admin\",\"password\":\"admin\",\"name\":\"edge\",\"deviceType\":\"router\","
                    + "\"latitude\":45.1,\"longitude\":7.6}",
            "{\"type\":\"RemoveNode\",\"id\":5,\"hostId\":\"0A:00:00:00:01:01/100\"}",
            "{\"type\":\"RemoveNode\",\"id\":5,\"deviceId\":\"netconf:10.0.0.5:830\"}",
            "{\"type\":\"InstallFlow\",\"id\":6,\"network\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\","
                    + "\"protocol\":\"udp\",\"dstPort\":5060,\"class\":\"voice\",\"qos\":{\"queue\":2,"
                    + "\"meterKbps\":512},\"bidirectional\":true},\"timeoutMs\":2000}",
            "{\"type\":\"InstallFlow\",\"id\":7,\"flows\":[{\"priority\":40000,\"isPermanent\":true,\"deviceId\":\""
                    + DEV + "\",\"treatment\":{\"instructions\":[{\"type\":\"OUTPUT\",\"port\":\"2\"}]},"
                    + "\"selector\":{\"criteria\":[{\"type\":\"ETH_TYPE\",\"ethType\":\"0x800\"},"
                    + "{\"type\":\"IPV4_DST\",\"ip\":\"10.0.0.2/32\"}]}}],\"confirm\":true}",
            "{\"type\":\"InstallFlow\",\"id\":8,\"deviceId\":\"" + DEV + "\",\"flow\":{\"priority\":100,"
                    + "\"timeout\":30,\"selector\":{\"criteria\":[{\"type\":\"IN_PORT\",\"port\":1}]},"
                    + "\"treatment\":{\"instructions\":[{\"type\":\"OUTPUT\",\"port\":\"CONTROLLER\"}]}}}",
            "{\"type\":\"RemoveFlow\",\"id\":9,\"flowId\":\"fs-1\",\"force\":true}",
            "{\"type\":\"GetFlow\",\"id\":10,\"flowId\":\"fs-2\"}",
            "{\"type\":\"ListFlows\",\"id\":11,\"owner\":\"onos\",\"state\":\"INSTALLED\",\"limit\":5}",
            "{\"type\":\"Subscribe\",\"id\":12,\"topics\":[\"devices\",\"hosts\",\"links\",\"flows\"]}",
            "{\"type\":\"Unsubscribe\",\"id\":13,\"topics\":[\"links\"]}",
            "{\"type\":\"Batch\",\"id\":14,\"requests\":[{\"type\":\"Hello\"},{\"type\":\"GetNode\",\"id\":\"n\","
                    + "\"deviceId\":\"" + DEV + "\"},{\"type\":\"ListFlows\",\"limit\":1}]}");

    private static final String CHARS = "{}[]\":,\\ 0123456789-+.eE truefalsnl" + "abcxyzAZ_/\u00e9\u4e2d\ud83d\ude00";
    private static final List<JsonNode> ODD_VALUES = new ArrayList<>();

    static {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ODD_VALUES.add(f.nullNode());
        ODD_VALUES.add(f.booleanNode(true));
        ODD_VALUES.add(f.numberNode(-1));
        ODD_VALUES.add(f.numberNode(0));
        ODD_VALUES.add(f.numberNode(Long.MAX_VALUE));
        ODD_VALUES.add(f.numberNode(new java.math.BigInteger("123456789012345678901234567890")));
        ODD_VALUES.add(f.numberNode(1e308));
        ODD_VALUES.add(f.numberNode(0.5));
        ODD_VALUES.add(f.textNode(""));
        ODD_VALUES.add(f.textNode("x".repeat(2000)));
        ODD_VALUES.add(f.textNode("of:"));
        ODD_VALUES.add(f.textNode("\u0000\u202e"));
        ODD_VALUES.add(f.arrayNode());
        ODD_VALUES.add(f.objectNode());
        ArrayNode many = f.arrayNode();
        for (int i = 0; i < 300; i++) {
            many.add(i);
        }
        ODD_VALUES.add(many);
    }

    private static SuiteSandbox box;

    @BeforeClass
    public static void start() throws Exception {
        box = SuiteSandbox.start(Duration.ofMillis(2));
    }

    @AfterClass
    public static void stop() {
        box.close();
    }

    @Test
    public void everyMutatedFrameGetsOneReplyAndNoInternalError() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        long seconds = Long.getLong("fuzz.seconds", 20);
        System.out.println("mutation fuzz: seed " + seed + " (replay with -Dfuzz.seed=" + seed + "), " + seconds + " s");
        Random random = new Random(seed);
        FlowSocketClient client = box.admin();
        FlowSocketClient bystander = box.admin();
        BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
        client.onUnmatched(replies::add);
        Map<String, Integer> codes = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int frames = 0;
        while (System.nanoTime() < deadline) {
            String frame = mutate(TEMPLATES.get(random.nextInt(TEMPLATES.size())), random);
            client.sendText(frame);
            frames++;
            JsonNode reply = replies.poll(15, TimeUnit.SECONDS);
            if (reply == null) {
                fail("no reply within 15 s to frame " + frames + " (seed " + seed + "): " + Requests.abbreviate(frame)
                        + (client.isOpen() ? "" : "; closed " + client.closed().getNow(null)));
            }
            String code = "ok".equals(reply.path("status").asText()) ? "ok"
                    : reply.path("error").path("code").asText("?");
            codes.merge(code, 1, Integer::sum);
            if ("INTERNAL_ERROR".equals(code) || "?".equals(code)) {
                fail("frame " + frames + " (seed " + seed + "): " + Requests.abbreviate(frame) + " -> " + reply);
            }
            if (frames % 200 == 0) {
                SuiteSandbox.assertServed(bystander);
            }
        }
        Thread.sleep(500);
        assertEquals("extra replies", 0, replies.size());
        assertTrue("still open", client.isOpen());
        assertEquals("one reply per frame", frames, client.replies());
        SuiteSandbox.assertServed(bystander);
        FlowSocketClient fresh = box.admin();
        assertNotNull(fresh.hello().get(5, TimeUnit.SECONDS));
        System.out.println("mutation fuzz: " + frames + " frames, replies by code " + codes);
        fresh.close();
        client.close();
        bystander.close();
    }

    // One to three mutations, at the text or at the JSON level.
    static String mutate(String template, Random random) {
        String text = template;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(7);
            if (kind <= 2 || text.isEmpty()) {
                text = mutateText(text, random, kind);
            } else {
                text = mutateJson(text, random, kind);
            }
        }
        return text;
    }

    private static String mutateText(String text, Random random, int kind) {
        if (text.isEmpty()) {
            return String.valueOf(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        int at = random.nextInt(text.length());
        if (Character.isLowSurrogate(text.charAt(at)) && at > 0) {
            at--;
        }
        int len = Character.charCount(text.codePointAt(at));
        switch (kind) {
            case 0: // flip a character
                int c;
                do {
                    c = CHARS.codePointAt(random.nextInt(CHARS.length()));
                } while (Character.isLowSurrogate((char) c));
                return text.substring(0, at) + new String(Character.toChars(c)) + text.substring(at + len);
            case 1: // delete a run
                int end = Math.min(text.length(), at + 1 + random.nextInt(4));
                if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                    end++;
                }
                return text.substring(0, at) + text.substring(end);
            default: // duplicate a run
                int stop = Math.min(text.length(), at + 1 + random.nextInt(12));
                if (stop < text.length() && Character.isLowSurrogate(text.charAt(stop))) {
                    stop++;
                }
                return text.substring(0, stop) + text.substring(at, stop) + text.substring(stop);
        }
    }

    private static String mutateJson(String text, Random random, int kind) {
        JsonNode tree;
        try {
            tree = SuiteSandbox.MAPPER.readTree(text);
        } catch (Exception e) {
            return mutateText(text, random, random.nextInt(3));
        }
        List<ObjectNode> objects = new ArrayList<>();
        collect(tree, objects);
        if (objects.isEmpty()) {
            return mutateText(text, random, random.nextInt(3));
        }
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            target.put("x", 1);
            return tree.toString();
        }
        String name = names.get(random.nextInt(names.size()));
        switch (kind) {
            case 3: // delete a field
                target.remove(name);
                return tree.toString();
            case 4: // another type of value
                target.set(name, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())).deepCopy());
                return tree.toString();
            case 5: // the field twice (text level: JSON trees cannot hold duplicates)
                String json = tree.toString();
                String field = "\"" + name + "\":" + SuiteSandbox.MAPPER.valueToTree(target.get(name));
                int brace = json.indexOf('{');
                return json.substring(0, brace + 1) + field + "," + json.substring(brace + 1);
            default: // an unknown field, or the value wrapped in an array
                if (random.nextBoolean()) {
                    target.put(name + "X", "?");
                } else {
                    target.set(name, JsonNodeFactory.instance.arrayNode().add(target.get(name)));
                }
                return tree.toString();
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node.isObject()) {
            out.add((ObjectNode) node);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collect(it.next(), out);
        }
    }
}
