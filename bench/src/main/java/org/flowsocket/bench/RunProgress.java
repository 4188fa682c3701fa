/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.flowsocket.testkit.Requests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bookkeeping of one run of a flow row: when each request was sent, how
 * many of its flows are still unconfirmed, the window of requests in flight,
 * the latencies, the errors and the FlowSocket handles to remove afterwards.
 */
final class RunProgress {
    final Row row;
    final int maxRequests;
    final long[] sentNanos;
    final AtomicIntegerArray remaining;
    final Semaphore window;
    final Histogram latency = FlowRows.histogram();
    final Histogram reply = FlowRows.histogram();
    final AtomicLong confirmed = new AtomicLong();
    final AtomicLong lastNanos = new AtomicLong();
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicReference<String> firstError = new AtomicReference<>();
    final List<String> handles = Collections.synchronizedList(new ArrayList<>());
    // Not confirmed by ONOS's store: the echo and the simulator alone have
    // no ONOS; attached by URL, ONOS's store cannot be watched.
    final boolean replyConfirms;
    // FlowSocket's calls to ONOS's store per InstallFlow of the run, or NaN.
    volatile double storeCallsPerInstall = Double.NaN;
    volatile double storeWaitsPerInstall = Double.NaN;

    /**
     * @param row            the row
     * @param maxRulesPerRun rules a run may install at most
     * @param inProcess      whether ONOS runs in this JVM, where its store can be watched
     */
    RunProgress(Row row, int maxRulesPerRun, boolean inProcess) {
        this.row = row;
        this.replyConfirms = row.path == Row.Path.ECHO || row.path == Row.Path.SIMULATOR || !inProcess;
        this.maxRequests = Math.max(1, maxRulesPerRun / row.batch);
        this.sentNanos = new long[maxRequests];
        this.remaining = new AtomicIntegerArray(maxRequests);
        this.window = new Semaphore(row.window);
    }

    void sending(int r, long nanos) {
        sentNanos[r] = nanos;
        remaining.set(r, row.batch);
        outstanding.incrementAndGet();
    }

    // A flow of request r is confirmed; the request is when all of its flows are.
    void confirmed(int flowNumber, long nanos) {
        int r = flowNumber / row.batch;
        if (r >= 0 && r < maxRequests && remaining.decrementAndGet(r) == 0) {
            latency.recordValueWithCount(Math.max(0, (nanos - sentNanos[r]) / 1000), row.batch);
            confirmed.addAndGet(row.batch);
            lastNanos.accumulateAndGet(nanos, Math::max);
            finished();
        }
    }

    // A request failed: counted even if ONOS had confirmed its rules
    // (say, FlowSocket then answered with an error); its slot frees
    // unless its confirmation freed it.
    void failed(int r, String why) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, Requests.abbreviate(why));
        if (remaining.getAndSet(r, Integer.MIN_VALUE / 2) > 0) {
            finished();
        }
    }

    private void finished() {
        outstanding.decrementAndGet();
        window.release();
    }

    void replied(int r, JsonNode answer, long nanos, String expectedState) {
        if (!"ok".equals(answer.path("status").asText())
                || expectedState != null && !expectedState.equals(answer.path("result").path("state").asText())) {
            failed(r, answer.toString());
            return;
        }
        if (row.flowSocket()) {
            handles.add(answer.path("result").path("flowId").asText());
            reply.recordValueWithCount(Math.max(0, (nanos - sentNanos[r]) / 1000), row.batch);
        }
        if (replyConfirms) {
            for (int i = 0; i < row.batch; i++) {
                confirmed(r * row.batch + i, nanos);
            }
        }
    }
}
