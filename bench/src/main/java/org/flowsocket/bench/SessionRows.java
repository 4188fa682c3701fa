/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Idle sessions (heap per session) and event fan-out (events delivered per
 * second to many subscribers).
 */
final class SessionRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Sessions that keep nothing they receive: rows open thousands of them.
    private static final ClientConfig ADMIN = ClientConfig.basic("onos", "rocks").countingOnly();

    private SessionRows() {
    }

    /** Heap per idle session. */
    static final class HeapResult {
        final int sessions;
        final long before;
        final long after;
        final double connectSeconds;

        HeapResult(int sessions, long before, long after, double connectSeconds) {
            this.sessions = sessions;
            this.before = before;
            this.after = after;
            this.connectSeconds = connectSeconds;
        }

        double bytesPerSession() {
            return (after - before) / (double) sessions;
        }
    }

    /** Event fan-out. */
    static final class FanoutResult {
        final int subscribers;
        final long sourceEvents;
        final long delivered;
        final double seconds;
        final long gaps;
        final boolean equalCounts;

        FanoutResult(int subscribers, long sourceEvents, long delivered, double seconds, long gaps,
                     boolean equalCounts) {
            this.subscribers = subscribers;
            this.sourceEvents = sourceEvents;
            this.delivered = delivered;
            this.seconds = seconds;
            this.gaps = gaps;
            this.equalCounts = equalCounts;
        }

        double deliveredPerSecond() {
            return delivered / seconds;
        }
    }

    // Flags a child JVM needs to run ONOS's serializers on JDK 17 (the
    // executable jar's manifest carries them only for java -jar).
    private static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.util",
            "java.util.concurrent", "java.util.concurrent.atomic", "java.net", "java.nio");

    /**
     * Starts a sandbox in a JVM of its own ({@link SessionProbe}), opens
     * {@code count} idle FlowSocket sessions to it and compares its used
     * heap after full collections before and after.
     *
     * @param jetty WebSocket client
     * @param count sessions to open
     * @return the measurement
     * @throws Exception on failure
     */
    static HeapResult idleSessions(WebSocketClient jetty, int count) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx1g");
        for (String p : OPENS) {
            cmd.add("--add-opens");
            cmd.add("java.base/" + p + "=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SessionProbe.class.getName());
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<FlowSocketClient> clients = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String ready = expect(out, "READY", child);
            URI uri = URI.create("ws://127.0.0.1:" + ready + "/onos/flowsocket/ws");
            // One session first, so that everything a first connection
            // initialises (classes, pools) is in the baseline.
            clients.add(FlowSocketClients.connect(jetty, uri, ADMIN));
            in.println("heap");
            long before = Long.parseLong(expect(out, "HEAP", child));
            long t0 = System.nanoTime();
            Semaphore concurrent = new Semaphore(32);
            List<CompletableFuture<FlowSocketClient>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                concurrent.acquire();
                CompletableFuture<FlowSocketClient> f = FlowSocketClients.connectAsync(jetty, uri, ADMIN)
                        .thenCompose(c -> c.hello().thenApply(h -> c));
                f.whenComplete((c, e) -> concurrent.release());
                pending.add(f);
            }
            for (CompletableFuture<FlowSocketClient> f : pending) {
                clients.add(f.get(60, TimeUnit.SECONDS));
            }
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            in.println("sessions");
            int open = Integer.parseInt(expect(out, "SESSIONS", child));
            if (open != count + 1) {
                throw new IllegalStateException("the server has " + open + " sessions, expected " + (count + 1));
            }
            in.println("heap");
            long after = Long.parseLong(expect(out, "HEAP", child));
            clients.forEach(FlowSocketClient::close);
            in.println("quit");
            return new HeapResult(count, before, after, connectSeconds);
        } finally {
            clients.forEach(FlowSocketClient::drop);
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroy();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String expect(BufferedReader out, String prefix, Process child) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix + " ")) {
                return line.substring(prefix.length() + 1).trim();
            }
        }
        throw new IOException("the probe JVM ended before saying " + prefix + " (exit " + child.isAlive() + ")");
    }

    /**
     * Subscribes {@code subscribers} connections to {@code hosts}, then adds
     * and removes {@code hosts} hosts through another connection (pipelined),
     * and counts the events every subscriber receives.
     *
     * @param target      target
     * @param subscribers subscriber connections
     * @param hosts       hosts to add and remove
     * @return the measurement
     * @throws Exception on failure
     */
    static FanoutResult fanout(Target target, int subscribers, int hosts) throws Exception {
        List<FlowSocketClient> subs = new ArrayList<>();
        FlowSocketClient producer = null;
        try {
            AtomicLong lastEvent = new AtomicLong();
            for (int i = 0; i < subscribers; i++) {
                FlowSocketClient c = target.connect();
                c.onEvent(e -> lastEvent.accumulateAndGet(System.nanoTime(), Math::max));
                JsonNode r = c.request("1", "{\"type\":\"Subscribe\",\"id\":1,\"topics\":[\"hosts\"]}")
                        .get(10, TimeUnit.SECONDS);
                if (!"ok".equals(r.path("status").asText())) {
                    throw new IllegalStateException("Subscribe failed: " + r);
                }
                subs.add(c);
            }
            producer = target.connect();
            String device = target.devices().get(0).toString();
            long t0 = System.nanoTime();
            List<String> added = pipelined(producer, hosts, h -> {
                String mac = String.format("02:00:00:%02x:%02x:%02x", (h >> 16) & 0xff, (h >> 8) & 0xff, h & 0xff);
                return "{\"type\":\"AddNode\",\"id\":" + h + ",\"kind\":\"host\",\"mac\":\"" + mac
                        + "\",\"location\":{\"deviceId\":\"" + device + "\",\"port\":1}}";
            });
            pipelined(producer, hosts, h -> "{\"type\":\"RemoveNode\",\"id\":" + (hosts + h)
                    + ",\"hostId\":\"" + added.get(h) + "\"}");
            // Wait until the subscribers have had nothing new for a second.
            long total = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                long now = subs.stream().mapToLong(FlowSocketClient::events).sum();
                if (now == total && System.nanoTime() - lastEvent.get() > TimeUnit.SECONDS.toNanos(1)) {
                    break;
                }
                total = now;
                Thread.sleep(200);
            }
            long first = subs.get(0).events();
            boolean equal = subs.stream().allMatch(s -> s.events() == first);
            long gaps = subs.stream().mapToLong(FlowSocketClient::seqGaps).sum();
            return new FanoutResult(subscribers, first, total, (lastEvent.get() - t0) / 1e9, gaps, equal);
        } finally {
            subs.forEach(FlowSocketClient::close);
            if (producer != null) {
                producer.close();
            }
        }
    }

    // Sends count requests with at most 64 in flight; returns result.id of each reply, in order.
    private static List<String> pipelined(FlowSocketClient client, int count, IntFunction<String> request)
            throws Exception {
        Semaphore window = new Semaphore(64);
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            window.acquire();
            String text = request.apply(i);
            String id = MAPPER.readTree(text).get("id").toString();
            CompletableFuture<JsonNode> f = client.request(id, text);
            f.whenComplete((r, e) -> window.release());
            replies.add(f);
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<JsonNode> f : replies) {
            JsonNode r = f.get(60, TimeUnit.SECONDS);
            if (!"ok".equals(r.path("status").asText())) {
                throw new IllegalStateException("request failed: " + r);
            }
            ids.add(r.path("result").path("id").asText());
        }
        return ids;
    }
}
