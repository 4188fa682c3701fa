/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import com.google.common.base.Strings;
import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Close code and reason rules.
 */
public class CloseCodesTest {

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
}
