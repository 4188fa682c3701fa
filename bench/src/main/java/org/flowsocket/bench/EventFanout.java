/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

/**
 * Event fan-out from a {@link ProbeJvm}'s FlowSocket to subscribers of the
 * {@code hosts} topic in this JVM. A producer connection adds and removes
 * hosts; every subscriber records each event's latency from its {@code time}
 * (the server's wall clock when it raised the event; both JVMs read the same
 * clock) to its arrival.
 * <ul>
 * <li>{@link #openLoop}: the producer sends at a fixed rate, each request at
 * its scheduled time whatever the replies do;</li>
 * <li>{@link #overload}: the producer sends as fast as replies come back (64
 * requests in flight) while some subscribers read slowly.</li>
 * </ul>
 */
final class EventFanout {

    // A host is removed this many hosts after it was added (500 ms at 1000
    // events/s), so that its AddNode has surely been answered.
    private static final int LAG = 250;
    private static final int OVERLOAD_WINDOW = 64;
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private EventFanout() {
    }

    /** One open-loop run. */
    static final class Run {
        final int subscribers;
        final int offeredRate;
        final double achievedRate;
        final long sourceEvents;
        final long minEach;
        final long maxEach;
        final Histogram latency;
        final long seqGaps;
        final int errors;
        final long strayEvents;
        final long serverGcMillis;
        final long clientGcMillis;

        Run(int subscribers, int offeredRate, double achievedRate, long sourceEvents, long minEach, long maxEach,
            Histogram latency, long seqGaps, int errors, long strayEvents, long serverGcMillis,
            long clientGcMillis) {
            this.subscribers = subscribers;
            this.offeredRate = offeredRate;
            this.achievedRate = achievedRate;
            this.sourceEvents = sourceEvents;
            this.minEach = minEach;
            this.maxEach = maxEach;
            this.latency = latency;
            this.seqGaps = seqGaps;
            this.errors = errors;
            this.strayEvents = strayEvents;
            this.serverGcMillis = serverGcMillis;
            this.clientGcMillis = clientGcMillis;
        }
    }

    /** The producer faster than some subscribers read. */
    static final class Overload {
        final int subscribers;
        final int slow;
        final double seconds;
        final long sourceEvents;
        final Group normal;
        final Group slowGroup;

        Overload(int subscribers, int slow, double seconds, long sourceEvents, Group normal, Group slowGroup) {
            this.subscribers = subscribers;
            this.slow = slow;
            this.seconds = seconds;
            this.sourceEvents = sourceEvents;
            this.normal = normal;
            this.slowGroup = slowGroup;
        }
    }

    /** What one kind of subscriber (normal or slow) got in the overload phase. */
    static final class Group {
        final double deliveredPerSecond;
        final Histogram latency;
        final int closed1008;
        final int closedOther;
        final long seqGaps;
        final long minEach;

        Group(List<Subscriber> subs, double seconds) {
            this.deliveredPerSecond = subs.stream().mapToLong(s -> s.duringWindow.get()).average().orElse(0)
                    / seconds;
            this.latency = Bootstrap.pooled(subs, s -> s.latency);
            this.closed1008 = (int) subs.stream().filter(s -> s.client.closeCode() == 1008).count();
            this.closedOther = (int) subs.stream()
                    .filter(s -> s.client.closeCode() != -1 && s.client.closeCode() != 1008).count();
            this.seqGaps = subs.stream().mapToLong(s -> s.client.seqGaps()).sum();
            this.minEach = subs.stream().mapToLong(s -> s.inWindow.get()).min().orElse(0);
        }
    }

    // What the subscribers count: every event until the hosts the producer
    // left are removed (FlowSocket stamps `time` when it sends an event, so
    // a late event of the measured requests may carry a later time than the
    // last reply); "during" counts those that arrived while the producer sent.
    private static final class Window {
        volatile boolean recording = true;
        volatile long sendingUntilMillis = Long.MAX_VALUE;
    }

    // One subscriber connection and what it recorded. It counts only the
    // events of its run's hosts: an event of another run's (one the server
    // raised late) is a stray, reported, never timed.
    private static final class Subscriber {
        final FlowSocketClient client;
        final Histogram latency = FlowRows.histogram();
        final AtomicLong inWindow = new AtomicLong();
        final AtomicLong duringWindow = new AtomicLong();
        final AtomicLong ofRun = new AtomicLong();
        final AtomicLong strays = new AtomicLong();

