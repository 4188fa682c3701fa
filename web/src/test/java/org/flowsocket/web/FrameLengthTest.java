/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.flowsocket.testkit.Frames;
import org.flowsocket.testkit.RawWebSocket;
import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/**
 * Frames whose 64-bit length header announces absurd sizes. Jetty 9.4's
 * parser keeps the length in an int and fails inside the parser for lengths
 * of 2^31 and more; the client must still get 1009 with a reason in the
 * protocol's words, not Jetty's exception text.
 */
public class FrameLengthTest extends ServletTestBase {

    private static String adminAuth() {
        return EmbeddedServer.basic(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
    }

    private RawWebSocket.Frame closeFrameFor(long length) throws Exception {
        try (RawWebSocket raw = raw(adminAuth(), 5_000)) {
            raw.sendTextHeader(length);
            RawWebSocket.Frame f = raw.read();
            while (f.opcode() != Frames.OP_CLOSE) {
                f = raw.read();
            }
            return f;
        }
    }

    @Test
    public void lengthsBeyondTheIntRangeClose1009InProtocolWords() throws Exception {
        for (long length : new long[]{1L << 31, 3L << 30, Long.MAX_VALUE, -1L}) {
            RawWebSocket.Frame f = closeFrameFor(length);
            String reason = new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8);
            String what = "length " + Long.toUnsignedString(length) + ": " + f.closeCode() + " " + reason;
            assertEquals(what, 1009, f.closeCode());
            assertFalse(what, reason.contains("Exception") || reason.contains("java."));
        }
    }
}
