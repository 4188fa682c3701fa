/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.Host;
import org.onosproject.net.host.HostService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Load: {@value #CLIENTS} clients send {@value #REQUESTS} mixed requests each
 * (add and remove hosts, install and remove flows, subscribe and
 * unsubscribe, list), pipelined, while {@value #SUBSCRIBERS} connections
 * subscribed to hosts and flows watch. Then every request was answered
 * exactly once, the store holds exactly the flows confirmed and not removed
 * (ListFlows and FlowRuleService agree), and every subscriber received every
 * event of its topics, in the same order, with no gap in seq.
 */
public class LoadSuiteTest {

    static final int CLIENTS = 8;
    static final int REQUESTS = 1000;
    static final int WINDOW = 8;
    static final int SUBSCRIBERS = 3;
    static final long SEED = 20260101L;

    private static SuiteSandbox box;

    @BeforeClass
    public static void start() throws Exception {
        box = SuiteSandbox.start(Duration.ofMillis(5));
    }

    @AfterClass
    public static void stop() {
        box.close();
    }

    /** What one load client did and saw. */
    private static final class Outcome {
        final Set<String> hostsAdded = ConcurrentHashMap.newKeySet();
        final Set<String> hostsRemoved = ConcurrentHashMap.newKeySet();
        final Set<String> flowsConfirmed = ConcurrentHashMap.newKeySet();
        final Set<String> flowsRemoved = ConcurrentHashMap.newKeySet();
        final List<String> errors = new CopyOnWriteArrayList<>();
        int sent;
        FlowSocketClient client;
    }

    @Test
    public void mixedLoadIsAnsweredStoredAndPublishedExactly() throws Exception {
        List<FlowSocketClient> subscribers = new ArrayList<>();
        List<List<JsonNode>> seen = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            FlowSocketClient s = box.admin();
            List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
            s.onEvent(events::add);
            JsonNode r = SuiteSandbox.call(s, 1, "{\"type\":\"Subscribe\",\"id\":1,\"topics\":[\"hosts\",\"flows\"]}");
            assertEquals(r.toString(), "ok", r.path("status").asText());
            subscribers.add(s);
            seen.add(events);
        }

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Outcome>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            futures.add(pool.submit(() -> runClient(client, new Random(SEED + client))));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;

        // Every request answered exactly once, none failed.
        for (Outcome o : outcomes) {
            assertTrue("errors: " + o.errors, o.errors.isEmpty());
            assertTrue(SuiteSandbox.await(() -> o.client.replies() >= o.sent, Duration.ofSeconds(20)));
            Thread.sleep(100);
            assertEquals("replies of " + o.client, o.sent, o.client.replies());
            assertEquals("unmatched replies", 0, o.client.unmatchedReplies());
            assertEquals("pending", 0, o.client.pendingCount());
            assertEquals("seq gaps of a load client", 0, o.client.seqGaps());
            assertTrue("problems: " + o.client.problems(), !o.client.problems().iterator().hasNext());
        }

        // The store holds exactly the flows confirmed and not removed.
        Set<String> expectedFlows = new TreeSet<>();
        Set<String> removedFlows = new TreeSet<>();
        Set<String> expectedHosts = new TreeSet<>();
        Set<String> removedHosts = new TreeSet<>();
        for (Outcome o : outcomes) {
            expectedFlows.addAll(o.flowsConfirmed);
            removedFlows.addAll(o.flowsRemoved);
            expectedHosts.addAll(o.hostsAdded);
            removedHosts.addAll(o.hostsRemoved);
        }
        Set<String> confirmed = new TreeSet<>(expectedFlows);
        expectedFlows.removeAll(removedFlows);
        Set<String> addedHosts = new TreeSet<>(expectedHosts);
        expectedHosts.removeAll(removedHosts);

        FlowSocketClient checker = box.admin();
        Map<String, Set<String>> handles = SuiteSandbox.handles(checker);
        assertEquals("ListFlows holds the confirmed, not removed flows", expectedFlows, handles.keySet());
        Set<String> handleRules = handles.values().stream().flatMap(Set::stream)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue("ONOS has FlowSocket's rules, all ADDED", SuiteSandbox.await(() -> {
            Set<String> withState = box.flowSocketRulesWithState();
            return withState.stream().allMatch(s -> s.endsWith("/ADDED"))
                    && box.flowSocketRules().equals(handleRules);
        }, Duration.ofSeconds(10)));
        assertEquals("FlowRuleService and ListFlows agree", handleRules, box.flowSocketRules());
        Set<String> loadHosts = new TreeSet<>();
        for (Host h : box.get(HostService.class).getHosts()) {
            if (h.mac().toString().toLowerCase().startsWith("0a:")) {
                loadHosts.add(h.id().toString());
            }
        }
        assertEquals("hosts added and not removed", expectedHosts, loadHosts);

        // Every subscriber saw every event of its topics, in one order, without gaps.
        assertTrue("subscribers settle: event counts " + subscribers.stream().map(FlowSocketClient::events)
                .collect(Collectors.toList()) + ", " + missing(seen.get(0), confirmed, removedFlows, addedHosts,
                removedHosts), SuiteSandbox.await(() -> {
            long n = subscribers.get(0).events();
            return subscribers.stream().allMatch(s -> s.events() == n) && eventsCover(seen.get(0), confirmed,
                    removedFlows, addedHosts, removedHosts);
        }, Duration.ofSeconds(20)));
        Thread.sleep(300);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            FlowSocketClient s = subscribers.get(i);
            assertEquals("seq gaps: " + s.problems(), 0, s.seqGaps());
            assertEquals("last seq = events", s.events(), s.lastSeq());
            assertEquals("same events in the same order", signature(seen.get(0)), signature(seen.get(i)));
        }
        assertTrue(eventsCover(seen.get(0), confirmed, removedFlows, addedHosts, removedHosts));
        int sent = outcomes.stream().mapToInt(o -> o.sent).sum();
        System.out.printf("load: %d clients, %d requests in %.1f s (%.0f requests/s); %d flows confirmed, "
                        + "%d removed; %d hosts added, %d removed; %d events per subscriber%n",
                CLIENTS, sent, seconds, sent / seconds, confirmed.size(), removedFlows.size(), addedHosts.size(),
                removedHosts.size(), subscribers.get(0).events());
        checker.close();
        subscribers.forEach(FlowSocketClient::close);
        outcomes.forEach(o -> o.client.close());
    }

    private static List<String> signature(List<JsonNode> events) {
        synchronized (events) {
            return events.stream().map(e -> e.path("seq").asText() + " " + e.path("topic").asText() + " "
                    + e.path("event").asText() + " " + key(e)).collect(Collectors.toList());
        }
    }

    private static String key(JsonNode e) {
        JsonNode data = e.path("data");
        if (data.has("host")) {
            return data.path("host").path("id").asText();
        }
        if (data.has("rule")) {
            return data.path("rule").path("deviceId").asText() + "/" + data.path("rule").path("id").asText();
        }
        return data.path("flowId").asText();
    }

    private static String missing(List<JsonNode> events, Set<String> confirmed, Set<String> removedFlows,
                                  Set<String> addedHosts, Set<String> removedHosts) {
        Map<String, Set<String>> byType = new java.util.HashMap<>();
        synchronized (events) {
            for (JsonNode e : events) {
                byType.computeIfAbsent(e.path("event").asText(), t -> new TreeSet<>()).add(key(e));
            }
        }
        return "seen " + byType.entrySet().stream().map(en -> en.getKey() + "=" + en.getValue().size() + (en.getValue().isEmpty() ? "" : " e.g. " + en.getValue().iterator().next())).collect(Collectors.toList()) + "; missing: installed " + without(confirmed, byType.get("FLOW_INSTALLED"))
                + ", removed " + without(removedFlows, byType.get("FLOW_REMOVED"))
                + ", hosts added " + without(addedHosts, byType.get("HOST_ADDED"))
                + ", hosts removed " + without(removedHosts, byType.get("HOST_REMOVED"));
    }

    private static Set<String> without(Set<String> wanted, Set<String> seen) {
        Set<String> left = new TreeSet<>(wanted);
        if (seen != null) {
            left.removeAll(seen);
        }
        return left;
    }

    private static boolean eventsCover(List<JsonNode> events, Set<String> confirmed, Set<String> removedFlows,
                                       Set<String> addedHosts, Set<String> removedHosts) {
        Set<String> installed = new HashSet<>();
        Set<String> flowsGone = new HashSet<>();
        Set<String> hostsAdded = new HashSet<>();
        Set<String> hostsGone = new HashSet<>();
        synchronized (events) {
            for (JsonNode e : events) {
                String type = e.path("event").asText();
                switch (type) {
                    case "FLOW_INSTALLED":
                        installed.add(key(e));
                        break;
                    case "FLOW_REMOVED":
                        flowsGone.add(key(e));
                        break;
                    case "HOST_ADDED":
                        hostsAdded.add(key(e));
                        break;
                    case "HOST_REMOVED":
                        hostsGone.add(key(e));
                        break;
                    default:
                }
            }
        }
        return installed.containsAll(confirmed) && flowsGone.containsAll(removedFlows)
                && hostsAdded.containsAll(addedHosts) && hostsGone.containsAll(removedHosts);
    }

    // One client: REQUESTS mixed requests with up to WINDOW in flight; a
    // host or flow is removed only once its addition was confirmed.
    private Outcome runClient(int client, Random random) throws Exception {
        Outcome o = new Outcome();
        o.client = box.admin();
        List<String> liveHosts = new CopyOnWriteArrayList<>();
        List<String> liveFlows = new CopyOnWriteArrayList<>();
        Semaphore window = new Semaphore(WINDOW);
        AtomicInteger flowNumber = new AtomicInteger();
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        FlowRules rules = new FlowRules(box.sandbox().network().deviceIds());
        for (int i = 0; i < REQUESTS; i++) {
            window.acquire();
            ObjectNode req = SuiteSandbox.MAPPER.createObjectNode();
            String id = "c" + client + "-" + i;
            int dice = random.nextInt(100);
            String kind;
            if (dice < 25 || dice < 40 && liveHosts.isEmpty()) {
                kind = "AddNode";
                req.put("kind", "host");
                req.put("mac", String.format("0a:00:00:%02x:%02x:%02x", client, (i >> 8) & 0xff, i & 0xff));
                req.putObject("location").put("deviceId", rules.device(i).toString()).put("port", 1);
            } else if (dice < 40) {
                kind = "RemoveNode";
                req.put("hostId", liveHosts.remove(random.nextInt(liveHosts.size())));
            } else if (dice < 70 || dice < 85 && liveFlows.isEmpty()) {
                kind = "InstallFlow";
                int n = 1 + random.nextInt(4);
                int first = (client << 16) + flowNumber.getAndAdd(n);
                req.set("flows", rules.jsonArray(first, n));
            } else if (dice < 85) {
                kind = "RemoveFlow";
                req.put("flowId", liveFlows.remove(random.nextInt(liveFlows.size())));
            } else if (dice < 95) {
                kind = random.nextBoolean() ? "Subscribe" : "Unsubscribe";
                req.putArray("topics").add(random.nextBoolean() ? "hosts" : "flows");
            } else {
                kind = random.nextBoolean() ? "ListFlows" : "Hello";
            }
            req.put("type", kind);
            req.put("id", id);
            String removedTarget = kind.equals("RemoveNode") ? req.get("hostId").asText()
                    : kind.equals("RemoveFlow") ? req.get("flowId").asText() : null;
            CompletableFuture<JsonNode> f = o.client.request("\"" + id + "\"", req.toString());
            o.sent++;
            f.whenComplete((reply, e) -> {
                try {
                    if (e != null) {
                        o.errors.add(id + ": " + e);
                    } else if (!"ok".equals(reply.path("status").asText())) {
                        o.errors.add(id + ": " + reply);
                    } else {
                        JsonNode result = reply.path("result");
                        switch (kind) {
                            case "AddNode":
                                o.hostsAdded.add(result.path("id").asText());
                                liveHosts.add(result.path("id").asText());
                                break;
                            case "RemoveNode":
                                o.hostsRemoved.add(removedTarget);
                                break;
                            case "InstallFlow":
                                o.flowsConfirmed.add(result.path("flowId").asText());
                                liveFlows.add(result.path("flowId").asText());
                                break;
                            case "RemoveFlow":
                                o.flowsRemoved.add(removedTarget);
                                break;
                            default:
                        }
                    }
                } finally {
                    window.release();
                }
            });
            replies.add(f);
        }
        for (CompletableFuture<JsonNode> f : replies) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                o.errors.add("no reply: " + e);
            }
        }
        return o;
    }
}