        Subscriber(FlowSocketClient client, Window window, int tag, long readNanosPerEvent) {
            this.client = client;
            String ours = Hosts.macPrefix(tag);
            client.onEvent(e -> {
                Instant now = Instant.now();
                String mac = e.path("data").path("host").path("mac").asText();
                if (!mac.regionMatches(true, 0, ours, 0, ours.length())) {
                    strays.incrementAndGet();
                } else {
                    ofRun.incrementAndGet();
                    if (window.recording) {
                        long time = e.path("time").asLong();
                        long micros = (now.getEpochSecond() * 1_000_000 + now.getNano() / 1000) - time * 1000;
                        latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
                        inWindow.incrementAndGet();
                        if (now.toEpochMilli() <= window.sendingUntilMillis) {
                            duringWindow.incrementAndGet();
                        }
                    }
                }
                if (readNanosPerEvent > 0) {
                    // A slow reader holds Jetty's reading thread of its
                    // connection: the server's frames wait in the socket and
                    // then in FlowSocket's queue of the session.
                    LockSupport.parkNanos(readNanosPerEvent);
                }
            });
        }
    }

    /**
     * @param jetty       this JVM's WebSocket client
     * @param probe       the server JVM
     * @param subscribers subscriber connections
     * @param rate        source events per second
     * @param duration    how long the producer sends
     * @param tag         distinguishes this run's hosts (0-255)
     * @return the run
     * @throws Exception on failure
     */
    static Run openLoop(WebSocketClient jetty, ProbeJvm probe, int subscribers, int rate, Duration duration,
                        int tag) throws Exception {
        Window window = new Window();
        List<Subscriber> subs = new ArrayList<>();
        FlowSocketClient producer = null;
        try {
            subscribe(jetty, probe, subscribers, 0, window, tag, 0, subs);
            producer = FlowSocketClients.connect(jetty, probe.uri(), IdleSessions.ADMIN);
            Hosts hosts = new Hosts(producer, probe.device(), tag);
            long serverGc = probe.gcMillis();
            long clientGc = SessionProbe.gcMillis();
            long events = rate * duration.toSeconds();
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
            long t0 = System.nanoTime();
            for (long k = 0; k < events; k++) {
                long wait = t0 + k * period - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                replies.add(hosts.send(k));
            }
            double sendSeconds = (System.nanoTime() - t0) / 1e9;
            int errors = hosts.await(replies);
            window.sendingUntilMillis = System.currentTimeMillis();
            long ok = replies.size() - errors;
            awaitDelivery(subs, s -> s.inWindow.get(), ok);
            window.recording = false;
            serverGc = probe.gcMillis() - serverGc;
            clientGc = SessionProbe.gcMillis() - clientGc;
            // The next run starts only once the server has sent every event
            // of this one, the removals that clean up included.
            long removed = hosts.removeRest(events);
            awaitDelivery(subs, s -> s.ofRun.get(), ok + removed);
            return new Run(subscribers, rate, events / sendSeconds, ok,
                    subs.stream().mapToLong(s -> s.inWindow.get()).min().orElse(0),
                    subs.stream().mapToLong(s -> s.inWindow.get()).max().orElse(0),
                    Bootstrap.pooled(subs, s -> s.latency),
                    subs.stream().mapToLong(s -> s.client.seqGaps()).sum(), errors,
                    subs.stream().mapToLong(s -> s.strays.get()).sum(), serverGc, clientGc);
        } finally {
            subs.forEach(s -> s.client.drop());
            if (producer != null) {
                producer.close();
            }
        }
    }

    /**
     * @param jetty       this JVM's WebSocket client
     * @param probe       the server JVM
     * @param subscribers subscriber connections
     * @param slow        how many of them read slowly
     * @param slowRead    how long a slow subscriber takes per event
     * @param duration    how long the producer sends
     * @param tag         distinguishes this phase's hosts (0-255)
     * @return what the subscribers got
     * @throws Exception on failure
     */
    static Overload overload(WebSocketClient jetty, ProbeJvm probe, int subscribers, int slow, Duration slowRead,
                             Duration duration, int tag) throws Exception {
        Window window = new Window();
        List<Subscriber> subs = new ArrayList<>();
        FlowSocketClient producer = null;
        try {
            subscribe(jetty, probe, subscribers, slow, window, tag, slowRead.toNanos(), subs);
            producer = FlowSocketClients.connect(jetty, probe.uri(), IdleSessions.ADMIN);
            Hosts hosts = new Hosts(producer, probe.device(), tag);
            Semaphore inFlight = new Semaphore(OVERLOAD_WINDOW);
            List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
            long t0 = System.nanoTime();
            long end = t0 + duration.toNanos();
            long k = 0;
            for (; System.nanoTime() < end; k++) {
                inFlight.acquire();
                CompletableFuture<JsonNode> f = hosts.send(k);
                f.whenComplete((r, e) -> inFlight.release());
                replies.add(f);
            }
            int errors = hosts.await(replies);
            window.sendingUntilMillis = System.currentTimeMillis();
            double seconds = (System.nanoTime() - t0) / 1e9;
            awaitDelivery(subs, s -> s.inWindow.get(), replies.size() - errors);
            window.recording = false;
            hosts.removeRest(k);
            return new Overload(subscribers, slow, seconds, replies.size() - errors,
                    new Group(subs.subList(slow, subs.size()), seconds), new Group(subs.subList(0, slow), seconds));
        } finally {
            subs.forEach(s -> s.client.drop());
            if (producer != null) {
                producer.close();
            }
        }
    }

