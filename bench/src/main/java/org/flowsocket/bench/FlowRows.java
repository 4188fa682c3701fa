/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.testkit.FlowSocketClient;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's rows: the same {@code count} rules, flow numbers
 * {@code first..first+count-1}, installed and confirmed through one path
 * each, with at most {@code window} requests in flight. Every row removes
 * its rules afterwards (not timed) and waits until ONOS holds none of them.
 * <p>
 * Timing starts before the first request is sent and ends when the last
 * flow is confirmed; a flow's latency runs from sending the request that
 * carries it to its confirmation. Request texts and rule objects are built
 * before timing starts, so the client's share of the two cores is spent on
 * sending and receiving only.
 */
final class FlowRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration CLEANUP_WAIT = Duration.ofMinutes(2);

    /** Outcome of one row. */
    static final class Result {
        final String name;
        final int flows;
        final int batch;
        final double seconds;
        final Latencies latencies;
        final int errors;
        final String firstError;
        final double cpuSeconds;
        long startMillis;
        long endMillis;
        String removal;

        Result(String name, int flows, int batch, double seconds, Latencies latencies, int errors,
               String firstError, double cpuSeconds) {
            this.name = name;
            this.flows = flows;
            this.batch = batch;
            this.seconds = seconds;
            this.latencies = latencies;
            this.errors = errors;
            this.firstError = firstError;
            this.cpuSeconds = cpuSeconds;
        }

        /** @return CPU time of this JVM (client and server) per confirmed flow, microseconds */
        double cpuMicrosPerFlow() {
            int n = latencies.count();
            return n > 0 && cpuSeconds >= 0 ? cpuSeconds * 1e6 / n : Double.NaN;
        }

        /** @return confirmed flows per second */
        double flowsPerSecond() {
            return seconds > 0 ? latencies.count() / seconds : 0;
        }
    }

    // CPU time of this process (all threads), or -1 where the JVM cannot tell.
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    private final Target target;
    private final FlowRules rules;
    private final long timeoutMillis;

    FlowRows(Target target, FlowRules rules, Duration rowTimeout) {
        this.target = target;
        this.rules = rules;
        this.timeoutMillis = rowTimeout.toMillis();
    }

    // Shared bookkeeping of a pipelined row.
    private static final class Run {
        final Semaphore window;
        final Latencies latencies;
        final CountDownLatch done;
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();
        long startNanos;
        long startCpu;
        long startMillis;

        Run(int window, int flows, int completions) {
            this.window = new Semaphore(window);
            this.latencies = new Latencies(flows);
            this.done = new CountDownLatch(completions);
        }

        void finished(long nanos) {
            lastNanos.accumulateAndGet(nanos, Math::max);
            done.countDown();
        }

        void failed(String why) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, why);
        }

        Result result(String name, int flows, int batch, long timeoutMillis) throws InterruptedException {
            if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                failed("row timed out after " + timeoutMillis + " ms with " + done.getCount()
                        + " completions missing");
                lastNanos.set(System.nanoTime());
            }
            long cpu = processCpuNanos();
            Result r = new Result(name, flows, batch, (lastNanos.get() - startNanos) / 1e9, latencies,
                    errors.get(), firstError.get(), cpu < 0 || startCpu < 0 ? -1 : (cpu - startCpu) / 1e9);
            r.startMillis = startMillis;
            r.endMillis = System.currentTimeMillis();
            return r;
        }

        void start() {
            System.gc();
            startCpu = processCpuNanos();
            startMillis = System.currentTimeMillis();
            startNanos = System.nanoTime();
        }
    }

    /**
     * FlowSocket: InstallFlow requests carrying {@code batch} rules each in
     * {@code flows}, spread round-robin over {@code connections} connections,
     * at most {@code window} requests in flight in all; a flow is confirmed
     * when its request's reply arrives (status ok, state INSTALLED).
     */
    Result flowSocket(String name, int connections, int batch, int window, int first, int count)
            throws Exception {
        List<FlowSocketClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                clients.add(target.connect());
            }
            int requests = (count + batch - 1) / batch;
            List<String> texts = new ArrayList<>(requests);
            for (int r = 0; r < requests; r++) {
                int from = r * batch;
                ObjectNode req = MAPPER.createObjectNode();
                req.put("type", "InstallFlow");
                req.put("id", r);
                req.set("flows", rules.jsonArray(first + from, Math.min(batch, count - from)));
                texts.add(req.toString());
            }
            List<String> handles = Collections.synchronizedList(new ArrayList<>());
            Run run = new Run(window, count, requests);
            run.start();
            for (int r = 0; r < requests; r++) {
                run.window.acquire();
                int from = r * batch;
                int n = Math.min(batch, count - from);
                long sent = System.nanoTime();
                clients.get(r % connections).request(Integer.toString(r), texts.get(r)).whenComplete((reply, e) -> {
                    long now = System.nanoTime();
                    if (e != null) {
                        run.failed(e.toString());
                    } else if (!"ok".equals(reply.path("status").asText())
                            || !"INSTALLED".equals(reply.path("result").path("state").asText())) {
                        run.failed(reply.toString());
                    } else {
                        handles.add(reply.path("result").path("flowId").asText());
                        for (int i = from; i < from + n; i++) {
                            run.latencies.set(i, now - sent);
                        }
                    }
                    run.window.release();
                    run.finished(now);
                });
            }
            Result result = run.result(name, count, batch, timeoutMillis);
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            removeFlowSocketFlows(clients.get(0), handles, window);
            result.removal = String.format(java.util.Locale.ROOT,
                    "RemoveFlow of %d flows (%d rules, %d in flight): %.0f rules/s, %.1f cpu us/rule",
                    handles.size(), count, window, count / ((System.nanoTime() - t0) / 1e9),
                    (processCpuNanos() - cpu0) / 1e3 / count);
            return result;
        } finally {
            clients.forEach(FlowSocketClient::close);
        }
    }

    // RemoveFlow for every handle, pipelined, then wait until ONOS holds none of FlowSocket's rules.
    private void removeFlowSocketFlows(FlowSocketClient client, List<String> handles, int window) throws Exception {
        Semaphore w = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(handles.size());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int i = 0;
        for (String h : new ArrayList<>(handles)) {
            w.acquire();
            String id = "\"rm-" + (i++) + "\"";
            client.request(id, "{\"type\":\"RemoveFlow\",\"id\":" + id + ",\"flowId\":\"" + h + "\"}")
                    .whenComplete((reply, e) -> {
                        if (e != null || !"ok".equals(reply.path("status").asText())) {
                            failures.add(e != null ? e.toString() : reply.toString());
                        }
                        w.release();
                        done.countDown();
                    });
        }
        if (!done.await(CLEANUP_WAIT.toMillis(), TimeUnit.MILLISECONDS) || !failures.isEmpty()) {
            throw new IllegalStateException("removing FlowSocket's flows failed: "
                    + (failures.isEmpty() ? "timeout" : failures.get(0)));
        }
        if (!target.awaitNoRules(Target.FLOWSOCKET_APP, CLEANUP_WAIT)) {
            throw new IllegalStateException("FlowSocket's rules are still in ONOS after removal");
        }
    }

    /**
     * ONOS REST: {@code POST /onos/v1/flows/{deviceId}} with one flow per
     * request ({@code batch == 1}), or {@code POST /onos/v1/flows} with
     * {@code batch} flows; at most {@code window} requests in flight (a slot
     * frees when the HTTP response arrives, as a REST client would proceed).
     * ONOS answers at submission, so a flow counts as confirmed when ONOS
     * reports it ADDED (the switch acknowledged it).
     */
    Result rest(String name, int batch, int window, int first, int count) throws Exception {
        int requests = (count + batch - 1) / batch;
        List<String> paths = new ArrayList<>(requests);
        List<String> bodies = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            int from = r * batch;
            if (batch == 1) {
                paths.add("/flows/" + rules.device(first + from) + "?appId=" + Target.REST_APP);
                bodies.add(rules.json(first + from, false).toString());
            } else {
                paths.add("/flows?appId=" + Target.REST_APP);
                ObjectNode body = MAPPER.createObjectNode();
                body.set("flows", rules.jsonArray(first + from, Math.min(batch, count - from)));
                bodies.add(body.toString());
            }
        }
        long[] sentNanos = new long[count];
        AtomicIntegerArray seen = new AtomicIntegerArray(count);
        Run run = new Run(window, count, count);
        ArrayNode restIds = MAPPER.createArrayNode();
        try (AutoCloseable watch = target.watchConfirmations((n, nanos) -> {
            int i = n - first;
            if (i >= 0 && i < count && seen.compareAndSet(i, 0, 1)) {
                run.latencies.set(i, nanos - sentNanos[i]);
                run.finished(nanos);
            }
        })) {
            run.start();
            for (int r = 0; r < requests; r++) {
                run.window.acquire();
                int from = r * batch;
                int n = Math.min(batch, count - from);
                long now = System.nanoTime();
                for (int i = from; i < from + n; i++) {
                    sentNanos[i] = now;
                }
                CompletableFuture<HttpResponse<String>> f = target.postAsync(paths.get(r), bodies.get(r));
                f.whenComplete((resp, e) -> {
                    run.window.release();
                    if (e != null || resp.statusCode() / 100 != 2) {
                        for (int i = from; i < from + n; i++) {
                            if (seen.compareAndSet(i, 0, 1)) {
                                run.failed(e != null ? e.toString() : "HTTP " + resp.statusCode() + " " + resp.body());
                                run.finished(System.nanoTime());
                            }
                        }
                    } else if (target.sandbox().isEmpty()) {
                        collectRestIds(resp, restIds);
                    }
                });
            }
            Result result = run.result(name, count, batch, timeoutMillis);
            target.removeRestRules(restIds);
            if (!target.awaitNoRules(Target.REST_APP, CLEANUP_WAIT)) {
                throw new IllegalStateException("REST rules are still in ONOS after removal");
            }
            return result;
        }
    }

    private static void collectRestIds(HttpResponse<String> resp, ArrayNode ids) {
        try {
            if (resp.statusCode() == 201 && resp.headers().firstValue("Location").isPresent()) {
                String[] p = resp.headers().firstValue("Location").get().split("/");
                synchronized (ids) {
                    ids.addObject().put("deviceId", p[p.length - 2]).put("flowId", p[p.length - 1]);
                }
            } else {
                JsonNode body = MAPPER.readTree(resp.body());
                synchronized (ids) {
                    body.path("flows").forEach(ids::add);
                }
            }
        } catch (Exception e) {
            // cleanup will report what is left
        }
    }

    /**
     * The limit: {@code FlowRuleService.apply(FlowRuleOperations)} with a
     * context, called in the sandbox's JVM with {@code batch} rules per call
     * and at most {@code window} calls unconfirmed; a flow is confirmed when
     * the context hears {@code onSuccess}.
     */
    Result inProcess(String name, int batch, int window, int first, int count) throws Exception {
        FlowRuleService service = target.service(FlowRuleService.class);
        ApplicationId app = target.service(CoreService.class).registerApplication(Target.IN_PROCESS_APP);
        int requests = (count + batch - 1) / batch;
        List<List<FlowRule>> batches = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            List<FlowRule> b = new ArrayList<>(batch);
            for (int i = r * batch; i < Math.min(count, (r + 1) * batch); i++) {
                b.add(rules.rule(first + i, app));
            }
            batches.add(b);
        }
        Run run = new Run(window, count, requests);
        run.start();
        for (int r = 0; r < requests; r++) {
            run.window.acquire();
            int from = r * batch;
            List<FlowRule> b = batches.get(r);
            long sent = System.nanoTime();
            FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
            b.forEach(ops::add);
            service.apply(ops.build(new FlowRuleOperationsContext() {
                @Override
                public void onSuccess(FlowRuleOperations o) {
                    long now = System.nanoTime();
                    for (int i = from; i < from + b.size(); i++) {
                        run.latencies.set(i, now - sent);
                    }
                    run.window.release();
                    run.finished(now);
                }

                @Override
                public void onError(FlowRuleOperations o) {
                    run.failed("onError");
                    run.window.release();
                    run.finished(System.nanoTime());
                }
            }));
        }
        Result result = run.result(name, count, batch, timeoutMillis);
        service.removeFlowRulesById(app);
        if (!target.awaitNoRules(Target.IN_PROCESS_APP, CLEANUP_WAIT)) {
            throw new IllegalStateException("in-process rules are still in ONOS after removal");
        }
        return result;
    }
}
