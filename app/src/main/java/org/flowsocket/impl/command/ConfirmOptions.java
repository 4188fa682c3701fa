/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.impl.protocol.RequestFields;

/**
 * How long a flow command waits for the switches, and whether it waits:
 * {@code confirm} (default true) and {@code timeoutMs}, bounded by the server.
 */
final class ConfirmOptions {

    private final boolean confirm;
    private final long timeoutMillis;

    private ConfirmOptions(boolean confirm, long timeoutMillis) {
        this.confirm = confirm;
        this.timeoutMillis = timeoutMillis;
    }

    static ConfirmOptions parse(RequestFields f) {
        // 0: the service's configured default.
        return new ConfirmOptions(f.bool("confirm", true),
                                  f.has("timeoutMs")
                                          ? f.integer("timeoutMs", 100, QosFlowRequest.MAX_TIMEOUT_MILLIS) : 0);
    }

    boolean confirm() {
        return confirm;
    }

    /** @return ms, or 0 for the configured default */
    long timeoutMillis() {
        return timeoutMillis;
    }
}
