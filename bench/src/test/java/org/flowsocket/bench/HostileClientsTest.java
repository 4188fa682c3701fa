/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.Frames;
import org.flowsocket.testkit.RawWebSocket;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Clients that attack the server's resources rather than its validation:
 * clients that never read, frames whose header announces absurd lengths,
 * too many sessions, slow handshakes and malformed credentials. Each must
 * meet its documented limit, and the server's heap must stay bounded.
 */
public class HostileClientsTest {

    private static final long MIB = 1024 * 1024;

    private static SuiteSandbox box;

    @BeforeClass
    public static void start() throws Exception {
        box = SuiteSandbox.start(Duration.ofMillis(5));
    }

    @AfterClass
    public static void stop() {
        box.close();
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String viewerAuth() {
        return ClientConfig.basicAuthorization("viewer", "viewer");
    }

    // A viewer that asks for replies about 50 times larger than its requests
    // and never reads them: the server must close it with 1008 once its
    // outbound budget is spent, holding no more than that budget meanwhile.
    @Test
    public void aClientThatNeverReadsCostsAtMostItsOutboundBudget() throws Exception {
        ConnectionSettings settings = box.flowSocket().connectionSettings();
        StringBuilder batch = new StringBuilder("{\"type\":\"Batch\",\"id\":1,\"requests\":[");
        for (int i = 0; i < 256; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"Hello\"}");
        }
        String text = batch.append("]}").toString();
        FlowSocketClient probe = box.viewer();
        int replyLength = SuiteSandbox.call(probe, 1, text).toString().length();
        probe.close();
        // Enough unread replies for 256 MiB, within the message count cap.
        int frames = (int) Math.min(settings.maxQueuedMessages() - 16, 256 * MIB / replyLength + 1);
        byte[] request = text.getBytes(StandardCharsets.UTF_8);
        long before = heapAfterGc();
        try (RawWebSocket raw = new RawWebSocket(box.uri(), RawWebSocket.Options.of(viewerAuth()).withReceiveBuffer(4096))) {
            for (int i = 0; i < frames; i++) {
                raw.send(Frames.OP_TEXT, request);
            }
            Thread.sleep(8000); // let the server answer what it read
            long growth = heapAfterGc() - before;
            long bound = settings.maxQueuedBytes() + 48 * MIB;
            assertTrue("heap grew by " + growth / MIB + " MiB, more than " + bound / MIB + " MiB, for "
                       + frames + " unread replies of " + replyLength + " characters",
                       growth < bound);
            assertEquals(1008, raw.readUntilClose());
            assertEquals("outbound queue full", raw.closeReason());
        }
    }

