/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import java.nio.charset.StandardCharsets;

/**
 * WebSocket close codes (RFC 6455, section 7.4) the front door uses.
 */
public final class CloseCodes {

    /** Server stops, application deactivated or idle timeout. */
    public static final int GOING_AWAY = 1001;
    /** A binary frame arrived; the protocol is text only. */
    public static final int UNSUPPORTED_DATA = 1003;
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
