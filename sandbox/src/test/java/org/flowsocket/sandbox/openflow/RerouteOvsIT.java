/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.Waits;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.link.LinkService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Self-healing on real switches: a ring of four Open vSwitch bridges whose
 * cables are veth pairs, h1 on s1 and h2 on s2, so that a flow between them
 * has a short path (s1-s2) and a long one (s1-s4-s3-s2). A continuous ping
 * runs over a bidirectional network flow while the cable s1-s2 is cut: the
 * bridges report the ports down, ONOS's link vanishes, FlowSocket moves the
 * flow round the ring (FLOW_REROUTED) and the ping gets answers again. The
 * interruption, the longest gap between two answers, is printed. Needs root
 * and Open vSwitch: {@code mvn verify -Povs}.
 */
public class RerouteOvsIT extends OvsChainTestBase {

    private static final DeviceId S4 = NetworkSpec.switchId(4);
    /** Ping's interval, in seconds (root may go below 0.2). */
    private static final String PING_INTERVAL = "0.01";
    /** When, after the ping started, the cable is cut. */
    private static final Duration CUT_AFTER = Duration.ofSeconds(3);
    /** The bound on the interruption. */
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(10);
    /** How long the ping runs: replies before the cut, the cut, the reroute, replies after it. */
    private static final long PING_SECONDS = CUT_AFTER.toSeconds() + RESUME_WITHIN.toSeconds() + 2;
    /** ping -D: "[1733500000.123456] 64 bytes from 10.0.0.2: icmp_seq=12 ttl=64 time=0.51 ms". */
    private static final Pattern PING_REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)\\] .* from 10\\.0\\.0\\.2: icmp_seq=(\\d+)");

    private static final BlockingQueue<JsonNode> EVENTS = new LinkedBlockingQueue<>();

    @BeforeClass
    public static void setUp() throws Exception {
        startNetwork("ovs-reroute-it", "fsrr", 4, "-r", "-H", "1,2");
        ws.onEvent(EVENTS::add);
    }

    @After
    public void mendTheCable() throws Exception {
        assertTrue(net.link("s1", "s2", true).ok());
    }

    @Test(timeout = 90_000)
    public void cuttingACableOfTheFlowsPathMovesItRoundTheRingAndThePingResumes() throws Exception {
        LinkService links = sandbox.core().get(LinkService.class);
        waitFor("the ring's 4 cables are 8 ONOS links", () -> links.getLinkCount() == 8, Duration.ofSeconds(10));
        // The links just came up: FlowSocket uses none for a reroute before its hold-down (2 s) has passed.
        long linksUp = System.nanoTime();
        addHost("00:00:00:00:00:01", "10.0.0.1", S1);
        addHost("00:00:00:00:00:02", "10.0.0.2", S2);
        ObjectNode subscribe = ws.newRequest("Subscribe");
        subscribe.putArray("topics").add("flows");
        assertEquals("ok", ws.call(subscribe, REPLY).path("status").asText());

        // All IPv4 between the hosts, both ways; reroute is the default.
        ObjectNode install = ws.newRequest("InstallFlow");
        install.putObject("network").put("src", "10.0.0.1").put("dst", "10.0.0.2").put("bidirectional", true);
        JsonNode installed = ws.call(install, REPLY);
        assertEquals(installed.toString(), "ok", installed.path("status").asText());
        JsonNode handle = installed.path("result");
        String flowId = handle.path("flowId").asText();
        assertTrue(handle.path("spec").path("reroute").asBoolean(false));
        assertEquals("the short path", List.of(S1 + " 1>2", S2 + " 2>1"), hops(handle.path("path")));

        Path log = net.dir().resolve("ping.log");
        Process ping = net.start("h1", log, "ping", "-D", "-n", "-i", PING_INTERVAL, "-w",
                String.valueOf(PING_SECONDS), "10.0.0.2");
        try {
            Thread.sleep(Math.max(CUT_AFTER.toMillis(),
                    2500 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - linksUp)));
            assertFalse("h1 is answered before the cut", replies(log).isEmpty());
            double cutAt = System.currentTimeMillis() / 1000.0;
            assertTrue(net.link("s1", "s2", false).ok());

            JsonNode rerouted = awaitEvent("FLOW_REROUTED", flowId, RESUME_WITHIN);
            double reroutedAt = System.currentTimeMillis() / 1000.0;
            JsonNode data = rerouted.path("data");
            assertEquals("INSTALLED", data.path("state").asText());
            assertEquals(List.of(S1 + " 1>2", S2 + " 2>1"), hops(data.path("previousPath")));
            assertEquals("round the ring, avoiding the cut cable",
                    List.of(S1 + " 1>3", S4 + " 3>2", S3 + " 3>2", S2 + " 3>1"), hops(data.path("path")));
            waitFor("ONOS lost the cut cable's links", () -> links.getLinkCount() == 6, Duration.ofSeconds(5));

            assertTrue("ping ended", ping.waitFor(PING_SECONDS + 10, TimeUnit.SECONDS));
            List<double[]> replies = replies(log);
            // The interruption: the longest gap between successive replies; it must be the cut's.
            int end = 1;
            for (int i = 2; i < replies.size(); i++) {
                if (replies.get(i)[0] - replies.get(i - 1)[0] > replies.get(end)[0] - replies.get(end - 1)[0]) {
                    end = i;
                }
            }
            double gap = replies.get(end)[0] - replies.get(end - 1)[0];
            double resumedAt = replies.get(end)[0];
            long lost = Math.round(replies.get(replies.size() - 1)[1] - replies.get(0)[1] + 1 - replies.size());
            System.out.printf("RerouteOvsIT: traffic interrupted for %.0f ms (longest gap between ping replies,"
                            + " one request every %s s, %d lost); FLOW_REROUTED %.0f ms and replies again %.0f ms"
                            + " after the cut command%n", gap * 1000, PING_INTERVAL, lost,
                    (reroutedAt - cutAt) * 1000, (resumedAt - cutAt) * 1000);
            assertTrue("the longest gap ends after the cut: " + read(log), resumedAt > cutAt);
            assertTrue("replies resumed within " + RESUME_WITHIN + " of the cut: " + (resumedAt - cutAt) + " s",
                    resumedAt - cutAt < RESUME_WITHIN.toSeconds());
            assertTrue("replies kept coming after the reroute",
                    replies.get(replies.size() - 1)[0] > reroutedAt + 1);
        } finally {
            ping.destroy();
        }

        // The cable comes back: ONOS sees its links again; the flow stays where it is.
        assertTrue(net.link("s1", "s2", true).ok());
        waitFor("the mended cable's links are back", () -> links.getLinkCount() == 8, Duration.ofSeconds(10));
        JsonNode remove = ws.call(ws.newRequest("RemoveFlow").put("flowId", flowId), REPLY);
        assertEquals(remove.toString(), "ok", remove.path("status").asText());
    }

    // The replies in ping's output so far: {time in seconds, icmp_seq}.
    private static List<double[]> replies(Path log) {
        List<double[]> out = new ArrayList<>();
        for (String line : read(log).split("\n")) {
            Matcher m = PING_REPLY.matcher(line);
            if (m.find()) {
                out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            }
        }
        return out;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode awaitEvent(String event, String flowId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode e = EVENTS.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                continue;
            }
            if (flowId.equals(e.path("data").path("flowId").asText())) {
                seen.add(e.path("event").asText() + " " + e.path("data").path("reason").asText(""));
            }
            if (event.equals(e.path("event").asText()) && flowId.equals(e.path("data").path("flowId").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + event + " for " + flowId + " within " + timeout + "; its events: " + seen);
    }

    private static List<String> hops(JsonNode path) {
        List<String> out = new ArrayList<>();
        path.forEach(h -> out.add(h.path("deviceId").asText() + " " + h.path("inPort").asText() + ">"
                + h.path("outPort").asText()));
        return out;
    }

    private static void waitFor(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Waits.until(what, timeout, condition);
    }
}
