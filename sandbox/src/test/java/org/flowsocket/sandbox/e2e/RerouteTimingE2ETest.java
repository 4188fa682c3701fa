/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.net.link.LinkListener;
import org.onosproject.net.link.LinkService;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Measures, on a ring of eight simulated switches ({@link RingE2eTestBase};
 * acknowledging after 20 ms), how long a network flow takes from the first
 * event ONOS raises of a cut link of its path to the client's FLOW_REROUTED,
 * which FlowSocket sends once the switches confirmed the new path; and what
 * admission control adds to an InstallFlow. A cut cable's ports report down
 * (PORT_UPDATED) before ONOS removes the link (LINK_REMOVED), and FlowSocket
 * acts on either, so the time counts from the first of them; the time from
 * LINK_REMOVED is printed beside it. Prints the figures docs/performance.md
 * quotes.
 */
public class RerouteTimingE2ETest extends RingE2eTestBase {

    private static final int FAILURES = 100;
    private static final int ADMISSIONS = 200;

    @BeforeClass
    public static void setUp() throws Exception {
        startRing(8);
        ComponentConfigService cfg = env.sandbox.core().get(ComponentConfigService.class);
        // Every failure moves the flow: no hold-down of the link that returns, no rate limit.
        cfg.setProperty("org.flowsocket.impl.FlowSocketManager", "rerouteHoldDownMs", "0");
        cfg.setProperty("org.flowsocket.impl.FlowSocketManager", "rerouteMaxPerMinute", "100000");
        Thread.sleep(1000);
    }

    @Test
    public void rerouteTimeFromLinkDownToConfirmedNewPath() throws Exception {
        LinkService links = env.sandbox.core().get(LinkService.class);
        DeviceService devices = env.sandbox.core().get(DeviceService.class);
        AtomicLong failedNanos = new AtomicLong();
        AtomicLong linkRemovedNanos = new AtomicLong();
        LinkListener linkListener = e -> {
            if (e.type() == LinkEvent.Type.LINK_REMOVED) {
                long now = System.nanoTime();
                failedNanos.compareAndSet(0, now);
                linkRemovedNanos.compareAndSet(0, now);
            }
        };
        // Only the ports of the cut link: the ring's other ports stay up.
        List<ConnectPoint> cut = Collections.synchronizedList(new ArrayList<>());
        DeviceListener portListener = e -> {
            if (e.type() == DeviceEvent.Type.PORT_UPDATED && e.port() != null && !e.port().isEnabled()
                    && cut.contains(new ConnectPoint(e.subject().id(), e.port().number()))) {
                failedNanos.compareAndSet(0, System.nanoTime());
            }
        };
        links.addListener(linkListener);
        devices.addListener(portListener);
        JsonNode flow = admin.ok("{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.2',"
                + "'protocol':'udp','dstPort':5004}}");
        String flowId = flow.path("flowId").asText();
        JsonNode path = flow.path("path");
        long seq = 0;
        List<Long> shortMicros = new ArrayList<>();
        List<Long> longMicros = new ArrayList<>();
        List<Long> fromLinkRemovedMicros = new ArrayList<>();
        List<Long> portsToLinkRemovedMicros = new ArrayList<>();
        for (int i = 0; i < FAILURES; i++) {
            // Cut the first link of the flow's path: it moves to the other way round the ring.
            ConnectPoint a = point(path.get(0).path("deviceId").asText(), path.get(0).path("outPort").asText());
            ConnectPoint b = point(path.get(1).path("deviceId").asText(), path.get(1).path("inPort").asText());
            cut.clear();
            cut.addAll(List.of(a, b));
            failedNanos.set(0);
            linkRemovedNanos.set(0);
            env.network().linkDown(a, b);
            JsonNode rerouted = admin.awaitEventAfter(seq, "flows", "FLOW_REROUTED",
                                                      d -> flowId.equals(d.path("flowId").asText()));
            long receivedNanos = System.nanoTime();
            assertTrue("ONOS raised an event of the failure before the flow moved", failedNanos.get() != 0);
            long micros = (receivedNanos - failedNanos.get()) / 1000;
            // FlowSocket may have moved the flow before ONOS removed the link.
            E2eSandbox.eventually("LINK_REMOVED", () -> linkRemovedNanos.get() != 0);
            fromLinkRemovedMicros.add((receivedNanos - linkRemovedNanos.get()) / 1000);
            portsToLinkRemovedMicros.add((linkRemovedNanos.get() - failedNanos.get()) / 1000);
            seq = rerouted.path("seq").asLong();
            path = rerouted.path("data").path("path");
            (path.size() == 2 ? shortMicros : longMicros).add(micros);
            env.network().linkUp(a, b);
            E2eSandbox.eventually("link back", () -> links.getLink(a, b) != null && links.getLink(b, a) != null);
        }
        links.removeListener(linkListener);
        devices.removeListener(portListener);
        List<Long> all = new ArrayList<>(shortMicros);
        all.addAll(longMicros);
        assertEquals(FAILURES, all.size());
        long portsFirst = portsToLinkRemovedMicros.stream().filter(m -> m > 0).count();
        System.out.println("REROUTE-TIMING ring,8 first failure event to FLOW_REROUTED over " + FAILURES
                                   + " failures: " + summary(all)
                                   + "; onto the 2-switch path: " + summary(shortMicros)
                                   + "; onto the 8-switch path: " + summary(longMicros)
                                   + "; LINK_REMOVED to FLOW_REROUTED (negative: moved before it): "
                                   + summary(fromLinkRemovedMicros) + "; ports down first in " + portsFirst
                                   + ", ports down to LINK_REMOVED: " + summary(portsToLinkRemovedMicros));
    }

    @Test
    public void admissionCostPerInstallFlow() throws Exception {
        List<Long> plain = new ArrayList<>();
        List<Long> reserving = new ArrayList<>();
        for (int i = 0; i < ADMISSIONS; i++) {
            boolean reserve = i % 2 == 1;
            // confirm false: the reply comes once the flow is planned, admitted and submitted.
            String request = "{'type':'InstallFlow','confirm':false,'network':{'src':'10.0.0.3','dst':'10.0.0.7',"
                    + "'protocol':'udp','dstPort':" + (10000 + i) + (reserve ? ",'qos':{'bandwidthKbps':1000}" : "")
                    + "}}";
            long start = System.nanoTime();
            admin.ok(request);
            (reserve ? reserving : plain).add((System.nanoTime() - start) / 1000);
        }
        System.out.println("ADMISSION-TIMING ring,8 InstallFlow (confirm false) reply time over " + ADMISSIONS / 2
                                   + " requests each, up to " + ADMISSIONS / 2 + " reservations held: without "
                                   + "bandwidthKbps " + summary(plain) + "; with " + summary(reserving));
    }

    private static String summary(List<Long> micros) {
        if (micros.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format("n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", sorted.size(),
                             at(sorted, 0.50) / 1000.0, at(sorted, 0.99) / 1000.0,
                             sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
