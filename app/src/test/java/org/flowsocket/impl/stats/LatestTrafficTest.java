/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.impl.CoreFixture;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;

import java.util.function.Predicate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * GetFlow's traffic over ONOS's latest statistics period, on FlowSocket's
 * core: from the readings whose RULE_ADDED/RULE_UPDATED this node heard,
 * and from the store's entries where it heard none (ONOS posts them only on
 * the device's master).
 */
public class LatestTrafficTest {

    private CoreFixture core;
    private String flowId;

    @Before
    public void installAFlow() {
        core = new CoreFixture();
        core.addHost("00:00:00:00:00:01", IpAddress.valueOf("10.0.0.1"), 1);
        core.addHost("00:00:00:00:00:03", IpAddress.valueOf("10.0.0.3"), 3);
        flowId = core.result("{\"type\":\"InstallFlow\",\"network\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\"}}")
                .path("flowId").asText();
    }

    @After
    public void stop() {
        core.stop();
    }

    @Test
    public void theLatestPeriodIsBetweenTheLastTwoReadingsHeard() throws Exception {
        core.countRules(100, 12_500, 1);
        Thread.sleep(5);
        core.countRules(600, 75_000, 2);
        // Until this node's event thread heard both readings, GetFlow measures
        // the store's entry over the rule's life (2 s).
        JsonNode hop = traffic(600, LatestTrafficTest::bothReadingsHeard).path("hops").path(0);
        assertEquals(hop.toString(), 500 * 1000.0 / (hop.path("to").asLong() - hop.path("from").asLong()),
                     hop.path("packetRate").asDouble(), 0.1);
        assertTrue(hop.toString(), hop.path("to").asLong() - hop.path("from").asLong() < 1000);
    }

    @Test
    public void withoutEventsARuleIsMeasuredOverItsLife() throws Exception {
        core.countRulesAsNonMaster(600, 75_000, 3);
        JsonNode hop = traffic(600).path("hops").path(0);
        assertEquals(hop.toString(), 3000, hop.path("to").asLong() - hop.path("from").asLong());
        assertEquals(hop.toString(), 200.0, hop.path("packetRate").asDouble(), 0);
    }

    @Test
    public void aReadingNotHeardOfIsMeasuredFromTheLastOneHeard() throws Exception {
        core.countRules(100, 12_500, 1);
        Thread.sleep(5);
        core.countRules(600, 75_000, 2);
        long heard = traffic(600, LatestTrafficTest::bothReadingsHeard).path("hops").path(0).path("to").asLong();
        Thread.sleep(5);
        // The device's mastership moved away: this node no longer hears its refreshes.
        core.countRulesAsNonMaster(1100, 137_500, 3);
        JsonNode hop = traffic(1100).path("hops").path(0);
        assertEquals(hop.toString(), 1100, hop.path("packets").asLong());
        assertEquals(hop.toString(), heard, hop.path("from").asLong());
    }

    // GetFlow's traffic once it shows a reading's packets (FlowSocket hears ONOS's events on its own thread).
    // The period of the rates is between the two readings, not the rule's life of 2 s.
    private static boolean bothReadingsHeard(JsonNode traffic) {
        JsonNode hop = traffic.path("hops").path(0);
        return hop.path("to").asLong() - hop.path("from").asLong() < 1000;
    }

    private JsonNode traffic(long packets) throws InterruptedException {
        return traffic(packets, t -> true);
    }

    // ... and once it also shows what the test waits for.
    private JsonNode traffic(long packets, Predicate<JsonNode> shows) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            JsonNode traffic = core.result("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}").path("traffic");
            if (traffic.path("ingress").path("packets").asLong() == packets && shows.test(traffic)) {
                return traffic;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GetFlow never showed " + packets + " packets as awaited: " + traffic);
            }
            Thread.sleep(20);
        }
    }
}
