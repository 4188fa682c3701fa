/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** What one run of one row measured. */
final class RunResult {

    final Row row;
    /** Flows confirmed. */
    final long flows;
    /** From the first request sent to the last flow confirmed. */
    final double seconds;
    /** CPU time of this JVM over the run, or negative if unknown. */
    final double cpuSeconds;
    /** Per-flow latency to confirmation, microseconds (open loop: from the intended send time). */
    final Histogram latency;
    /** Per-flow latency to FlowSocket's reply, microseconds (FlowSocket rows only). */
    final Histogram reply;
    final int errors;
    final String firstError;
    /** Open-loop target rate in flows/s, 0 for a closed-loop run. */
    final double offeredRate;
    /** Whether the run stopped at the rule cap before its time was up. */
    final boolean capped;

    RunResult(Row row, long flows, double seconds, double cpuSeconds, Histogram latency, Histogram reply,
              int errors, String firstError, double offeredRate, boolean capped) {
        this.row = row;
        this.flows = flows;
        this.seconds = seconds;
        this.cpuSeconds = cpuSeconds;
        this.latency = latency;
        this.reply = reply;
        this.errors = errors;
        this.firstError = firstError;
        this.offeredRate = offeredRate;
        this.capped = capped;
    }

    /** @return confirmed flows per second */
    double flowsPerSecond() {
        return seconds > 0 ? flows / seconds : 0;
    }

    /** @return CPU microseconds of this JVM per confirmed flow, NaN if unknown */
    double cpuMicrosPerFlow() {
        return flows > 0 && cpuSeconds >= 0 ? cpuSeconds * 1e6 / flows : Double.NaN;
    }

    /** @return a one-line progress report */
    String summary() {
        return String.format(Locale.ROOT, "%.0f flows/s, %.1f cpu us/flow, p50 %.1f ms, p99 %.1f ms%s%s",
                flowsPerSecond(), cpuMicrosPerFlow(), latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3, capped ? " (stopped at the rule cap)" : "",
                errors > 0 ? ", ERRORS " + errors + ": " + firstError : "");
    }
}
