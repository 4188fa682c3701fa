/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket, for frames a well-behaved client
 * library refuses to send (text that is not UTF-8). It performs the
 * handshake, writes masked frames byte by byte and reads the server's frames.
 */
final class RawSocket implements AutoCloseable {

    static final int OP_TEXT = 0x1;
    static final int OP_CLOSE = 0x8;

    private final Socket socket;
    private final DataInputStream in;
    private String closeReason = "";

    RawSocket(URI uri, String authorization) throws IOException {
        this(uri, authorization, 0);
    }

    /**
     * Connects with a given receive buffer, e.g. a small one for a client
     * that does not read.
     *
     * @param receiveBuffer receive buffer in bytes, 0 for the default
     */
    RawSocket(URI uri, String authorization, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(20_000);
        String key = Base64.getEncoder().encodeToString("flowsocket-bench".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + uri.getPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: flowsocket.v1\r\n"
                + "Authorization: " + authorization + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        in = new DataInputStream(socket.getInputStream());
        String status = readHead();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + status);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during handshake");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf('\r'));
    }

    /** Sends one final frame with a masked payload. */
    void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(f.toByteArray());
        out.flush();
    }

    /** Writes bytes as they are, e.g. a frame header alone. */
    void sendRaw(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** @return the reason of the close frame {@link #readUntilClose()} read */
    String closeReason() {
        return closeReason;
    }

    /**
     * Reads frames until a close frame and returns its code.
     *
     * @return close code, or -1 if the connection ended without one
     */
    int readUntilClose() throws IOException {
        while (true) {
            int b0;
            try {
                b0 = in.readUnsignedByte();
            } catch (IOException e) {
                return -1;
            }
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            if ((b0 & 0x0f) == OP_CLOSE) {
                closeReason = payload.length <= 2 ? ""
                        : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            }
        }
    }

    /** Drops the connection with a TCP reset instead of a close. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
