/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.provider.ProviderId;
import org.onosproject.store.service.TestStorageService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.Assert.assertEquals;

/**
 * Reservations in ONOS's consistent map (ONOS's own TestConsistentMap, whose
 * compute is atomic per key as Atomix's is): checked and taken for all
 * links at once.
 */
public class BandwidthReservationsTest {

    private static final ProviderId PID = new ProviderId("of", "test");
    private static final Link A_B = link("of:0000000000000001/2", "of:0000000000000002/2");
    private static final Link B_C = link("of:0000000000000002/3", "of:0000000000000003/2");

    private final BandwidthReservations reservations =
            new BandwidthReservations(new TestStorageService(), new ObjectMapper());

    @Test
    public void ofConcurrentReservationsThatFitOnlyOneAtATimeExactlyOneSucceeds() throws Exception {
        int contenders = 16;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            String flowId = "fs-" + i;
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    reservations.reserve(flowId, List.of(A_B, B_C), 6000, l -> 10_000);
                    return "ok";
                } catch (FlowSocketException e) {
                    return e.code().name();
                }
            }));
        }
        start.countDown();
        int ok = 0;
        for (Future<String> f : outcomes) {
            String outcome = f.get();
            if ("ok".equals(outcome)) {
                ok++;
            } else {
                assertEquals(ErrorCode.NO_CAPACITY.name(), outcome);
            }
        }
        pool.shutdown();
        assertEquals(1, ok);
        assertEquals(Map.of(LinkKey.linkKey(A_B), 6000L, LinkKey.linkKey(B_C), 6000L), reservations.reservedKbps());
    }

    @Test
    public void aRefusalNamesTheBottleneckAndTakesNothing() {
        reservations.reserve("fs-1", List.of(B_C), 7000, l -> 10_000);
        try {
            reservations.reserve("fs-2", List.of(A_B, B_C), 5000, l -> 10_000);
        } catch (FlowSocketException e) {
            assertEquals(ErrorCode.NO_CAPACITY, e.code());
            assertEquals("of:0000000000000002/3-of:0000000000000003/2", e.details().path("link").asText());
            assertEquals(10_000, e.details().path("capacityKbps").asLong());
            assertEquals(7000, e.details().path("reservedKbps").asLong());
            assertEquals(3000, e.details().path("availableKbps").asLong());
            assertEquals(5000, e.details().path("requestedKbps").asLong());
        }
        assertEquals(Map.of(LinkKey.linkKey(B_C), 7000L), reservations.reservedKbps());
    }

    @Test
    public void aFlowMovesItsReservationAndReleasesIt() {
        reservations.reserve("fs-1", List.of(A_B, B_C), 6000, l -> 10_000);
        // Its own reservation does not count against it: 6000 + 6000 would not fit.
        reservations.reserve("fs-1", List.of(B_C), 6000, l -> 10_000);
        assertEquals(Map.of(LinkKey.linkKey(B_C), 6000L), reservations.reservedKbps());
        reservations.release("fs-1");
        assertEquals(Map.of(), reservations.reservedKbps());
        reservations.release("fs-1");
    }

    private static Link link(String src, String dst) {
        return DefaultLink.builder().providerId(PID).src(ConnectPoint.deviceConnectPoint(src))
                .dst(ConnectPoint.deviceConnectPoint(dst)).type(Link.Type.DIRECT).build();
    }
}
