/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.junit.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * The bounded outbound queue, against a fake remote endpoint that records
 * sends and completes them when the test says so.
 */
public class OutboundQueueTest {

    private final List<String> sent = new ArrayList<>();
    private final List<WriteCallback> pending = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean completeAtOnce;
    private int depth;
    private int maxDepth;

    // Only sendString(String, WriteCallback) is expected to be called.
    private final RemoteEndpoint remote = (RemoteEndpoint) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{RemoteEndpoint.class}, (proxy, method, args) -> {
                if (!method.getName().equals("sendString") || args.length != 2) {
                    throw new UnsupportedOperationException(method.getName());
                }
                sent.add((String) args[0]);
                WriteCallback cb = (WriteCallback) args[1];
                if (completeAtOnce) {
                    depth++;
                    maxDepth = Math.max(maxDepth, depth);
                    cb.writeSuccess();
                    depth--;
                } else {
                    pending.add(cb);
                }
                return null;
            });

    private OutboundQueue queue(int capacity) {
        return new OutboundQueue(remote, capacity, Integer.MAX_VALUE, failure::set);
    }

    @Test
    public void writesOneAtATimeInOrder() {
        OutboundQueue q = queue(16);
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer("a"));
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer("b"));
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer("c"));
        assertEquals(List.of("a"), sent);
        assertEquals(2, q.size());
        pending.remove(0).writeSuccess();
        assertEquals(List.of("a", "b"), sent);
        pending.remove(0).writeSuccess();
        pending.remove(0).writeSuccess();
        assertEquals(List.of("a", "b", "c"), sent);
        assertTrue(pending.isEmpty());
        assertEquals(0, q.size());
    }

    @Test
    public void overflowsInsteadOfGrowing() {
        OutboundQueue q = queue(16);
        q.offer("in flight");
        for (int i = 0; i < 16; i++) {
            assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer("m" + i));
        }
        assertEquals(OutboundQueue.Offer.OVERFLOW, q.offer("one too many"));
        assertEquals(16, q.size());
    }

    @Test
    public void overflowsWhenTheQueuedTextExceedsTheByteBudget() {
        // A client that never reads and asks for large replies: the count
        // cap is far away, the byte budget is what stops it.
        OutboundQueue q = new OutboundQueue(remote, 4096, 1000, failure::set);
        String reply = "r".repeat(300);
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer(reply)); // in flight, counted
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer(reply));
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer(reply));
        assertEquals(900, q.queuedChars());
        assertEquals(OutboundQueue.Offer.OVERFLOW, q.offer(reply));
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer("small"));
        // Written text no longer counts.
        pending.remove(0).writeSuccess();
        assertEquals(605, q.queuedChars());
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer(reply));
    }

    @Test
    public void oneMessageLargerThanTheBudgetGoesOutAlone() {
        OutboundQueue q = new OutboundQueue(remote, 4096, 1000, failure::set);
        String big = "b".repeat(5000);
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer(big));
        assertEquals(OutboundQueue.Offer.OVERFLOW, q.offer("x"));
        pending.remove(0).writeSuccess();
        assertEquals(0, q.queuedChars());
        assertEquals(OutboundQueue.Offer.ACCEPTED, q.offer("x"));
    }

    @Test
    public void synchronousCompletionsDoNotRecurse() {
        completeAtOnce = true;
        OutboundQueue q = queue(16);
        for (int i = 0; i < 10_000; i++) {
            q.offer("m" + i);
        }
        assertEquals(10_000, sent.size());
        assertEquals(1, maxDepth);
    }

    @Test
    public void finishRunsAfterTheQueueDrains() {
        OutboundQueue q = queue(16);
        AtomicInteger finished = new AtomicInteger();
        q.offer("a");
        q.offer("b");
        q.finish(finished::incrementAndGet);
        assertEquals(OutboundQueue.Offer.DROPPED, q.offer("late"));
        assertEquals(0, finished.get());
        pending.remove(0).writeSuccess();
        assertEquals(0, finished.get());
        pending.remove(0).writeSuccess();
        assertEquals(1, finished.get());
        assertEquals(List.of("a", "b"), sent);
    }

    @Test
    public void finishOnIdleQueueRunsAtOnce() {
        OutboundQueue q = queue(16);
        AtomicInteger finished = new AtomicInteger();
        q.finish(finished::incrementAndGet);
        assertEquals(1, finished.get());
        q.finish(finished::incrementAndGet);
        assertEquals(1, finished.get());
    }

    @Test
    public void failedWriteClosesAndReports() {
        OutboundQueue q = queue(16);
        q.offer("a");
        q.offer("b");
        pending.remove(0).writeFailed(new IllegalStateException("gone"));
        assertNotNull(failure.get());
        assertEquals(0, q.size());
        assertEquals(OutboundQueue.Offer.DROPPED, q.offer("c"));
        assertEquals(List.of("a"), sent);
    }

    @Test
    public void closeDropsEverything() {
        OutboundQueue q = queue(16);
        q.offer("a");
        q.offer("b");
        q.close();
        pending.remove(0).writeSuccess();
        assertEquals(List.of("a"), sent);
        assertEquals(OutboundQueue.Offer.DROPPED, q.offer("c"));
        assertNull(failure.get());
    }
}
