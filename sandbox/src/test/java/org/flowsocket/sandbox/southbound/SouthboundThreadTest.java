/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.southbound;

import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.junit.After;
import org.junit.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The thread and lifecycle both sandbox southbounds run on.
 */
public class SouthboundThreadTest {

    private final SouthboundThread thread =
            new SouthboundThread("test-southbound", "The test southbound", new ServiceRegistry());

    @After
    public void tearDown() {
        thread.close(() -> { });
    }

    @Test
    public void callRunsOnTheThreadAndPassesItsUncheckedExceptionOn() {
        assertEquals("test-southbound", thread.call(() -> Thread.currentThread().getName()));
        assertEquals("a call from the thread runs at once", Integer.valueOf(2),
                thread.call(() -> thread.call(() -> 2)));
        IllegalArgumentException e = thrown(IllegalArgumentException.class,
                () -> thread.run(() -> {
                    throw new IllegalArgumentException("bad switch");
                }));
        assertEquals("bad switch", e.getMessage());
    }

    @Test
    public void startsOnce() {
        AtomicInteger starts = new AtomicInteger();
        thread.start(starts::incrementAndGet);
        IllegalStateException e = thrown(IllegalStateException.class,
                () -> thread.start(starts::incrementAndGet));
        assertEquals("Already started", e.getMessage());
        assertEquals(1, starts.get());
    }

    @Test
    public void aFailingStatisticsReadDoesNotStopTheNextOnes() throws Exception {
        CountDownLatch reads = new CountDownLatch(3);
        thread.setFlowStatsInterval(Duration.ofMillis(20));
        thread.scheduleFlowStatistics(() -> {
            reads.countDown();
            throw new IllegalStateException("switch gone");
        });
        assertTrue("reads go on after failures", reads.await(10, TimeUnit.SECONDS));
    }

    @Test
    public void closeStopsTheReadsReleasesAndEndsTheThread() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean released = new AtomicBoolean();
        thread.start(() -> { });
        thread.setFlowStatsInterval(Duration.ofMillis(10));
        thread.scheduleFlowStatistics(reads::incrementAndGet);
        thread.close(() -> released.set(thread.isClosed()));
        assertTrue("released once closed", released.get());
        int after = reads.get();
        Thread.sleep(100);
        assertEquals("no read after close", after, reads.get());
        IllegalStateException e = thrown(IllegalStateException.class, () -> thread.call(() -> 1));
        assertEquals("The test southbound is closed", e.getMessage());
        thread.execute(() -> reads.set(-1));
        Thread.sleep(50);
        assertEquals("work handed over after close is dropped", after, reads.get());
    }

    @Test
    public void negativeOrZeroStatisticsIntervalIsRefused() {
        thrown(IllegalArgumentException.class, () -> thread.setFlowStatsInterval(Duration.ZERO));
        thrown(IllegalArgumentException.class, () -> thread.setFlowStatsInterval(Duration.ofSeconds(-1)));
    }

    private static <T extends RuntimeException> T thrown(Class<T> type, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw e;
        }
        fail("No " + type.getSimpleName());
        return null;
    }
}