    // Requests of a megabyte whose error replies used to echo them twice.
    @Test
    public void errorRepliesToHugeRequestsStaySmall() throws Exception {
        String type = "X".repeat(box.flowSocket().connectionSettings().maxFrameBytes() - 100);
        byte[] request = ("{\"id\":1,\"type\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8);
        long before = heapAfterGc();
        try (RawWebSocket raw = new RawWebSocket(box.uri(), RawWebSocket.Options.of(viewerAuth()).withReceiveBuffer(4096))) {
            for (int i = 0; i < 100; i++) {
                raw.send(Frames.OP_TEXT, request);
            }
            Thread.sleep(3000);
            long growth = heapAfterGc() - before;
            assertTrue("heap grew by " + growth / MIB + " MiB for 100 unread error replies", growth < 32 * MIB);
        }
    }

    // Jetty 9.4's BASIC authenticator throws on an Authorization header that
    // is not base64; FlowSocket's error page answers 401 without details.
    @Test
    public void malformedBasicCredentialsGet401WithoutDetails() throws Exception {
        String page = box.sandbox().web().consoleUri() + "index.html";
        for (String header : new String[]{"Basic !!!notbase64", "Basic  b25vczpyb2Nrcw==",
                "Basic " + new String(new byte[]{(byte) 0xc3, (byte) 0xa9}, StandardCharsets.ISO_8859_1),
                "Basic " + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))}) {
            java.net.HttpURLConnection http = (java.net.HttpURLConnection) new java.net.URL(page).openConnection();
            http.setRequestProperty("Authorization", header);
            assertEquals(header, 401, http.getResponseCode());
            String body = new String(http.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(header + ": " + body, body.startsWith("401 "));
            assertTrue(header + ": " + body, !body.contains("Exception") && !body.contains("\tat "));
            assertEquals("DENY", http.getHeaderField("X-Frame-Options"));
            assertEquals("nosniff", http.getHeaderField("X-Content-Type-Options"));
            http.disconnect();
        }
        // The WebSocket endpoint's refusals carry the same headers.
        java.net.HttpURLConnection http = (java.net.HttpURLConnection) new java.net.URL(
                box.sandbox().web().baseUri() + "/onos/flowsocket/ws").openConnection();
        http.setRequestProperty("Authorization", viewerAuth());
        assertEquals(426, http.getResponseCode());
        assertTrue(http.getHeaderField("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertTrue(new String(http.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("426 "));
    }

    // Frames whose 64-bit length header announces absurd sizes. Jetty 9.4's
    // parser keeps the length in an int: lengths of 2^31 and more fail inside
    // it, and FlowSocket closes with 1009 in the protocol's words; a multiple
    // of 2^32 reads as an empty frame, and the bytes after it break framing.
    @Test
    public void absurdFrameLengthsCloseWithTheDocumentedCodes() throws Exception {
        long[] lengths = {1L << 31, Long.MAX_VALUE, -1L, 1L << 32};
        int[] codes = {1009, 1009, 1009, 1002};
        for (int i = 0; i < lengths.length; i++) {
            try (RawWebSocket raw = new RawWebSocket(box.uri(), RawWebSocket.Options.of(viewerAuth()))) {
                java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(14);
                header.put((byte) 0x81).put((byte) (0x80 | 127)).putLong(lengths[i]).put(new byte[]{1, 2, 3, 4});
                raw.sendRaw(header.array());
                raw.sendRaw(new byte[64]);
                int code = raw.readUntilClose();
                String what = "length " + Long.toUnsignedString(lengths[i]) + " closed with " + code + " "
                        + raw.closeReason();
                assertEquals(what, codes[i], code);
                assertTrue(what, !raw.closeReason().contains("Exception") && !raw.closeReason().contains("java."));
            }
        }
    }

    // One viewer cannot take every session: it gets 429 at its share, and
    // an admin still connects.
    @Test
    public void oneViewerCannotLockAdminsOut() throws Exception {
        ConnectionSettings settings = box.flowSocket().connectionSettings();
        java.util.List<RawWebSocket> mine = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < settings.maxSessionsPerUser(); i++) {
                mine.add(new RawWebSocket(box.uri(), RawWebSocket.Options.of(viewerAuth())));
            }
            try (RawWebSocket extra = new RawWebSocket(box.uri(), RawWebSocket.Options.of(viewerAuth()))) {
                throw new AssertionError("session " + (settings.maxSessionsPerUser() + 1) + " of one viewer was accepted");
            } catch (java.io.IOException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(" 429"));
            }
            FlowSocketClient admin = box.admin();
            SuiteSandbox.assertServed(admin);
            admin.close();
        } finally {
            for (RawWebSocket s : mine) {
                s.close();
            }
        }
    }

    // Held before and kept: the console's static files are the only files
    // served; the bundle's WEB-INF, classes and paths outside the console
    // are not, and folders are not listed.
    @Test
    public void onlyTheConsoleFilesAreServed() throws Exception {
        String base = box.sandbox().web().baseUri() + "/onos/flowsocket";
        for (String path : new String[]{"/WEB-INF/web.xml", "/console/../WEB-INF/web.xml",
                "/console/%2e%2e/WEB-INF/web.xml", "/org/flowsocket/web/ErrorPage.class", "/console/",
                "/META-INF/MANIFEST.MF"}) {
            java.net.HttpURLConnection http = (java.net.HttpURLConnection) new java.net.URL(base + path)
                    .openConnection();
            http.setRequestProperty("Authorization", viewerAuth());
            int status = http.getResponseCode();
            assertTrue(path + " answered " + status, status == 404 || status == 403 || status == 400);
            java.io.InputStream err = http.getErrorStream();
            String body = err == null ? "" : new String(err.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(path + ": " + body, !body.contains("<web-app") && !body.contains("Exception"));
        }
    }

    // Held before and kept: a client that resets its TCP connection in the
    // middle of a frame leaves no session behind.
    @Test
    public void aResetInTheMiddleOfAFrameLeavesNoSession() throws Exception {
        int before = box.flowSocketAdmin().sessions().size();
        for (int i = 0; i < 10; i++) {
            RawWebSocket raw = new RawWebSocket(box.uri(), RawWebSocket.Options.of(viewerAuth()));
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(8);
            header.put((byte) 0x81).put((byte) (0x80 | 126)).putShort((short) 1000).put(new byte[]{1, 2, 3, 4});
            raw.sendRaw(header.array());
            raw.sendRaw("{\"type\":\"Hel".getBytes(StandardCharsets.UTF_8));
            raw.reset();
        }
        assertTrue("sessions end", SuiteSandbox.await(() -> box.flowSocketAdmin().sessions().size() <= before,
                Duration.ofSeconds(10)));
    }
}