    // Connects and subscribes; the first `slow` of them read slowly.
    private static void subscribe(WebSocketClient jetty, ProbeJvm probe, int count, int slow, Window window,
                                  int tag, long slowNanos, List<Subscriber> into) throws Exception {
        for (int i = 0; i < count; i++) {
            FlowSocketClient c = FlowSocketClients.connect(jetty, probe.uri(), IdleSessions.ADMIN);
            into.add(new Subscriber(c, window, tag, i < slow ? slowNanos : 0));
            JsonNode r = c.request("1", "{\"type\":\"Subscribe\",\"id\":1,\"topics\":[\"hosts\"]}")
                    .get(10, TimeUnit.SECONDS);
            if (!"ok".equals(r.path("status").asText())) {
                throw new IllegalStateException("Subscribe failed: " + r);
            }
        }
    }

    // Waits until every open subscriber has counted an event per source
    // event, or none has counted anything for two seconds, or DRAIN passed.
    private static void awaitDelivery(List<Subscriber> subs, ToLongFunction<Subscriber> counted, long sourceEvents)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && subs.stream()
                .anyMatch(s -> s.client.isOpen() && counted.applyAsLong(s) < sourceEvents)) {
            long now = subs.stream().mapToLong(counted).sum();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /**
     * The producer's requests. Source event k: for even k, AddNode of host
     * k/2; for odd k, RemoveNode of host k/2 - LAG, or while there is none
     * that old, AddNode of a host of a second range, removed at the end.
     */
    private static final class Hosts {
        private static final int SECOND_RANGE = 1 << 23;
        private final FlowSocketClient producer;
        private final String device;
        private final int tag;
        private long ids;

        Hosts(FlowSocketClient producer, String device, int tag) {
            this.producer = producer;
            this.device = device;
            this.tag = tag;
        }

        CompletableFuture<JsonNode> send(long k) {
            long j = k / 2;
            if (k % 2 == 0) {
                return add(j);
            }
            return j >= LAG ? remove(j - LAG) : add(SECOND_RANGE + j);
        }

        // Removes what the first `events` source events left; returns how
        // many hosts that was.
        long removeRest(long events) throws Exception {
            List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
            Semaphore inFlight = new Semaphore(OVERLOAD_WINDOW);
            long added = (events + 1) / 2;
            for (long j = Math.max(0, added - LAG); j < added; j++) {
                inFlight.acquire();
                CompletableFuture<JsonNode> f = remove(j);
                f.whenComplete((r, e) -> inFlight.release());
                replies.add(f);
            }
            for (long j = 0; j < Math.min(LAG, events / 2); j++) {
                inFlight.acquire();
                CompletableFuture<JsonNode> f = remove(SECOND_RANGE + j);
                f.whenComplete((r, e) -> inFlight.release());
                replies.add(f);
            }
            int errors = await(replies);
            if (errors > 0) {
                throw new IllegalStateException(errors + " hosts of the fan-out could not be removed");
            }
            return replies.size();
        }

        // Counts the replies that are not ok (or never came).
        int await(List<CompletableFuture<JsonNode>> replies) {
            int errors = 0;
            for (CompletableFuture<JsonNode> f : replies) {
                try {
                    if (!"ok".equals(f.get(60, TimeUnit.SECONDS).path("status").asText())) {
                        errors++;
                    }
                } catch (Exception e) {
                    errors++;
                }
            }
            return errors;
        }

        private CompletableFuture<JsonNode> add(long host) {
            long id = ++ids;
            return producer.request(Long.toString(id), "{\"type\":\"AddNode\",\"id\":" + id
                    + ",\"kind\":\"host\",\"mac\":\"" + mac(host) + "\",\"location\":{\"deviceId\":\"" + device
                    + "\",\"port\":1}}");
        }

        private CompletableFuture<JsonNode> remove(long host) {
            long id = ++ids;
            return producer.request(Long.toString(id), "{\"type\":\"RemoveNode\",\"id\":" + id
                    + ",\"hostId\":\"" + mac(host) + "/None\"}");
        }

        private String mac(long host) {
            return macPrefix(tag) + String.format("%02X:%02X:%02X:%02X", (host >> 24) & 0xff,
                    (host >> 16) & 0xff, (host >> 8) & 0xff, host & 0xff);
        }

        // The start of the MAC of each host a run with this tag adds.
        static String macPrefix(int tag) {
            return String.format("02:%02X:", tag & 0xff);
        }
    }
}
