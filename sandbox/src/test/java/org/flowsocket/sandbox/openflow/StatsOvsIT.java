/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.BeforeClass;
import org.junit.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The stats topic on real switches: a ping flood of known size between the
 * namespace hosts h1 and h2 over three Open vSwitch bridges shows up in
 * FLOW_STATS, per hop and end to end, with the byte counts Open vSwitch
 * counted, within two intervals; and in LINK_STATS from the bridges' port
 * counters. Needs root and Open vSwitch: {@code mvn verify -Povs}.
 */
public class StatsOvsIT extends OvsChainTestBase {

    /** ONOS's flow and port statistics period in this test. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int INTERVAL_MS = 2000;
    private static final int PINGS = 200;
    /** ICMP payload; with ICMP (8), IPv4 (20) and Ethernet (14) headers a 1014-byte frame. */
    private static final int PAYLOAD = 972;
    private static final int FRAME = PAYLOAD + 8 + 20 + 14;

    private static final BlockingQueue<JsonNode> EVENTS = new LinkedBlockingQueue<>();

    @BeforeClass
    public static void setUp() throws Exception {
        startChain("ovs-stats-it", "fsst");
        openflow().setStatsInterval(POLL);
        openflow().setPortStatsInterval(POLL);
        ws.onEvent(EVENTS::add);
    }

    @Test
    public void aPingFloodShowsUpInFlowStatsAndLinkStatsWithTheBytesSent() throws Exception {
        addHost("00:00:00:00:00:01", "10.0.0.1", S1);
        addHost("00:00:00:00:00:02", "10.0.0.2", S3);
        ObjectNode install = ws.newRequest("InstallFlow");
        install.putObject("network").put("src", "10.0.0.1").put("dst", "10.0.0.2")
                .put("class", "voice").put("bidirectional", true);
        JsonNode installed = ws.call(install, REPLY);
        assertEquals(installed.toString(), "ok", installed.path("status").asText());
        String flowId = installed.path("result").path("flowId").asText();

        ObjectNode subscribe = ws.newRequest("Subscribe");
        subscribe.putArray("topics").add("stats");
        subscribe.putObject("stats").put("intervalMs", INTERVAL_MS).put("links", true).putArray("flowIds").add(flowId);
        JsonNode subscribed = ws.call(subscribe, REPLY);
        assertEquals(subscribed.toString(), "ok", subscribed.path("status").asText());

        // Counters before the flood: what the rules have counted so far (nothing but stray packets).
        JsonNode before = next("FLOW_STATS", Duration.ofSeconds(10)).path("data");
        long ingressBytes = before.path("ingress").path("bytes").asLong();
        long ingressPackets = before.path("ingress").path("packets").asLong();
        EVENTS.clear();

        OvsNet.Result ping = net.exec("h1", 30_000, "ping", "-q", "-c", String.valueOf(PINGS), "-i", "0.01",
                "-s", String.valueOf(PAYLOAD), "-W", "1", "10.0.0.2");
        long sent = System.nanoTime();
        assertTrue("ping flood: " + ping, ping.ok() && ping.output.contains(PINGS + " received"));

        // Within two intervals an event has every packet: requests one way, replies the other.
        JsonNode after = null;
        long linkBytes = 0;
        long deadline = sent + TimeUnit.MILLISECONDS.toNanos(2L * INTERVAL_MS);
        while (System.nanoTime() < deadline) {
            JsonNode e = EVENTS.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            linkBytes += s1ToS2Bytes(e);
            if (e != null && "FLOW_STATS".equals(e.path("event").asText())
                    && e.path("data").path("ingress").path("packets").asLong() >= ingressPackets + 2L * PINGS) {
                after = e.path("data");
                break;
            }
        }
        assertTrue("no FLOW_STATS with the flood's " + 2 * PINGS + " packets within two intervals ("
                + 2 * INTERVAL_MS + " ms)", after != null);
        assertEquals(after.toString(), ingressPackets + 2L * PINGS, after.path("ingress").path("packets").asLong());
        assertEquals(after.toString(), ingressBytes + 2L * PINGS * FRAME, after.path("ingress").path("bytes").asLong());
        // Every hop counted its direction's packets, as Open vSwitch reports them.
        List<String> hops = new ArrayList<>();
        for (JsonNode hop : after.path("hops")) {
            hops.add(hop.path("deviceId").asText());
            assertTrue(hop.toString(), hop.path("packets").asLong() >= PINGS);
            assertTrue(hop.toString(), hop.path("bytes").asLong() >= (long) PINGS * FRAME);
        }
        assertEquals(List.of(S1, S2, S3, S3, S2, S1).toString(), hops.toString());
        assertEquals(after.path("ingress").path("bytes").asLong(), after.path("egress").path("bytes").asLong());

        // s1 -> s2 sent the requests: the link's load over the periods since the flood adds up to them.
        long linkDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (linkBytes < (long) PINGS * FRAME && System.nanoTime() < linkDeadline) {
            linkBytes += s1ToS2Bytes(EVENTS.poll(1, TimeUnit.SECONDS));
        }
        assertTrue("s1->s2 LINK_STATS add up to " + linkBytes + " bytes, less than the " + PINGS * FRAME + " sent",
                   linkBytes >= (long) PINGS * FRAME);
    }

    // What a LINK_STATS event of the link s1 -> s2 says it sent; 0 for any other event.
    private static long s1ToS2Bytes(JsonNode e) {
        if (e == null || !"LINK_STATS".equals(e.path("event").asText())
                || !S1.toString().equals(e.path("data").path("link").path("src").path("device").asText())
                || !S2.toString().equals(e.path("data").path("link").path("dst").path("device").asText())) {
            return 0;
        }
        assertTrue(e.toString(), e.path("data").path("windowMs").asLong() > 0);
        return e.path("data").path("bytes").asLong();
    }

    private static JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode e = EVENTS.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e != null && type.equals(e.path("event").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " within " + timeout);
    }
}
