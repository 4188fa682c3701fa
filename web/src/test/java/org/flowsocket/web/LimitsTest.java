/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import com.google.common.base.Strings;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.Frames;
import org.flowsocket.testkit.RawWebSocket;
import org.junit.Test;

import java.time.Duration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * Limits: frame size, binary frames, slow readers, idle peers, shutdown.
 */
public class LimitsTest extends ServletTestBase {

    private static final int MAX_FRAME = 4096;

    private static String adminAuth() {
        return EmbeddedServer.basic(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
    }

    @Test
    public void oversizeMessageCloses1009AndServerKeepsServing() throws Exception {
        // changed after the servlet started: applies to new connections
        core.setSettings(ConnectionSettings.builder().maxFrameBytes(MAX_FRAME).build());
        FlowSocketClient big = connectAdmin();
        try {
            big.send(echo(Strings.repeat("x", 4 * MAX_FRAME)));
        } catch (IOException e) {
            // The server may close with 1009 while the client is still writing the rest.
        }
        assertEquals(1009, big.awaitClose(Duration.ofSeconds(5)));
        assertTrue(core.all().get(0).received.isEmpty());

        FlowSocketClient other = connectAdmin();
        other.send(echo("still-here"));
        assertEquals("still-here", idOf(other.nextMessage(MESSAGE_WAIT)));
    }

    @Test
    public void eachConnectionKeepsTheLimitOfItsHandshake() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxFrameBytes(MAX_FRAME).build());
        FlowSocketClient small = connectAdmin();
        // Beyond Jetty's own default of 64 KiB: the connection's limit is FlowSocket's.
        int large = 256 * 1024;
        core.setSettings(ConnectionSettings.builder().maxFrameBytes(large).build());
        FlowSocketClient big = connectAdmin();

