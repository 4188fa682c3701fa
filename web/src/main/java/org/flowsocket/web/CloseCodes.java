/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.api.CloseException;
import org.eclipse.jetty.websocket.api.WebSocketException;

import java.nio.charset.StandardCharsets;

/**
 * WebSocket close codes (RFC 6455, section 7.4) the front door uses.
 */
public final class CloseCodes {

    /** Server stops, application deactivated or idle timeout. */
    public static final int GOING_AWAY = 1001;
    /** The client broke the WebSocket protocol (RFC 6455). */
    public static final int PROTOCOL_ERROR = 1002;
    /** A binary frame arrived; the protocol is text only. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A text frame is not valid UTF-8. */
    public static final int INVALID_TEXT = 1007;
    /**
     * Policy violation; sent with reason {@value #QUEUE_FULL_REASON} when a
     * client reads so slowly that its outbound queue overflows.
     */
    public static final int POLICY_VIOLATION = 1008;
    /** A text message larger than the configured maximum arrived. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The command core failed unexpectedly. */
    public static final int INTERNAL_ERROR = 1011;

    /** Reason sent with {@link #POLICY_VIOLATION} on queue overflow. */
    public static final String QUEUE_FULL_REASON = "outbound queue full";

    private static final String JETTY_PARSER = "org.eclipse.jetty.websocket.common.Parser";

    /**
     * Chooses the close code and reason for a connection that failed while
     * Jetty read it, in the protocol's words rather than Jetty's exception
     * text (which names Java classes).
     * <p>
     * Jetty 9.4's frame parser keeps a 64-bit payload length in an int: a
     * length whose low 32 bits are 2^31 or more fails with an
     * IllegalArgumentException inside the parser instead of its own
     * too-large check (wrapped in a WebSocketException); such a failure is a
     * frame too large. A failure of the message handler, which the parser
     * calls, is an internal error.
     *
     * @param cause         the failure Jetty reported
     * @param maxFrameBytes the frame limit, for the reason
     * @return code and reason
     */
    static Close forReadFailure(Throwable cause, int maxFrameBytes) {
        String tooBig = "message larger than " + maxFrameBytes + " bytes";
        if (cause instanceof CloseException) {
            int code = ((CloseException) cause).getStatusCode();
            switch (code) {
                case MESSAGE_TOO_BIG:
                    return new Close(MESSAGE_TOO_BIG, tooBig);
                case INVALID_TEXT:
                    return new Close(INVALID_TEXT, "text frame is not valid UTF-8");
                case PROTOCOL_ERROR:
                    return new Close(PROTOCOL_ERROR, "WebSocket protocol error");
                case GOING_AWAY:
                    return new Close(GOING_AWAY, "idle timeout"); // Jetty's only 1001 while reading
                default:
                    return new Close(isSendable(code) ? code : INTERNAL_ERROR, "connection error");
            }
        }
        // Jetty's parser wraps what failed within it, its own failure or the
        // message handler's it called, in a WebSocketException.
        Throwable failure = cause instanceof WebSocketException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (failure instanceof IllegalArgumentException && thrownByParser(failure)) {
            return new Close(MESSAGE_TOO_BIG, tooBig);
        }
        return new Close(INTERNAL_ERROR, "internal error");
    }

    // Whether the parser itself failed (its first frame past the JDK's and
    // Jetty's buffer pools and utilities), not the message handler it called.
    private static boolean thrownByParser(Throwable cause) {
        for (StackTraceElement e : cause.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("org.eclipse.jetty.util.")
                    && !c.startsWith("org.eclipse.jetty.io.")) {
                return c.equals(JETTY_PARSER);
            }
        }
        return false;
    }

    /** A close code with its reason. */
    static final class Close {
        final int code;
        final String reason;

        Close(int code, String reason) {
            this.code = code;
            this.reason = reason;
        }
    }

    /** Longest close reason a close frame can carry, in UTF-8 bytes. */
    static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /**
     * Tells whether a code may be sent in a close frame.
     *
     * @param code close code
     * @return true if an endpoint may send it
     */
    static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }

    /**
     * Cuts a reason phrase to what a close frame can carry.
     *
     * @param reason reason phrase, may be null
     * @return reason of at most {@value #MAX_REASON_BYTES} UTF-8 bytes
     */
    static String trimReason(String reason) {
        if (reason == null) {
            return "";
        }
        String r = reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            r = r.substring(0, r.offsetByCodePoints(r.length(), -1));
        }
        return r;
    }
}
