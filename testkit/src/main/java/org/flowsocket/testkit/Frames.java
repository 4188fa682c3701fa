/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import java.io.ByteArrayOutputStream;

/** Client WebSocket frames built by hand (RFC 6455, section 5.2), including ones a library refuses. */
public final class Frames {

    public static final int OP_TEXT = 0x1;
    public static final int OP_CLOSE = 0x8;
    public static final int OP_PING = 0x9;

    /** The mask key of the frames {@link RawWebSocket#send} writes. */
    static final byte[] MASK = {0x12, 0x34, 0x56, 0x78};

    private Frames() {
    }

    /**
     * A final, masked frame with the shortest length encoding.
     *
     * @param opcode  opcode
     * @param payload payload
     * @param mask    4-byte mask key
     * @return the frame's bytes
     */
    public static byte[] frame(int opcode, byte[] payload, byte[] mask) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(header(opcode, payload.length, mask, payload.length >= 65536));
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    /**
     * The head of a final, masked frame announcing a payload length. Lengths
     * under 126 take 7 bits, under 65536 16 bits, others (or any, if
     * {@code longForm}) 64 bits, where a length of 2^63 or more sets the bit
     * RFC 6455 requires to be zero.
     *
     * @param opcode   opcode
     * @param length   announced payload length, read as unsigned
     * @param mask     4-byte mask key
     * @param longForm whether to use the 64-bit form whatever the length
     * @return the header's bytes, mask key included
     */
    public static byte[] header(int opcode, long length, byte[] mask, boolean longForm) {
        if (mask.length != 4) {
            throw new IllegalArgumentException("a mask key has 4 bytes, not " + mask.length);
        }
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (!longForm && length >= 0 && length < 126) {
            f.write(0x80 | (int) length);
        } else if (!longForm && length >= 0 && length < 65536) {
            f.write(0x80 | 126);
            f.write((int) (length >> 8));
            f.write((int) (length & 0xff));
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (length >>> shift) & 0xff);
            }
        }
        f.writeBytes(mask);
        return f.toByteArray();
    }
}
