/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.After;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterService;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.flowsocket.sandbox.e2e.E2eSandbox.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Metered network flows when, as with ONOS's OpenFlow meter provider, ONOS
 * learns that a meter is installed only from the switch's meter statistics,
 * read every 10 s by default. Each test starts its request right after a
 * read, so that the next one is a whole interval away.
 */
public class MeteredFlowE2ETest extends E2eTestBase {

    private static final String METERED_VOICE = FlowsE2ETest.VOICE.replace("'queue':2", "'queue':2,'meterKbps':512");
    private static final Duration REPLY_WAIT = Duration.ofSeconds(45);
    private static final long POLICED_KBPS = 768;
    private static final String POLICED_VOICE = FlowsE2ETest.VOICE.replace(
            "'queue':2", "'queue':2,'bandwidthKbps':" + POLICED_KBPS + ",'police':true");

    @After
    public void nothingLeftBehind() throws Exception {
        FlowsE2ETest.removeAllFlows(admin);
        for (DeviceId d : List.of(S1, S2, S3)) {
            eventually("no FlowSocket rule or meter left on " + d, () -> env.switchRules(d).isEmpty()
                    && env.network().meterTable(d).isEmpty());
        }
        assertEquals(List.of(), admin.problems());
    }

    @Test
    public void meteredFlowInstallsWithDefaultSettingsOnceOnosReadsTheMeters() throws Exception {
        assertEquals("ONOS's default meterStatsPollInterval", Duration.ofSeconds(10),
                     env.network().meterStatsInterval());
        afterMeterRead();
        long start = System.nanoTime();
        JsonNode flow = okWithin(METERED_VOICE);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstalledWithMeters(flow);
        assertTrue("ONOS cannot confirm a meter before its next read, ~10 s away; took " + tookMillis + " ms",
                   tookMillis > 5000);

        admin.ok("{'type':'RemoveFlow','flowId':'" + flow.path("flowId").asText() + "'}");
        for (DeviceId d : List.of(S1, S2, S3)) {
            eventually("meters released on " + d, () -> env.network().meterTable(d).isEmpty());
        }
    }

    @Test
    public void aShortTimeoutBoundsTheRulesNotOnosMeterReads() throws Exception {
        afterMeterRead();
        assertInstalledWithMeters(okWithin(METERED_VOICE.replace("{'type':'InstallFlow',",
                                                                 "{'type':'InstallFlow','timeoutMs':2000,")));
    }

    @Test
    public void aLongerOnosMeterIntervalStillInstallsWithTheDefaultTimeout() throws Exception {
        env.network().setMeterStatsInterval(Duration.ofSeconds(15));
        try {
            afterMeterRead();
            assertInstalledWithMeters(okWithin(METERED_VOICE));
        } finally {
            env.network().setMeterStatsInterval(Duration.ofSeconds(10));
        }
    }

    @Test
    public void aPolicedReservationHasOneMeterAtItsRateOnTheIngressOfEachDirection() throws Exception {
        afterMeterRead();
        JsonNode flow = okWithin(POLICED_VOICE);
        assertEquals(flow.toString(), "INSTALLED", flow.path("state").asText());
        assertTrue(flow.path("spec").path("qos").path("police").asBoolean(false));
        // The way there enters at s1, the way back at s3; s2 polices nothing.
        JsonNode meters = flow.path("meters");
        assertEquals(meters.toString(), 2, meters.size());
        assertEquals(S1.toString(), meters.get(0).path("deviceId").asText());
        assertEquals(S3.toString(), meters.get(1).path("deviceId").asText());
        assertEquals(List.of(), env.network().meterTable(S2));
        MeterService meterService = env.sandbox.core().get(MeterService.class);
        for (JsonNode m : meters) {
            DeviceId device = DeviceId.deviceId(m.path("deviceId").asText());
            MeterId id = MeterId.meterId(m.path("meterId").asLong());
            assertEquals(m.toString(), "ADDED", m.path("state").asText());
            Meter meter = meterService.getMeter(device, id);
            assertEquals(Meter.Unit.KB_PER_SEC, meter.unit());
            Band band = meter.bands().iterator().next();
            assertEquals(1, meter.bands().size());
            assertEquals(Band.Type.DROP, band.type());
            assertEquals("the reserved rate", POLICED_KBPS, band.rate());
            assertEquals(1, env.network().meterTable(device).size());
            // Only the rule the direction enters by uses the meter.
            List<FlowEntry> rules = env.onosRules(device);
            assertEquals(2, rules.size());
            List<FlowEntry> metered = rules.stream().filter(r -> r.treatment().metered() != null)
                    .collect(Collectors.toList());
            assertEquals(rules.toString(), 1, metered.size());
            assertEquals(id, ((Instructions.MeterInstruction) metered.get(0).treatment().metered()).meterId());
            IPCriterion src = (IPCriterion) metered.get(0).selector().getCriterion(Criterion.Type.IPV4_SRC);
            assertEquals("the meter polices the direction that enters here", device.equals(S1) ? "10.0.0.1/32"
                    : "10.0.0.3/32", src.ip().toString());
        }
        assertTrue(env.onosRules(S2).stream().allMatch(r -> r.treatment().metered() == null));
        for (DeviceId d : List.of(S1, S2, S3)) {
            assertEquals("confirmed rules are on " + d, 2, env.switchRules(d).size());
        }
    }

    private static void assertInstalledWithMeters(JsonNode flow) {
        assertEquals(flow.toString(), "INSTALLED", flow.path("state").asText());
        assertEquals(3, flow.path("meters").size());
        for (JsonNode meter : flow.path("meters")) {
            assertEquals("the reply tells what ONOS confirmed: " + meter, "ADDED", meter.path("state").asText());
            DeviceId device = DeviceId.deviceId(meter.path("deviceId").asText());
            assertTrue("the switch holds the meter before the reply: " + meter,
                       env.network().meterTable(device).stream()
                               .anyMatch(m -> m.id().id() == meter.path("meterId").asLong()));
        }
        for (DeviceId d : List.of(S1, S2, S3)) {
            assertEquals("confirmed rules are on " + d, 2, env.switchRules(d).size());
        }
    }

    // Waits until every switch's meters were just read.
    private static void afterMeterRead() throws InterruptedException {
        CountDownLatch read = new CountDownLatch(3);
        env.network().addMeterStatsListener(d -> read.countDown());
        assertTrue("the switches' meters are read", read.await(25, TimeUnit.SECONDS));
    }

    private static JsonNode okWithin(String request) throws Exception {
        JsonNode reply = admin.request(request).get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(reply.toString(), "ok", reply.path("status").asText());
        return reply.path("result");
    }
}
