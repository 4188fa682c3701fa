/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import java.util.Arrays;

/**
 * Per-flow confirmation latencies of one row, in nanoseconds, indexed by
 * the flow's position in the row. Thread-safe for distinct indexes.
 */
final class Latencies {

    private final long[] nanos;

    Latencies(int count) {
        nanos = new long[count];
        Arrays.fill(nanos, -1);
    }

    void set(int index, long latencyNanos) {
        nanos[index] = latencyNanos;
    }

    /** @return samples recorded */
    synchronized int count() {
        int c = 0;
        for (long n : nanos) {
            if (n >= 0) {
                c++;
            }
        }
        return c;
    }

    /**
     * @param p percentile, 0..100
     * @return that percentile in milliseconds (nearest rank), NaN if no samples
     */
    synchronized double percentileMillis(double p) {
        long[] s = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))] / 1e6;
    }
}
