/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Failed logins per remote address in fixed one-minute windows. Once an
 * address has failed the configured number of times in a window, every
 * request of it to FlowSocket's web application is refused with 429 until
 * the window ends, whether its credentials are right or wrong (so that the
 * refusal reveals nothing about them). A limit of 0 turns this off, as
 * ONOS's REST API has no such limit.
 * <p>
 * The servlet publishes the one instance as a servlet context attribute;
 * the error page counts failures and the security headers filter refuses.
 */
final class FailedLogins {

    /** Servlet context attribute holding the instance. */
    static final String ATTRIBUTE = FailedLogins.class.getName();

    /** Length of a window. */
    static final long WINDOW_MILLIS = 60_000;

    /** Most addresses remembered; beyond, expired windows are dropped first. */
    static final int MAX_ADDRESSES = 10_000;

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    private final IntSupplier limitPerMinute;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new HashMap<>();

    /**
     * Creates the tracker.
     *
     * @param limitPerMinute current limit, 0 for none
     * @param clock          milliseconds clock
     */
    FailedLogins(IntSupplier limitPerMinute, LongSupplier clock) {
        this.limitPerMinute = limitPerMinute;
        this.clock = clock;
    }

    /**
     * Counts a failed login of an address.
     *
     * @param address remote IP address
     */
    synchronized void failed(String address) {
        if (limitPerMinute.getAsInt() <= 0) {
            return;
        }
        long now = clock.getAsLong();
        Window w = windows.get(address);
        if (w == null || now - w.start >= WINDOW_MILLIS) {
            if (windows.size() >= MAX_ADDRESSES) {
                windows.values().removeIf(old -> now - old.start >= WINDOW_MILLIS);
                if (windows.size() >= MAX_ADDRESSES) {
                    return; // a flood of addresses: stop tracking rather than grow
                }
            }
            w = new Window(now);
            windows.put(address, w);
        }
        w.failures++;
    }

    /**
     * Tells whether an address has used up its failed logins in this window.
     *
     * @param address remote IP address
     * @return true if its requests are refused
     */
    synchronized boolean isBlocked(String address) {
        int limit = limitPerMinute.getAsInt();
        if (limit <= 0) {
            return false;
        }
        Window w = windows.get(address);
        return w != null && clock.getAsLong() - w.start < WINDOW_MILLIS && w.failures >= limit;
    }

    /**
     * Returns the seconds until an address's window ends, for Retry-After.
     *
     * @param address remote IP address
     * @return seconds, at least 1
     */
    synchronized long retryAfterSeconds(String address) {
        Window w = windows.get(address);
        long left = w == null ? 0 : WINDOW_MILLIS - (clock.getAsLong() - w.start);
        return Math.max(1, (left + 999) / 1000);
    }
}
