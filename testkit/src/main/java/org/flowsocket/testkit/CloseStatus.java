/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import java.util.Objects;

/** How a WebSocket connection closed. */
public final class CloseStatus {

    /** Close code reported when the TCP connection ended without a close frame. */
    public static final int ABNORMAL = 1006;

    private final int code;
    private final String reason;

    /**
     * @param code   close code
     * @param reason reason phrase, may be null
     */
    public CloseStatus(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** @return close code ({@value #ABNORMAL} when no close frame came) */
    public int code() {
        return code;
    }

    /** @return reason phrase, may be null */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloseStatus && ((CloseStatus) o).code == code
                && Objects.equals(((CloseStatus) o).reason, reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, reason);
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}
