/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import org.flowsocket.impl.protocol.RequestFields;

import java.util.function.LongSupplier;

/**
 * How long a flow command waits for the switches, and whether it waits:
 * {@code confirm} (default true) and {@code timeoutMs}, bounded by the server.
 */
final class ConfirmOptions {

    /** Longest confirmation wait a client may ask for. */
    static final long MAX_TIMEOUT_MILLIS = 120_000;

    private final boolean confirm;
    private final long timeoutMillis;

    private ConfirmOptions(boolean confirm, long timeoutMillis) {
        this.confirm = confirm;
        this.timeoutMillis = timeoutMillis;
    }

    static ConfirmOptions parse(RequestFields f, LongSupplier defaultTimeoutMillis) {
        return new ConfirmOptions(f.bool("confirm", true),
                                  f.integer("timeoutMs", 100, MAX_TIMEOUT_MILLIS,
                                            Math.min(defaultTimeoutMillis.getAsLong(), MAX_TIMEOUT_MILLIS)));
    }

    boolean confirm() {
        return confirm;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }
}