        big.send("{\"type\":\"Echo\",\"id\":\"big\",\"pad\":\"" + Strings.repeat("b", 100 * 1024) + "\"}");
        assertEquals("big", idOf(big.nextMessage(MESSAGE_WAIT)));
        try {
            small.send(echo(Strings.repeat("s", 2 * MAX_FRAME)));
        } catch (IOException e) {
            // The server may close with 1009 while the client is still writing the rest.
        }
        assertEquals("the limit when it connected still holds", 1009, small.awaitClose(Duration.ofSeconds(5)));
    }

    @Test
    public void hugeFrameIsRefusedFromItsHeaderWithoutBuffering() throws Exception {
        try (RawWebSocket raw = raw(adminAuth(), 5_000)) {
            RecordingService.Recorded session = core.nextSession();
            raw.sendTextHeader(1L << 30); // announces 1 GiB, sends 8 bytes
            RawWebSocket.Frame f = raw.read();
            while (f.opcode() != Frames.OP_CLOSE) {
                f = raw.read();
            }
            assertEquals(1009, f.closeCode());
            assertTrue(session.closed.await(5, TimeUnit.SECONDS));
            assertTrue(session.received.isEmpty());
        }
    }

    @Test
    public void fragmentedOversizeMessageCloses1009() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxFrameBytes(MAX_FRAME).build());
        FlowSocketClient c = connectAdmin();
        String chunk = Strings.repeat("y", 1500);
        // each frame is small; the third takes the message past the limit
        for (int i = 0; i < 3; i++) {
            c.session().getRemote().sendPartialString(chunk, i == 2);
        }
        assertEquals(1009, c.awaitClose(Duration.ofSeconds(5)));
        assertTrue(core.all().get(0).received.isEmpty());
    }

    @Test
    public void messageOfExactlyTheLimitIsDelivered() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxFrameBytes(MAX_FRAME).build());
        FlowSocketClient c = connectAdmin();
        String head = "{\"type\":\"Echo\",\"id\":\"full\",\"pad\":\"";
        String msg = head + Strings.repeat("z", MAX_FRAME - head.length() - 2) + "\"}";
        assertEquals(MAX_FRAME, msg.getBytes(StandardCharsets.UTF_8).length);
        c.send(msg);
        assertEquals("full", idOf(c.nextMessage(MESSAGE_WAIT)));
    }

    @Test
    public void binaryFrameCloses1003() throws Exception {
        FlowSocketClient c = connectAdmin();
        c.session().getRemote().sendBytes(ByteBuffer.wrap(new byte[]{1, 2, 3}));
        assertEquals(1003, c.awaitClose(Duration.ofSeconds(5)));
        assertTrue(core.nextSession().closed.await(5, TimeUnit.SECONDS));
    }

    @Test
    public void slowReaderIsClosedWith1008WhenItsQueueOverflows() throws Exception {
        core.setSettings(ConnectionSettings.builder().maxQueuedMessages(16).build());
        try (RawWebSocket reader = raw(adminAuth(), 10_000)) {
            RecordingService.Recorded session = core.nextSession();
            assertNotNull(session);
            String event = "{\"event\":\"bulk\",\"pad\":\"" + Strings.repeat("e", 32 * 1024) + "\"}";
            int pushed = 2000; // 64 MiB if anything buffered it all
            long start = System.nanoTime();
            for (int i = 0; i < pushed; i++) {
                session.sink.send(event); // must never block
            }
            long pushMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("pushing took " + pushMillis + " ms", pushMillis < 5000);

            int texts = 0;
            RawWebSocket.Frame f;
            while ((f = reader.read()).opcode() != Frames.OP_CLOSE) {
                texts += f.opcode() == Frames.OP_TEXT ? 1 : 0;
            }
            assertEquals(CloseCodes.POLICY_VIOLATION, f.closeCode());
            assertEquals(CloseCodes.QUEUE_FULL_REASON,
                         new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8));
            assertTrue("received " + texts + " of " + pushed, texts > 1 && texts < pushed);
        }
        assertTrue(core.all().get(0).closed.await(5, TimeUnit.SECONDS));
    }

    @Test
    public void silentPeerIsPingedThenClosedAfterIdleTimeout() throws Exception {
        core.setSettings(ConnectionSettings.builder().idleTimeoutMillis(1000).pingIntervalMillis(200).build());
        try (RawWebSocket peer = raw(adminAuth(), 10_000)) {
            long start = System.nanoTime();
            int pings = 0;
            RawWebSocket.Frame f;
            while ((f = peer.read()).opcode() != Frames.OP_CLOSE) {
                pings += f.opcode() == Frames.OP_PING ? 1 : 0;
                assertTrue("still open after " + pings + " pings",
                           System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(CloseCodes.GOING_AWAY, f.closeCode());
            assertTrue("pings before close: " + pings, pings >= 2);
            assertTrue("closed after " + millis + " ms", millis >= 900 && millis < 5000);
        }
    }

    @Test
    public void peerAnsweringPingsStaysOpenPastIdleTimeout() throws Exception {
        core.setSettings(ConnectionSettings.builder().idleTimeoutMillis(1000).pingIntervalMillis(200).build());
        FlowSocketClient c = connectAdmin();
        assertEquals("closed with " + c.closeCode(), -1, c.awaitClose(Duration.ofSeconds(3)));
        assertTrue("pings: " + c.pings(), c.pings() >= 5);
        c.send(echo("alive"));
        assertEquals("alive", idOf(c.nextMessage(MESSAGE_WAIT)));
    }

    @Test
    public void destroyClosesEveryConnectionWith1001AndStopsItsThread() throws Exception {
        List<FlowSocketClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(connectAdmin());
        }
        assertTrue(timerThreadAlive());
        // never answers the close: destroy() waits for it, then cuts it off
        try (RawWebSocket deaf = raw(adminAuth(), 10_000)) {
            assertTrue(eventually(5000, () -> core.all().size() == 6));
            long start = System.nanoTime();
            server.stopContext(); // the container calls destroy()
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("destroy took " + millis + " ms",
                       millis < FlowSocketServlet.SHUTDOWN_WAIT_MILLIS + 2000);
            for (FlowSocketClient c : clients) {
                assertEquals(1001, c.awaitClose(Duration.ofSeconds(5)));
                assertEquals("server shutting down", c.closeReason());
            }
            RawWebSocket.Frame f = deaf.read();
            while (f.opcode() != Frames.OP_CLOSE) {
                f = deaf.read();
            }
            assertEquals(1001, f.closeCode());
        }
        for (RecordingService.Recorded s : core.all()) {
            assertTrue(s.closed.await(5, TimeUnit.SECONDS));
        }
        assertEquals(0, server.servlet().openConnections());
        assertFalse("FlowSocket thread left behind", timerThreadAlive());
    }

    private static boolean timerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("flowsocket"));
    }
}
