/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import com.google.common.base.Strings;
import org.eclipse.jetty.websocket.api.WebSocketException;
import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Close code and reason rules.
 */
public class CloseCodesTest {

    private static final String PARSER = "org.eclipse.jetty.websocket.common.Parser";

    @Test
    public void reservedCodesAreNotSendable() {
        assertTrue(CloseCodes.isSendable(1000));
        assertTrue(CloseCodes.isSendable(CloseCodes.POLICY_VIOLATION));
        assertTrue(CloseCodes.isSendable(4000));
        assertFalse(CloseCodes.isSendable(1005));
        assertFalse(CloseCodes.isSendable(1006));
        assertFalse(CloseCodes.isSendable(1015));
        assertFalse(CloseCodes.isSendable(999));
        assertFalse(CloseCodes.isSendable(5000));
    }

    @Test
    public void longReasonsAreCutOnCharacterBoundaries() {
        assertEquals("", CloseCodes.trimReason(null));
        assertEquals("short", CloseCodes.trimReason("short"));
        String trimmed = CloseCodes.trimReason(Strings.repeat("\u00e9", 100)); // 200 bytes
        assertEquals(61, trimmed.length());
        String emoji = CloseCodes.trimReason(Strings.repeat("\ud83d\ude00", 40)); // 160 bytes
        assertTrue(emoji.getBytes(StandardCharsets.UTF_8).length <= CloseCodes.MAX_REASON_BYTES);
        assertFalse(Character.isHighSurrogate(emoji.charAt(emoji.length() - 1)));
    }

    @Test
    public void onlyTheFrameParsersOwnFailureIsAFrameTooLarge() {
        // Jetty 9.4's parser with a payload length of 2^31 or more (FrameLengthTest runs the real one).
        Throwable parser = wrapped(failure(new IllegalArgumentException("newLimit < 0: (-2147483634 < 0)"),
                "java.nio.Buffer", "java.nio.ByteBuffer", PARSER, "org.eclipse.jetty.websocket.common.Parser"));
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, CloseCodes.forReadFailure(parser, 1024).code);
        // The message handler, which the parser calls, failing: not the client's fault.
        Throwable handler = wrapped(failure(new IllegalArgumentException("bad state"),
                "org.flowsocket.web.SocketEndpoint", PARSER));
        assertEquals(CloseCodes.INTERNAL_ERROR, CloseCodes.forReadFailure(handler, 1024).code);
        Throwable missingClass = wrapped(failure(new NoClassDefFoundError("org/flowsocket/Gone"),
                "java.lang.ClassLoader", "org.flowsocket.web.SocketEndpoint", PARSER));
        assertEquals(CloseCodes.INTERNAL_ERROR, CloseCodes.forReadFailure(missingClass, 1024).code);
        assertEquals("internal error", CloseCodes.forReadFailure(missingClass, 1024).reason);
    }

    // As Jetty 9.4's Parser.parseSingleFrame rethrows what failed within it.
    private static Throwable wrapped(Throwable t) {
        return failure(new WebSocketException(t), PARSER);
    }

    private static <T extends Throwable> T failure(T t, String... classes) {
        StackTraceElement[] stack = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) {
            stack[i] = new StackTraceElement(classes[i], "m", null, -1);
        }
        t.setStackTrace(stack);
        return t;
    }
}
