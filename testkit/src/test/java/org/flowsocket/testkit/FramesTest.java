/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import org.junit.Test;

import java.util.Arrays;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

/** The frames the raw client builds, byte by byte against RFC 6455, section 5.2. */
public class FramesTest {

    private static final byte[] MASK = {0x01, 0x02, 0x03, 0x04};

    @Test
    public void shortPayloadHasA7BitLengthAndIsMasked() {
        byte[] f = Frames.frame(Frames.OP_TEXT, new byte[]{'a', 'b', 'c', 'd', 'e'}, MASK);
        assertArrayEquals(new byte[]{(byte) 0x81, (byte) (0x80 | 5), 1, 2, 3, 4,
                                     'a' ^ 1, 'b' ^ 2, 'c' ^ 3, 'd' ^ 4, 'e' ^ 1}, f);
    }

    @Test
    public void lengthEncodingSwitchesAt126And65536() {
        assertHead(new int[]{0x80 | 125}, Frames.header(Frames.OP_CLOSE, 125, MASK, false));
        assertHead(new int[]{0x80 | 126, 0x00, 0x7e}, Frames.header(Frames.OP_CLOSE, 126, MASK, false));
        assertHead(new int[]{0x80 | 126, 0xff, 0xff}, Frames.header(Frames.OP_CLOSE, 65535, MASK, false));
        assertHead(new int[]{0x80 | 127, 0, 0, 0, 0, 0, 1, 0, 0},
                   Frames.header(Frames.OP_CLOSE, 65536, MASK, false));
        assertEquals(2 + 8 + 4 + 65536, Frames.frame(Frames.OP_CLOSE, new byte[65536], MASK).length);
    }

    @Test
    public void longFormCarriesAnyLengthAsUnsigned() {
        assertHead(new int[]{0x80 | 127, 0, 0, 0, 0, 0, 0, 0, 5}, Frames.header(Frames.OP_TEXT, 5, MASK, true));
        assertHead(new int[]{0x80 | 127, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
                   Frames.header(Frames.OP_TEXT, -1L, MASK, false));
    }

    @Test(expected = IllegalArgumentException.class)
    public void maskKeyMustHaveFourBytes() {
        Frames.header(Frames.OP_TEXT, 1, new byte[]{1, 2, 3}, false);
    }

    // Checks the bytes after the first (FIN and opcode) up to the mask key, and the mask key.
    private static void assertHead(int[] lengthBytes, byte[] header) {
        assertEquals("FIN and opcode", 0x80, header[0] & 0xf0);
        byte[] expected = new byte[lengthBytes.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) lengthBytes[i];
        }
        assertArrayEquals(expected, Arrays.copyOfRange(header, 1, 1 + expected.length));
        assertArrayEquals(MASK, Arrays.copyOfRange(header, 1 + expected.length, header.length));
    }
}
