/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What one connection received, for a test to wait on: events in arrival
 * order with checks of their sequence numbers, replies no request awaited,
 * and protocol problems. When not retaining, events and unmatched replies are
 * only counted. Waits use this object's monitor.
 */
final class Received {

    private final String name;
    private final boolean retaining;
    private final List<JsonNode> events = new ArrayList<>();
    private final List<JsonNode> unmatched = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long eventCount;
    private long unmatchedCount;
    private long seqGaps;
    private long lastSeq;
    // Index of the first event pollEvent has not consumed yet.
    private int eventCursor;

    Received(String name, boolean retaining) {
        this.name = name;
        this.retaining = retaining;
    }

    /** Records an event; its seq must follow the previous one and it must carry no id. */
    synchronized void event(JsonNode event) {
        eventCount++;
        long seq = event.path("seq").asLong(-1);
        if (seq != lastSeq + 1) {
            seqGaps++;
            problems.add("event seq " + seq + " after " + lastSeq);
        }
        lastSeq = Math.max(lastSeq, seq);
        if (event.has("id")) {
            problems.add("event with an id: " + event);
        }
        if (retaining) {
            events.add(event);
        }
        notifyAll();
    }

    /** Records a reply that matched no awaited request. */
    synchronized void unmatched(JsonNode reply, boolean problem) {
        unmatchedCount++;
        if (retaining) {
            unmatched.add(reply);
        }
        if (problem) {
            problems.add("unmatched reply: " + abbreviate(reply.toString()));
        }
        notifyAll();
    }

    synchronized void problem(String text) {
        problems.add(text);
        notifyAll();
    }

    synchronized long eventCount() {
        return eventCount;
    }

    synchronized long unmatchedCount() {
        return unmatchedCount;
    }

    synchronized long seqGaps() {
        return seqGaps;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }

    synchronized List<JsonNode> events(String topic) {
        List<JsonNode> out = new ArrayList<>();
        events.stream().filter(e -> topic.equals(e.path("topic").asText())).forEach(out::add);
        return out;
    }

    synchronized String eventSummary() {
        StringBuilder b = new StringBuilder("[");
        events.forEach(e -> b.append(e.path("topic").asText()).append('/').append(e.path("event").asText())
                .append(' '));
        return b.append(']').toString();
    }

    /** Waits for a kept event matching; throws AssertionError on timeout. */
    JsonNode awaitEvent(Predicate<JsonNode> which, Duration timeout, Supplier<String> what)
            throws InterruptedException {
        return waitFor(() -> events.stream().filter(which).findFirst().orElse(null), timeout,
                       () -> "no " + what.get() + " event matched; got " + eventSummary());
    }

    /**
     * Consumes events in order until one matches (those before it are
     * dropped); null if none within the timeout.
     */
    synchronized JsonNode pollEvent(Predicate<JsonNode> which, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (eventCursor < events.size()) {
                JsonNode e = events.get(eventCursor++);
                if (which.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Marks every event received so far as consumed by {@link #pollEvent}. */
    synchronized void skipEvents() {
        eventCursor = events.size();
    }

    /** Waits until at least {@code count} unmatched replies were kept. */
    List<JsonNode> awaitUnmatched(int count, Duration timeout) throws InterruptedException {
        return waitFor(() -> unmatched.size() >= count ? new ArrayList<>(unmatched) : null, timeout,
                       () -> "only " + unmatched.size() + " of " + count + " unmatched replies");
    }

    private synchronized <T> T waitFor(Supplier<T> probe, Duration timeout, Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (T found = probe.get(); ; found = probe.get()) {
            if (found != null) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + ": " + failure.get());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * @param s text
     * @return the text cut to 300 characters, for failure messages
     */
    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
