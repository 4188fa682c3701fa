/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.junit.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** At most so many path changes of one flow within any minute. */
public class RerouteLimiterTest {

    private final AtomicLong now = new AtomicLong(5_000_000);
    private final RerouteLimiter limiter = new RerouteLimiter(() -> 3, now::get);

    @Test
    public void aFlowWaitsUntilItsOldestChangeIsAMinuteOld() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.allows("fs-1"));
            limiter.changed("fs-1");
            now.addAndGet(10_000);
        }
        assertFalse(limiter.allows("fs-1"));
        assertTrue("other flows are not limited", limiter.allows("fs-2"));
        assertEquals(30_001, limiter.nextAllowedInMillis("fs-1"));
        now.addAndGet(30_000);
        assertTrue(limiter.allows("fs-1"));
        limiter.forget("fs-1");
        assertEquals(0, limiter.nextAllowedInMillis("fs-1"));
    }
}
