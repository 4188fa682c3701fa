/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for something that happens on other threads: ONOS's
 * events, the switches' statistics, a network that changes.
 */
public final class Waits {

    private static final long POLL_MILLIS = 20;

    private Waits() {
    }

    /**
     * Returns once a condition holds, checking it every 20 ms.
     *
     * @param what      what is awaited, for the failure
     * @param timeout   how long to wait at most
     * @param condition the condition
     * @throws AssertionError       "Timed out waiting for ..." after the timeout
     * @throws InterruptedException if interrupted
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what + " (" + timeout + ")");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
