/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket, for what a well-behaved client
 * library refuses to do: frames that are not UTF-8 or announce lengths they
 * do not carry, a handshake with another version, a peer that never answers
 * pings, stops reading or resets the connection. It performs the handshake,
 * writes hand-built frames and reads the server's frames.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final ContractMonitor contract;
    private final DataInputStream in;
    private String closeReason = "";

    /** One frame as read from the server (unmasked and, here, unfragmented). */
    public static final class Frame {
        private final int opcode;
        private final byte[] payload;

        Frame(int opcode, byte[] payload) {
            this.opcode = opcode;
            this.payload = payload.clone();
        }

        /** @return the opcode, see {@link Frames} */
        public int opcode() {
            return opcode;
        }

        /** @return a copy of the payload */
        public byte[] payload() {
            return payload.clone();
        }

        /** @return a close frame's code, -1 if the payload has none */
        public int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        /** @return a close frame's reason, empty if none */
        public String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** The handshake and socket settings. Immutable. */
    public static final class Options {
        private final String authorization;
        private final String subprotocol;
        private final String version;
        private final int readTimeoutMillis;
        private final int receiveBuffer;
        private final boolean checksContract;

        private Options(String authorization, String subprotocol, String version, int readTimeoutMillis,
                        int receiveBuffer) {
            this(authorization, subprotocol, version, readTimeoutMillis, receiveBuffer, true);
        }

        private Options(String authorization, String subprotocol, String version, int readTimeoutMillis,
                        int receiveBuffer, boolean checksContract) {
            this.authorization = authorization;
            this.subprotocol = subprotocol;
            this.version = version;
            this.readTimeoutMillis = readTimeoutMillis;
            this.receiveBuffer = receiveBuffer;
            this.checksContract = checksContract;
        }

        /**
         * Version 13, {@value ClientConfig#SUBPROTOCOL}, reads time out after 20 s.
         *
         * @param authorization Authorization header value
         * @return options
         */
        public static Options of(String authorization) {
            return new Options(authorization, ClientConfig.SUBPROTOCOL, "13", 20_000, 0);
        }

        /**
         * @return a copy that checks no frame against the protocol's JSON
         *         Schemas, see {@link ClientConfig#withoutContractCheck()}
         */
        public Options withoutContractCheck() {
            return new Options(authorization, subprotocol, version, readTimeoutMillis, receiveBuffer, false);
        }

        /** @return a copy offering no subprotocol */
        public Options withoutSubprotocol() {
            return new Options(authorization, null, version, readTimeoutMillis, receiveBuffer, checksContract);
        }

        /** @param value Sec-WebSocket-Version to send @return a copy */
        public Options withVersion(String value) {
            return new Options(authorization, subprotocol, value, readTimeoutMillis, receiveBuffer, checksContract);
        }

        /** @param millis how long a read waits @return a copy */
        public Options withReadTimeout(int millis) {
            return new Options(authorization, subprotocol, version, millis, receiveBuffer, checksContract);
        }

        /** @param bytes receive buffer, e.g. a small one for a client that does not read @return a copy */
        public Options withReceiveBuffer(int bytes) {
            return new Options(authorization, subprotocol, version, readTimeoutMillis, bytes, checksContract);
        }
    }

    /**
     * Connects and completes the handshake.
     *
     * @param uri     FlowSocket's ws:// URI
     * @param options handshake and socket settings
     * @throws IOException if the connection fails or the upgrade is refused
     */
    public RawWebSocket(URI uri, Options options) throws IOException {
        contract = new ContractMonitor("raw " + uri, options.checksContract);
        socket = new Socket();
        if (options.receiveBuffer > 0) {
            socket.setReceiveBufferSize(options.receiveBuffer);
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(options.readTimeoutMillis);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + uri.getPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: " + options.version + "\r\n"
                + (options.subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + options.subprotocol + "\r\n")
                + "Authorization: " + options.authorization + "\r\n\r\n";
        sendRaw(request.getBytes(StandardCharsets.US_ASCII));
        in = new DataInputStream(socket.getInputStream());
        String status = readHead();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + status);
        }
    }

    // Reads the response head; returns its status line.
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

    /**
     * Sends one final frame with a masked payload.
     *
     * @param opcode  opcode, see {@link Frames}
     * @param payload payload, sent as given (e.g. not UTF-8)
     * @throws IOException on write failure
     */
    public void send(int opcode, byte[] payload) throws IOException {
        if (opcode == Frames.OP_TEXT) {
            contract.sent(new String(payload, StandardCharsets.UTF_8));
        }
        sendRaw(Frames.frame(opcode, payload, Frames.MASK));
    }

    /**
     * Sends only the head of a text frame announcing a payload of the given
     * length in the 64-bit form, plus a few payload bytes.
     *
     * @param length announced payload length, read as unsigned
     * @throws IOException on write failure
     */
    public void sendTextHeader(long length) throws IOException {
        byte[] zeroMask = {0, 0, 0, 0};
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(Frames.header(Frames.OP_TEXT, length, zeroMask, true));
        f.writeBytes("{\"type\":".getBytes(StandardCharsets.US_ASCII));
        sendRaw(f.toByteArray());
    }

    /**
     * Writes bytes as they are, e.g. a frame header alone.
     *
     * @param bytes bytes
     * @throws IOException on write failure
     */
    public void sendRaw(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @return the frame
     * @throws IOException on timeout or end of stream
     */
    public Frame read() throws IOException {
        return readAfter(in.readUnsignedByte());
    }

    // Reads the rest of a frame whose first byte was b0.
    private Frame readAfter(int b0) throws IOException {
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        boolean finalText = (b0 & 0x0f) == Frames.OP_TEXT && (b0 & 0x80) != 0;
        if (finalText) {
            contract.received(new String(payload, StandardCharsets.UTF_8)).ifPresent(violation -> {
                throw new AssertionError(violation);
            });
        }
        return new Frame(b0 & 0x0f, payload);
    }

    /**
     * Reads frames until a close frame and returns its code.
     *
     * @return close code (1005 if the frame has none), or -1 if the connection ended (or a read timed out) before one
     * @throws IOException if the connection ends or times out inside a frame
     */
    public int readUntilClose() throws IOException {
        while (true) {
            int b0;
            try {
                b0 = in.readUnsignedByte();
            } catch (IOException e) {
                return -1;
            }
            Frame f = readAfter(b0);
            if (f.opcode() == Frames.OP_CLOSE) {
                closeReason = f.closeReason();
                return f.payload.length < 2 ? 1005 : f.closeCode();
            }
        }
    }

    /** @return the reason of the close frame {@link #readUntilClose()} read */
    public String closeReason() {
        return closeReason;
    }

    /**
     * Drops the connection with a TCP reset instead of a close.
     *
     * @throws IOException on failure
     */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** @return this connection's check of every text frame against the protocol's JSON Schemas */
    public ContractMonitor contract() {
        return contract;
    }

    /**
     * Closes the socket; then fails if any frame broke the protocol's contract.
     *
     * @throws IOException on failure
     */
    @Override
    public void close() throws IOException {
        socket.close();
        contract.assertKept();
    }
}
