/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import org.flowsocket.api.FlowSocketService;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.web.SandboxUsers;
import org.flowsocket.testkit.ClientConfig;
import org.onosproject.cfg.ComponentConfigService;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stats topic costs: FlowSocket with {@value #FLOWS} network flows
 * (three rules each) on the sandbox's simulated linear,3, ONOS reading the
 * switches' statistics every second, and {@value #SUBSCRIBERS} WebSocket
 * sessions subscribed to every flow and link at a 1 s interval. Prints a
 * table: the CPU time of the process and of FlowSocket's statistics thread,
 * and the events and bytes sent, per second, over the same window without
 * subscribers and with them.
 * <p>
 * Run: {@code java -cp <sandbox test class path> org.flowsocket.sandbox.e2e.StatsCost [flows] [subscribers] [seconds]}.
 */
public final class StatsCost {

    static final int FLOWS = 1000;
    static final int SUBSCRIBERS = 100;

    private StatsCost() {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int flows = args.length > 0 ? Integer.parseInt(args[0]) : FLOWS;
        int subscribers = args.length > 1 ? Integer.parseInt(args[1]) : SUBSCRIBERS;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (Sandbox sandbox = Sandbox.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .topology(NetworkSpec.linear(3)).users(SandboxUsers.defaults())
                .statsInterval(Duration.ofSeconds(1)).start()) {
            allowSessions(sandbox, subscribers + 1);
            URI uri = sandbox.web().webSocketUri();
            HttpClient http = HttpClient.newHttpClient();
            Counting installer = connect(http, uri);
            for (int i = 0; i < flows; i++) {
                installer.send("{\"type\":\"InstallFlow\",\"id\":" + i + ",\"network\":{\"src\":\"10.0.0.1\","
                        + "\"dst\":\"10.0.0.3\",\"protocol\":\"udp\",\"dstPort\":" + (10000 + i)
                        + ",\"class\":\"video\"}}");
                if (i % 200 == 199) {
                    installer.awaitReplies(i + 1);
                }
            }
            installer.awaitReplies(flows);
            Thread.sleep(3000); // every rule ADDED and counted once

            Row idle = measure("no subscriber", seconds, List.of());
            List<Counting> sessions = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                Counting s = connect(http, uri);
                s.send("{\"type\":\"Subscribe\",\"id\":\"s\",\"topics\":[\"stats\"],"
                        + "\"stats\":{\"intervalMs\":1000,\"links\":true}}");
                sessions.add(s);
            }
            Thread.sleep(3000); // past the first events, which measure from the rules' installation
            Row busy = measure(subscribers + " subscribers", seconds, sessions);

            System.out.printf("%d flows (%d rules), ONOS statistics every 1 s, stats interval 1 s, %d s each%n",
                              flows, 3 * flows, seconds);
            System.out.printf("%-16s %12s %14s %12s %14s%n", "", "process CPU", "stats thread", "events/s",
                              "bytes/s");
            for (Row r : List.of(idle, busy)) {
                System.out.printf("%-16s %11.1f%% %13.1f%% %12.0f %14.0f%n", r.name, r.processCpu * 100,
                                  r.statsCpu * 100, r.events, r.bytes);
            }
            System.out.println("(CPU: share of one core; the process runs ONOS, the switches and the clients)");
        }
    }

    // Beyond the per-user cap that protects a real ONOS (64), as an operator sets it.
    private static void allowSessions(Sandbox sandbox, int sessions) throws InterruptedException {
        ComponentConfigService config = sandbox.core().services().get(ComponentConfigService.class);
        String component = "org.flowsocket.impl.FlowSocketManager";
        config.setProperty(component, "maxSessionsPerUser", Integer.toString(sessions));
        config.setProperty(component, "maxSessionsPerAddress", Integer.toString(sessions));
        FlowSocketService service = (FlowSocketService) sandbox.flowSocketService().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (service.connectionSettings().maxSessionsPerUser() < sessions
                || service.connectionSettings().maxSessionsPerAddress() < sessions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("FlowSocket did not take the session caps");
            }
            Thread.sleep(20);
        }
    }

    private static Row measure(String name, int seconds, List<Counting> sessions) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = os.getProcessCpuTime();
        long stats0 = statsThreadCpu(threads);
        long events0 = sessions.stream().mapToLong(s -> s.events.get()).sum();
        long bytes0 = sessions.stream().mapToLong(s -> s.chars.get()).sum();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = System.nanoTime() - t0;
        Row r = new Row();
        r.name = name;
        r.processCpu = (os.getProcessCpuTime() - cpu0) / elapsed;
        r.statsCpu = (statsThreadCpu(threads) - stats0) / elapsed;
        r.events = (sessions.stream().mapToLong(s -> s.events.get()).sum() - events0) / (elapsed / 1e9);
        r.bytes = (sessions.stream().mapToLong(s -> s.chars.get()).sum() - bytes0) / (elapsed / 1e9);
        return r;
    }

    // FlowSocket's statistics thread (onos-flowsocket-stats).
    private static long statsThreadCpu(ThreadMXBean threads) {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("flowsocket-stats")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return total;
    }

    private static Counting connect(HttpClient http, URI uri) throws Exception {
        Counting listener = new Counting();
        WebSocket ws = http.newWebSocketBuilder()
                .header("Authorization", ClientConfig.basicAuthorization("onos", "rocks"))
                .subprotocols("flowsocket.v1")
                .buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
        listener.socket = ws;
        listener.hello.await(10, TimeUnit.SECONDS);
        return listener;
    }

    private static final class Row {
        String name;
        double processCpu;
        double statsCpu;
        double events;
        double bytes;
    }

    /** Counts the frames' characters (ASCII JSON: bytes) and events; counts replies for the installer. */
    private static final class Counting implements WebSocket.Listener {
        final AtomicLong chars = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicLong replies = new AtomicLong();
        final CountDownLatch hello = new CountDownLatch(1);
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        void send(String text) {
            socket.sendText(text, true).join();
        }

        void awaitReplies(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (replies.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (replies.get() < count) {
                throw new IllegalStateException(replies.get() + " of " + count + " replies");
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            chars.addAndGet(data.length());
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("{\"kind\":\"event\"")) {
                    events.incrementAndGet();
                } else if (frame.startsWith("{\"kind\":\"reply\"")) {
                    if (!frame.contains("\"status\":\"ok\"")) {
                        System.err.println("error reply: " + frame);
                    }
                    replies.incrementAndGet();
                } else if (frame.contains("\"kind\":\"hello\"")) {
                    hello.countDown();
                }
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
