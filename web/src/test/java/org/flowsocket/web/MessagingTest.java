/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.flowsocket.testkit.FlowSocketClient;
import org.junit.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * Full duplex transport: correlation, ordering independence, pushed events
 * and core-initiated close.
 */
public class MessagingTest extends ServletTestBase {

    @Test
    public void pipelinedRequestsAllGetTheirOwnReply() throws Exception {
        FlowSocketClient c = connectAdmin();
        int n = 500;
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String id = "r" + i;
            expected.add(id);
            // every third one answers late, from another thread, out of order
            c.send(i % 3 == 0 ? delay(id, (n - i) % 20) : echo(id));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String reply = c.nextMessage(MESSAGE_WAIT);
            assertNotNull("missing replies after " + i, reply);
            assertTrue("duplicate reply " + reply, seen.add(idOf(reply)));
        }
        assertEquals(expected, seen);
        assertEquals(n, core.all().get(0).received.size());
    }

    @Test
    public void slowReplyDoesNotDelayFastOne() throws Exception {
        FlowSocketClient c = connectAdmin();
        long start = System.nanoTime();
        c.send(delay("slow", 1500));
        c.send(echo("fast"));
        String first = c.nextMessage(MESSAGE_WAIT);
        long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("fast", idOf(first));
        assertTrue("fast reply took " + firstMillis + " ms", firstMillis < 1000);
        assertEquals("slow", idOf(c.nextMessage(MESSAGE_WAIT)));
    }

    @Test
    public void eventsPushedByTheCoreReachTheClientInOrder() throws Exception {
        FlowSocketClient c = connectAdmin();
        RecordingService.Recorded session = core.nextSession();
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) {
                session.sink.send("{\"event\":\"DEVICE_ADDED\",\"seq\":" + i + "}");
            }
        }).get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 200; i++) {
            String event = c.nextMessage(MESSAGE_WAIT);
            assertNotNull(event);
            assertTrue(event, event.endsWith("\"seq\":" + i + "}"));
        }
    }

    @Test
    public void coreCloseReachesClientAfterQueuedMessages() throws Exception {
        FlowSocketClient c = connectAdmin();
        RecordingService.Recorded session = core.nextSession();
        session.sink.send("{\"event\":\"last\"}");
        session.sink.close(1001, "FlowSocket deactivated");
        assertEquals(1001, c.awaitClose(Duration.ofSeconds(5)));
        assertEquals("FlowSocket deactivated", c.closeReason());
        assertEquals("{\"event\":\"last\"}", c.nextMessage(Duration.ZERO));
        assertTrue(session.closed.await(5, TimeUnit.SECONDS));
        assertTrue(eventually(5000, () -> server.servlet().openConnections() == 0));
        session.sink.send("{\"event\":\"after close\"}"); // dropped, never throws
    }

    @Test
    public void clientCloseEndsCoreSession() throws Exception {
        FlowSocketClient c = connectAdmin();
        RecordingService.Recorded session = core.nextSession();
        c.session().close(1000, "bye");
        assertTrue(session.closed.await(5, TimeUnit.SECONDS));
        assertTrue(eventually(5000, () -> server.servlet().openConnections() == 0));
    }

    @Test
    public void fiftyConcurrentClientsGetAllTheirReplies() throws Exception {
        int clients = 50;
        int requests = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Set<String>>> results = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                String prefix = "c" + k + "-";
                results.add(pool.submit(() -> runClient(prefix, requests)));
            }
            for (int k = 0; k < clients; k++) {
                Set<String> seen = results.get(k).get(30, TimeUnit.SECONDS);
                assertEquals("client " + k, requests, seen.size());
                for (String id : seen) {
                    assertTrue(id, id.startsWith("c" + k + "-"));
                }
            }
            assertEquals(clients, core.all().size());
        } finally {
            pool.shutdownNow();
        }
    }

    private Set<String> runClient(String prefix, int requests) throws Exception {
        FlowSocketClient c = connectAdmin();
        for (int i = 0; i < requests; i++) {
            c.send(i % 2 == 0 ? echo(prefix + i) : delay(prefix + i, i % 7));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            String reply = c.nextMessage(MESSAGE_WAIT);
            assertNotNull(prefix + " missing replies", reply);
            assertTrue("duplicate " + reply, seen.add(idOf(reply)));
        }
        c.session().close();
        return seen;
    }
}
