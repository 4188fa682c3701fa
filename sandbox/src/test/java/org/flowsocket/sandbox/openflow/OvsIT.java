/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.link.LinkService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * FlowSocket on real switches: three Open vSwitch bridges in a chain (userspace
 * datapath, fail_mode secure, OpenFlow 1.3) built by {@code sandbox/ovs/ovsnet.sh},
 * h1 on s1 and h2 on s3 in their own network namespaces, the sandbox's
 * OpenFlow southbound as their controller, and FlowSocket driven through a
 * real WebSocket client.
 * <p>
 * Needs root and Open vSwitch: {@code mvn verify -Povs}. The hosts have
 * static ARP entries (set by the harness), so only FlowSocket's IPv4 rules
 * decide whether h1 reaches h2.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class OvsIT extends OvsChainTestBase {

    private static final List<String> SWITCHES = List.of("s1", "s2", "s3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static int appId;

    @BeforeClass
    public static void setUp() throws Exception {
        startChain("ovs-it", "fsit");
        appId = sandbox.core().get(CoreService.class).getAppId("org.flowsocket.app").id();
    }

    @Test
    public void a_switchesAreDevicesWithPortsAndLinks() throws Exception {
        DeviceService devices = sandbox.core().get(DeviceService.class);
        for (DeviceId id : List.of(S1, S2, S3)) {
            assertTrue(id + " available", devices.isAvailable(id));
            assertEquals("Open vSwitch", devices.getDevice(id).hwVersion());
        }
        assertEquals("s2", devices.getDevice(S2).annotations().value("name"));
        assertTrue("s2 has ports 2 and 3", devices.getPorts(S2).stream()
                .map(p -> p.number().toLong()).collect(java.util.stream.Collectors.toSet())
                .containsAll(Set.of(2L, 3L)));
        LinkService links = sandbox.core().get(LinkService.class);
        assertTrue("4 links", waitFor(() -> links.getLinkCount() == 4, Duration.ofSeconds(10)));
        assertEquals("flowsocket.v1", ws.subprotocol());
    }

    @Test
    public void b_withoutRulesH1CannotReachH2() {
        assertFalse("no rule, fail_mode secure: no ping", ping().ok());
    }

    @Test
    public void c_installFlowCarriesPingAndTcpWithDscp46() throws Exception {
        addHost("00:00:00:00:00:01", "10.0.0.1", S1);
        addHost("00:00:00:00:00:02", "10.0.0.2", S3);
        JsonNode reply = installVoice();
        assertEquals(reply.toString(), "ok", reply.path("status").asText());
        JsonNode result = reply.path("result");
        assertEquals("INSTALLED", result.path("state").asText());
        assertEquals("3 hops, both ways", 6, result.path("rules").size());

        // The reply came after the barrier: every rule is on its switch now.
        for (String sw : SWITCHES) {
            String flows = dumpFlows(sw);
            assertEquals(sw + ": " + flows, 2, ourCookies(flows).size());
            assertTrue(sw + ": " + flows, flows.contains("set_field:46->ip_dscp"));
        }
        for (JsonNode rule : result.path("rules")) {
            String sw = "s" + Long.parseLong(rule.path("deviceId").asText().substring(3), 16);
            long cookie = cookie(rule.path("flowId").asText());
            assertTrue(rule + " on " + sw, ourCookies(dumpFlows(sw)).contains(cookie));
        }

        OvsNet.Result ping = ping();
        assertTrue("h1 pings h2: " + ping, ping.ok());
        assertTcpTransfer();
        for (String sw : SWITCHES) {
            assertTrue(sw + " counted the packets: " + dumpFlows(sw),
                    Pattern.compile("n_packets=[1-9]").matcher(dumpFlows(sw)).find());
        }
        // The switches' statistics bring the rules to ADDED in ONOS.
        String flowId = result.path("flowId").asText();
        assertTrue("rules ADDED", waitFor(() -> allRulesAdded(flowId), Duration.ofSeconds(15)));

        JsonNode removed = ws.call(flowRequest("RemoveFlow", flowId), REPLY);
        assertEquals(removed.toString(), "ok", removed.path("status").asText());
        for (String sw : SWITCHES) {
            assertEquals(sw + " holds no FlowSocket rule", Set.of(), ourCookies(dumpFlows(sw)));
        }
        assertFalse("no ping once removed", ping().ok());
    }

    @Test
    public void d_refusedRulesAreNamedAndTheRestWithdrawn() throws Exception {
        // A valid rule on s1, and on s2 an output to a port beyond OpenFlow's range.
        ObjectNode req = ws.newRequest("InstallFlow");
        ArrayNode flows = req.putArray("flows");
        flows.add(flow(S1, 40000, "{\"type\":\"OUTPUT\",\"port\":\"2\"}"));
        flows.add(flow(S2, 40000, "{\"type\":\"OUTPUT\",\"port\":\"70000\"}"));
        JsonNode reply = ws.call(req, REPLY);
        assertRefused(reply, S2, OfErrors.BAD_ACTION, OfErrors.BAD_ACTION_OUT_PORT);
        // FlowSocket withdraws the accepted rule without waiting; the switch follows at once.
        assertTrue("s1's rule withdrawn: " + dumpFlows("s1"),
                waitFor(() -> ourCookies(dumpFlows("s1")).isEmpty(), Duration.ofSeconds(5)));

        // A meter the switch does not have.
        ObjectNode req2 = ws.newRequest("InstallFlow");
        req2.putArray("flows").add(flow(S3, 40000,
                "{\"type\":\"METER\",\"meterId\":\"4242\"},{\"type\":\"OUTPUT\",\"port\":\"2\"}"));
        // Open vSwitch answers METER_MOD_FAILED/INVALID_METER for a meter id it lacks.
        assertRefused(ws.call(req2, REPLY), S3, OfErrors.METER_MOD_FAILED, OfErrors.METER_INVALID);
        for (String sw : SWITCHES) {
            assertTrue(sw + " holds no FlowSocket rule: " + dumpFlows(sw),
                    waitFor(() -> ourCookies(dumpFlows(sw)).isEmpty(), Duration.ofSeconds(5)));
        }
    }

    @Test
    public void e_switchDisconnectDegradesTheFlowAndReconnectRestoresIt() throws Exception {
        JsonNode sub = ws.call((ObjectNode) ws.newRequest("Subscribe").set("topics",
                JSON.readTree("[\"devices\",\"flows\"]")), REPLY);
        assertEquals(sub.toString(), "ok", sub.path("status").asText());
        JsonNode reply = installVoice();
        assertEquals(reply.toString(), "ok", reply.path("status").asText());
        String flowId = reply.path("result").path("flowId").asText();
        assertTrue(ping().ok());
        ws.skipEvents();

        assertTrue(net.vsctl("del-controller", "s2").ok());
        JsonNode offline = ws.pollEvent(e -> "DEVICE_AVAILABILITY_CHANGED".equals(e.path("event").asText())
                && S2.toString().equals(e.path("data").path("device").path("id").asText())
                && !e.path("data").path("device").path("available").asBoolean(true), Duration.ofSeconds(20));
        assertNotNull("s2 offline event", offline);
        assertNotNull("flow degraded event", ws.pollEvent(e -> "FLOW_DEGRADED".equals(e.path("event").asText())
                && flowId.equals(e.path("data").path("flowId").asText()), Duration.ofSeconds(10)));
        JsonNode got = ws.call(flowRequest("GetFlow", flowId), REPLY);
        assertEquals(got.toString(), "DEGRADED", got.path("result").path("state").asText());
        assertFalse("s2 lost its rules with its controller", ping().ok());

        // Back: ONOS re-sends the rules s2 lacks; the handle is whole again.
        assertTrue(net.vsctl("set-controller", "s2", "tcp:127.0.0.1:" + ofPort).ok());
        assertTrue("s2 back", waitFor(() -> sandbox.core().get(DeviceService.class).isAvailable(S2),
                Duration.ofSeconds(20)));
        assertTrue("handle INSTALLED again", waitFor(() -> state(flowId).equals("INSTALLED"),
                Duration.ofSeconds(20)));
        assertTrue("ping again", waitFor(() -> ping().ok(), Duration.ofSeconds(10)));
        assertEquals("ok", ws.call(flowRequest("RemoveFlow", flowId), REPLY).path("status").asText());
    }

    @Test
    public void f_meteredFlowPutsAMeterOnEverySwitch() throws Exception {
        ObjectNode req = ws.newRequest("InstallFlow");
        ObjectNode network = req.putObject("network").put("src", "10.0.0.1").put("dst", "10.0.0.2")
                .put("protocol", "udp").put("dstPort", 5060).put("class", "video").put("bidirectional", true);
        network.putObject("qos").put("meterKbps", 512).put("queue", 1);
        JsonNode reply = ws.call(req, REPLY);
        assertEquals(reply.toString(), "ok", reply.path("status").asText());
        assertEquals(3, reply.path("result").path("meters").size());
        // The rules went out only once ONOS had read the bridges' meters.
        reply.path("result").path("meters")
                .forEach(m -> assertEquals(m.toString(), "ADDED", m.path("state").asText()));
        for (String sw : SWITCHES) {
            String meters = net.ofctl("dump-meters", sw).output;
            assertTrue(sw + ": " + meters, meters.contains("type=drop rate=512"));
            String flows = dumpFlows(sw);
            assertTrue(sw + ": " + flows, Pattern.compile("actions=meter:\\d+,set_field:34->ip_dscp,set_queue:1,output:")
                    .matcher(flows).find());
        }
        String flowId = reply.path("result").path("flowId").asText();
        assertEquals("ok", ws.call(flowRequest("RemoveFlow", flowId), REPLY).path("status").asText());
        for (String sw : SWITCHES) {
            assertEquals(sw + " holds no FlowSocket rule", Set.of(), ourCookies(dumpFlows(sw)));
            assertTrue(sw + " meter released", waitFor(() -> !net.ofctl("dump-meters", sw).output.contains("rate="),
                    Duration.ofSeconds(10)));
        }
    }

    // ------------------------------------------------------------- helpers

    private static OvsNet.Result ping() {
        return net.exec("h1", 10_000, "ping", "-c", "2", "-i", "0.2", "-W", "1", "10.0.0.2");
    }

    private static void assertTcpTransfer() throws Exception {
        Path www = Files.createDirectories(net.dir().resolve("www"));
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            body.append("FlowSocket over Open vSwitch ").append(i).append('\n');
        }
        Files.writeString(www.resolve("data.txt"), body.toString());
        Process server = net.start("h2", net.dir().resolve("http.log"), "/usr/bin/python3", "-m", "http.server", "8080",
                "--bind", "10.0.0.2", "--directory", www.toString());
        try {
            OvsNet.Result[] got = new OvsNet.Result[1];
            assertTrue("HTTP over TCP from h1 to h2: " + Files.readString(net.dir().resolve("http.log")),
                    waitFor(() -> {
                        got[0] = net.exec("h1", 10_000, "curl", "-sS", "-m", "5", "http://10.0.0.2:8080/data.txt");
                        return got[0].ok();
                    }, Duration.ofSeconds(15)));
            assertEquals(body.toString(), got[0].output);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static JsonNode installVoice() throws Exception {
        ObjectNode req = ws.newRequest("InstallFlow");
        req.putObject("network").put("src", "10.0.0.1").put("dst", "10.0.0.2")
                .put("class", "voice").put("bidirectional", true);
        return ws.call(req, REPLY);
    }

    private static ObjectNode flowRequest(String type, String flowId) {
        ObjectNode req = ws.newRequest(type);
        req.put("flowId", flowId);
        return req;
    }

    private static String state(String flowId) {
        try {
            return ws.call(flowRequest("GetFlow", flowId), REPLY).path("result").path("state").asText();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static boolean allRulesAdded(String flowId) {
        try {
            JsonNode rules = ws.call(flowRequest("GetFlow", flowId), REPLY).path("result").path("rules");
            for (JsonNode r : rules) {
                if (!"ADDED".equals(r.path("state").asText())) {
                    return false;
                }
            }
            return rules.size() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static ObjectNode flow(DeviceId device, int priority, String instructions) throws IOException {
        return (ObjectNode) JSON.readTree("{\"deviceId\":\"" + device + "\",\"priority\":" + priority
                + ",\"isPermanent\":true,\"selector\":{\"criteria\":[{\"type\":\"ETH_TYPE\",\"ethType\":\"0x800\"},"
                + "{\"type\":\"IPV4_DST\",\"ip\":\"10.0.0.99/32\"}]},"
                + "\"treatment\":{\"instructions\":[" + instructions + "]}}");
    }

    private static void assertRefused(JsonNode reply, DeviceId device, int errType, int errCode) {
        assertEquals(reply.toString(), "error", reply.path("status").asText());
        assertEquals(reply.toString(), "FLOW_REFUSED", reply.path("error").path("code").asText());
        JsonNode refused = reply.path("error").path("details").path("refused");
        assertEquals(reply.toString(), 1, refused.size());
        assertEquals(device.toString(), refused.get(0).path("deviceId").asText());
        assertEquals("the switch's error type: " + reply, errType, refused.get(0).path("errType").asInt());
        assertEquals("the switch's error code: " + reply, errCode, refused.get(0).path("errCode").asInt());
        cookie(refused.get(0).path("flowId").asText());
    }

    // A rule's flowId is ONOS's REST form of its id, in decimal: the switch's cookie.
    private static long cookie(String flowId) {
        return Long.parseUnsignedLong(flowId);
    }

    private static String dumpFlows(String sw) {
        OvsNet.Result r = net.ofctl("dump-flows", sw);
        assertTrue(r.toString(), r.ok());
        return r.output;
    }

    // Cookies of the rules FlowSocket's application owns (its id in the top 16 bits).
    private static Set<Long> ourCookies(String dump) {
        Set<Long> out = new TreeSet<>();
        Matcher m = Pattern.compile("cookie=0x([0-9a-f]+)").matcher(dump);
        while (m.find()) {
            long cookie = Long.parseUnsignedLong(m.group(1), 16);
            if ((cookie >>> 48) == appId) {
                out.add(cookie);
            }
        }
        return out;
    }

    private static boolean waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}
