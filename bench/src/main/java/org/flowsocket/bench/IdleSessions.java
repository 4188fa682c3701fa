/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Memory per idle session as a slope: opens sessions to a {@link ProbeJvm}
 * up to each count in turn (cumulatively), measures the server JVM's memory
 * at each, then sends one request (Hello) on the sessions up to each count in
 * turn and measures again.
 */
final class IdleSessions {

    // Sessions that keep nothing they receive: the measurement opens thousands of them.
    static final ClientConfig ADMIN = ClientConfig.basic("onos", "rocks").countingOnly().withoutContractCheck();

    private static final int CONCURRENT_HANDSHAKES = 32;
    private static final int REQUESTS_IN_FLIGHT = 256;

    /** The server's memory with some sessions open, or with some of them having had a request. */
    static final class Point {
        final int sessions;
        final SessionProbe.Memory memory;

        Point(int sessions, SessionProbe.Memory memory) {
            this.sessions = sessions;
            this.memory = memory;
        }
    }

    /** The measurement. */
    static final class Result {
        final int sessionCap;
        final SessionProbe.Memory baseline;
        final List<Point> idle;
        final List<Point> requested;
        final double connectSeconds;

        Result(int sessionCap, SessionProbe.Memory baseline, List<Point> idle, List<Point> requested,
               double connectSeconds) {
            this.sessionCap = sessionCap;
            this.baseline = baseline;
            this.idle = List.copyOf(idle);
            this.requested = List.copyOf(requested);
            this.connectSeconds = connectSeconds;
        }

        /** @return bytes per idle session of one figure: the least-squares slope over the idle points */
        double idleSlope(ToLongFunction<SessionProbe.Memory> figure) {
            return slope(idle, figure);
        }

        /**
         * @return bytes per session of one figure once each session had one
         *         request: the idle slope plus the slope of what the requests added
         */
        double requestedSlope(ToLongFunction<SessionProbe.Memory> figure) {
            return idleSlope(figure) + slope(requested, figure);
        }
    }

    private IdleSessions() {
    }

    /**
     * @param jetty  this JVM's WebSocket client
     * @param probe  the server JVM
     * @param counts increasing session counts
     * @return the points
     * @throws Exception on failure
     */
    static Result measure(WebSocketClient jetty, ProbeJvm probe, List<Integer> counts) throws Exception {
        List<FlowSocketClient> clients = new ArrayList<>();
        try {
            // One session with one request first, so that everything a first
            // connection and a first request initialise (classes, pools) is
            // in the baseline.
            clients.add(FlowSocketClients.connect(jetty, probe.uri(), ADMIN));
            hello(clients);
            SessionProbe.Memory baseline = probe.memory();
            List<Point> idle = new ArrayList<>();
            long connectNanos = 0;
            for (int count : counts) {
                probe.checkDescriptors(count + 1 - clients.size());
                long t0 = System.nanoTime();
                open(jetty, probe, count + 1 - clients.size(), clients);
                connectNanos += System.nanoTime() - t0;
                expectSessions(probe, count + 1);
                idle.add(new Point(count, probe.memory()));
            }
            List<Point> requested = new ArrayList<>();
            int done = 1;
            for (int count : counts) {
                hello(clients.subList(done, count + 1));
                done = count + 1;
                requested.add(new Point(count, probe.memory()));
            }
            expectSessions(probe, clients.size());
            clients.forEach(FlowSocketClient::close);
            return new Result(probe.sessionCap(), baseline, idle, requested, connectNanos / 1e9);
        } finally {
            clients.forEach(FlowSocketClient::drop);
        }
    }

    private static void open(WebSocketClient jetty, ProbeJvm probe, int count, List<FlowSocketClient> into)
            throws Exception {
        Semaphore concurrent = new Semaphore(CONCURRENT_HANDSHAKES);
        List<CompletableFuture<FlowSocketClient>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            concurrent.acquire();
            // Open once the server's greeting arrived: the session is set up on both sides.
            CompletableFuture<FlowSocketClient> f = FlowSocketClients.connectAsync(jetty, probe.uri(), ADMIN)
                    .thenCompose(c -> c.hello().thenApply(h -> c));
            f.whenComplete((c, e) -> concurrent.release());
            pending.add(f);
        }
        for (CompletableFuture<FlowSocketClient> f : pending) {
            into.add(f.get(60, TimeUnit.SECONDS));
        }
    }

    private static void hello(List<FlowSocketClient> sessions) throws Exception {
        Semaphore window = new Semaphore(REQUESTS_IN_FLIGHT);
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        for (FlowSocketClient c : sessions) {
            window.acquire();
            CompletableFuture<JsonNode> f = c.request("1", "{\"type\":\"Hello\",\"id\":1}");
            f.whenComplete((r, e) -> window.release());
            replies.add(f);
        }
        for (CompletableFuture<JsonNode> f : replies) {
            JsonNode r = f.get(60, TimeUnit.SECONDS);
            if (!"ok".equals(r.path("status").asText())) {
                throw new IllegalStateException("Hello failed: " + r);
            }
        }
    }

    private static void expectSessions(ProbeJvm probe, int expected) throws Exception {
        int open = probe.sessions();
        if (open != expected) {
            throw new IllegalStateException("the server has " + open + " sessions, expected " + expected);
        }
    }

    /**
     * @param points (sessions, memory) points, at least two sessions counts
     * @param figure which memory figure
     * @return the least-squares slope of the figure over the sessions, in bytes per session
     */
    static double slope(List<Point> points, ToLongFunction<SessionProbe.Memory> figure) {
        double n = points.size();
        double mx = points.stream().mapToDouble(p -> p.sessions).sum() / n;
        double my = points.stream().mapToDouble(p -> figure.applyAsLong(p.memory)).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (Point p : points) {
            sxy += (p.sessions - mx) * (figure.applyAsLong(p.memory) - my);
            sxx += (p.sessions - mx) * (p.sessions - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }
}
