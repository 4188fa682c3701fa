/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.flowsocket.testkit.Requests;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Three sandbox nodes in three JVMs ({@link SandboxCluster}) share
 * FlowSocket's flow handles through ONOS's StorageManager on one Atomix
 * storage cluster (Raft among three storage nodes).
 */
public class ThreeNodeClusterTest {

    private static final String VOICE = flow("10.0.0.1", "10.0.0.3", "voice");

    private static final List<String> HOSTS = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3");
    private static final List<String> CLASSES = List.of("voice", "video", "critical", "best-effort", "bulk");
    /** Every network flow of linear,3: each ordered host pair in each class, no two sharing a rule. */
    private static final List<String> NETWORK_FLOWS = networkFlows();

    private static SandboxCluster cluster;
    private final List<FlowSocketClient> clients = new ArrayList<>();

    @Rule
    public final ClusterDiagnostics diagnostics = new ClusterDiagnostics(() -> cluster);

    @BeforeClass
    public static void startCluster() throws Exception {
        cluster = SandboxCluster.builder().nodes(3).startTimeout(Duration.ofSeconds(150))
                // Which node leads FlowSocket's flows, what it settled, and when it has its rule index.
                .jvmOptions(List.of("-Dorg.slf4j.simpleLogger.log.org.flowsocket.impl.flow.FlowLeadership=info",
                                    "-Dorg.slf4j.simpleLogger.log.org.flowsocket.impl.flow.DepartedNodeFlows=info",
                                    "-Dorg.slf4j.simpleLogger.log.org.flowsocket.impl.flow.RuleIndexLeader=info"))
                .start();
    }

    @AfterClass
    public static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<String> networkFlows() {
        List<String> all = new ArrayList<>();
        for (String trafficClass : CLASSES) {
            for (String src : HOSTS) {
                for (String dst : HOSTS) {
                    if (!src.equals(dst)) {
                        all.add(flow(src, dst, trafficClass));
                    }
                }
            }
        }
        return List.copyOf(all);
    }

    private FlowSocketClient connect(int node) throws Exception {
        FlowSocketClient c = FlowSocketClients.open(cluster.node(node).webSocketUri(),
                                                   ClientConfig.basic("onos", "rocks"));
        clients.add(c);
        return c;
    }

    // Where each node's log of its current run starts.
    private static final long[] RUN_START = new long[4];

    // FlowLeadership's log lines.
    private static final String LEADS = "now leads FlowSocket's flows";
    private static final String NO_LONGER_LEADS = "no longer leads FlowSocket's flows";

    @org.junit.After
    public void closeClients() {
        clients.forEach(FlowSocketClient::close);
        clients.clear();
    }

    @Test
    public void flowMadeThroughOneNodeIsSeenAndRemovedThroughTheOthers() throws Exception {
        FlowSocketClient one = connect(1);
        FlowSocketClient two = connect(2);
        FlowSocketClient three = connect(3);
        one.ok("{'type':'Subscribe','topics':['flows']}");

        String flowId = one.ok(VOICE).path("flowId").asText();
        one.awaitEvent("flows", "FLOW_INSTALLED", d -> flowId.equals(d.path("flowId").asText()));

        assertTrue("node 2 lists it", listed(two, flowId));
        assertTrue("node 3 lists it", listed(three, flowId));
        assertEquals(flowId, two.ok("{'type':'GetFlow','flowId':'" + flowId + "'}").path("flowId").asText());
        assertEquals(flowId, three.ok("{'type':'GetFlow','flowId':'" + flowId + "'}").path("flowId").asText());

        three.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        one.awaitEvent("flows", "FLOW_REMOVED", d -> flowId.equals(d.path("flowId").asText()));
        for (FlowSocketClient c : List.of(one, two, three)) {
            assertEquals("UNKNOWN_FLOW",
                         c.error("{'type':'GetFlow','flowId':'" + flowId + "'}").path("code").asText());
            assertFalse(listed(c, flowId));
        }
    }

    @Test
    public void killedNodeRestartsAndItsClientsSeeTheCurrentState() throws Exception {
        cluster.kill(2);
        assertFalse(cluster.node(2).isAlive());

        // The other two keep a quorum: the store still takes changes.
        FlowSocketClient one = connect(1);
        String made = one.ok(flow("10.0.0.1", "10.0.0.2", "video")).path("flowId").asText();

        restart(2, List.of());
        awaitEveryNodeServes();
        FlowSocketClient two = connect(2);
        assertTrue("the restarted node lists the flow made while it was down", listed(two, made));
        String next = two.ok(flow("10.0.0.2", "10.0.0.3", "video")).path("flowId").asText();
        assertFalse("handle ids stay unique across the cluster", next.equals(made));
        assertTrue(listed(one, next));
        assertEquals(3, clusterNodes(1));

        two.ok("{'type':'RemoveFlow','flowId':'" + next + "'}");
        one.ok("{'type':'RemoveFlow','flowId':'" + made + "'}");
    }

    @Test
    public void identicalInstallsAtOnceThroughTwoNodesGiveOneFlowAndOneDuplicate() throws Exception {
        FlowSocketClient one = connect(1);
        FlowSocketClient two = connect(2);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                assertOneOfTwoIdenticalInstallsWins(senders, one, two, NETWORK_FLOWS.get(round), "round " + round);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    // The rule index lives on FlowSocket's leader: killed, the next leader
    // builds it again and answers the two survivors' identical installs.
    @Test
    public void identicalInstallsThroughTheSurvivorsOfAKilledLeaderGiveOneFlowAndOneDuplicate() throws Exception {
        int leader = leader();
        List<Integer> survivors = new ArrayList<>(List.of(1, 2, 3));
        survivors.remove(Integer.valueOf(leader));
        FlowSocketClient one = connect(survivors.get(0));
        FlowSocketClient two = connect(survivors.get(1));
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            long[] atKill = new long[4];
            for (int n : survivors) {
                atKill[n] = Files.size(cluster.log(n));
            }
            cluster.kill(leader);
            long killed = System.nanoTime();
            awaitTakeover(survivors, atKill, Duration.ofSeconds(60));
            long tookOver = System.nanoTime();
            // Ports no other test uses: rules of their own.
            for (int round = 0; round < 3; round++) {
                String request = "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.3',"
                        + "'protocol':'udp','dstPort':" + (7100 + round) + ",'class':'video'}}";
                assertOneOfTwoIdenticalInstallsWins(senders, one, two, request, "after the leader died, round "
                        + round);
            }
            System.out.printf("Leader (node %d) killed: a survivor took over after %d ms; identical installs "
                                      + "through the survivors answered within %d ms after that%n", leader,
                              (tookOver - killed) / 1_000_000, (System.nanoTime() - tookOver) / 1_000_000);
        } finally {
            senders.shutdownNow();
            restart(leader, List.of());
            awaitEveryNodeServes();
        }
    }

    private static JsonNode reply(Future<CompletableFuture<JsonNode>> sent, String what) throws Exception {
        try {
            return sent.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within 30 s");
        }
    }

    // The same InstallFlow through two nodes at once: one gets the flow, the
    // other DUPLICATE_FLOW naming it; then it is removed.
    private static void assertOneOfTwoIdenticalInstallsWins(ExecutorService senders, FlowSocketClient one,
                                                            FlowSocketClient two, String request, String what)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<CompletableFuture<JsonNode>> viaOne = senders.submit(() -> {
            go.await();
            return one.request(request);
        });
        Future<CompletableFuture<JsonNode>> viaTwo = senders.submit(() -> {
            go.await();
            return two.request(request);
        });
        go.countDown();
        // A new leader answers once it has its index; the store may wait 15 s after a death.
        JsonNode r1 = reply(viaOne, what + ": the first node's reply");
        JsonNode r2 = reply(viaTwo, what + ": the second node's reply");
        boolean oneWon = "ok".equals(r1.path("status").asText());
        JsonNode won = oneWon ? r1 : r2;
        JsonNode lost = oneWon ? r2 : r1;
        String context = what + ": " + r1 + " / " + r2;
        assertEquals(context, "ok", won.path("status").asText());
        assertEquals(context, "DUPLICATE_FLOW", lost.path("error").path("code").asText());
        String flowId = won.path("result").path("flowId").asText();
        assertEquals(context, flowId, lost.path("error").path("flowId").asText());
        (oneWon ? one : two).ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
        assertFalse(context, listedIds(one).contains(flowId));
    }

    @Test
    public void eightClientsOnThreeNodesUnderLoadGetEveryReplyOnceAndAgreeOnTheFlows() throws Exception {
        long[] logStart = new long[4];
        for (int n = 1; n <= 3; n++) {
            logStart[n] = Files.size(cluster.log(n));
        }
        Set<String> before = listedIds(connect(1));
        List<FlowSocketClient> loaded = new ArrayList<>();
        List<FlowChurn> churns = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            FlowSocketClient client = connect(c % 3 + 1);
            loaded.add(client);
            // Client c's flows: every eighth of the 30 network flows, so no two clients share a rule.
            List<String> own = new ArrayList<>();
            for (int f = c; f < NETWORK_FLOWS.size(); f += 8) {
                own.add(NETWORK_FLOWS.get(f));
            }
            churns.add(new FlowChurn(client, own, Duration.ofSeconds(20)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> expected = new HashSet<>(before);
        int requests = 0;
        try {
            for (Future<FlowChurn> done : pool.invokeAll(churns, 90, TimeUnit.SECONDS)) {
                FlowChurn churn = done.get();
                assertEquals("every request answered", List.of(), churn.failures);
                requests += churn.requests;
                expected.addAll(churn.installed);
                expected.removeAll(churn.removed);
            }
        } finally {
            pool.shutdownNow();
        }
        for (FlowSocketClient c : loaded) {
            assertEquals(c + ": replies matching no request (a second reply)", 0, c.unmatchedReplies());
            assertEquals(c + ": requests still unanswered", 0, c.pendingCount());
            assertEquals(c + ": protocol problems", List.of(), c.problems());
        }
        System.out.printf("Eight clients on three nodes: %d requests in 20 s, %d flows stay%n",
                          requests, expected.size() - before.size());
        assertTrue("the clients did work", requests > 16);
        for (int n = 1; n <= 3; n++) {
            assertEquals("node " + n + " lists confirmed installs minus confirmed removals",
                         expected, listedIds(connect(n)));
        }
        for (int n = 1; n <= 3; n++) {
            String log = ClusterDiagnostics.readFrom(cluster.log(n), logStart[n]);
            for (String error : List.of("Could not process", "ConcurrentModification")) {
                assertFalse("node " + n + "'s log has " + error + ":\n" + log, log.contains(error));
            }
        }
        // Each flow is removed through the node that installed it: each node
        // simulates its own copy of the network (sandbox/README), so a removal
        // through another node would leave the installer's switches holding the
        // rules, which its ONOS would list ADDED to the tests that follow.
        for (int c = 0; c < churns.size(); c++) {
            FlowChurn churn = churns.get(c);
            for (String flowId : churn.installed) {
                if (!churn.removed.contains(flowId)) {
                    loaded.get(c).ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
                }
            }
        }
    }

    @Test
    public void survivorsSettleTheFlowsAKilledNodeLeftPending() throws Exception {
        // Node 3's switches take a minute to confirm: its flows stay PENDING until it dies.
        cluster.kill(3);
        long thisRunOfThree = Files.size(cluster.log(3));
        restart(3, List.of("--ack-latency", "60000"));
        try {
            FlowSocketClient one = connect(1);
            FlowSocketClient two = connect(2);
            FlowSocketClient three = connect(3);
            one.ok("{'type':'Subscribe','topics':['flows']}");
            two.ok("{'type':'Subscribe','topics':['flows']}");
            List<String> pending = new ArrayList<>();
            // Flows of a class the other tests leave on no node's switches (the
            // leader would find their rules ADDED in its own copy of the network).
            for (String request : NETWORK_FLOWS.subList(NETWORK_FLOWS.size() - 3, NETWORK_FLOWS.size())) {
                JsonNode made = three.ok(request.replace("}}", "},'confirm':false}"));
                assertEquals(made.toString(), "PENDING", made.path("state").asText());
                pending.add(made.path("flowId").asText());
            }
            for (String flowId : pending) {
                one.awaitEvent("flows", "FLOW_PENDING", d -> flowId.equals(d.path("flowId").asText()));
            }

            boolean threeLed = leadsFlows(3, thisRunOfThree);
            long[] atKill = {0, Files.size(cluster.log(1)), Files.size(cluster.log(2))};
            long killed = System.nanoTime();
            cluster.kill(3);
            long inactive = awaitInactive(1, "onos-3", Duration.ofSeconds(30));
            // A survivor settles once it leads and sees node 3 inactive. If node 3
            // led, the next leader is elected when Atomix ends node 3's session
            // (as in ONOS, nothing evicts a departed node's candidacy sooner).
            long elected = threeLed ? awaitTakeover(List.of(1, 2), atKill, Duration.ofSeconds(60)) : inactive;
            for (FlowSocketClient c : List.of(one, two)) {
                for (String flowId : pending) {
                    c.awaitEvent("flows", "FLOW_FAILED", d -> flowId.equals(d.path("flowId").asText()),
                                 Duration.ofSeconds(60));
                }
            }
            long settled = System.nanoTime();
            long from = Math.max(inactive, elected);
            System.out.printf("Node 3 killed%s: ONOS saw it inactive after %d ms, %s; its %d PENDING flows "
                                      + "were FAILED %d ms later%n",
                              threeLed ? " while it led FlowSocket's flows" : "",
                              (inactive - killed) / 1_000_000,
                              threeLed ? "a survivor took over the lead after " + (elected - killed) / 1_000_000
                                      + " ms" : "a survivor led already",
                              pending.size(), (settled - from) / 1_000_000);
            // The documented bound is 5 s after the leader sees the node inactive;
            // the second more covers the polls that notice both here.
            assertTrue("settled " + (settled - from) / 1_000_000 + " ms after a survivor could",
                       settled - from <= Duration.ofSeconds(6).toNanos());
            for (String flowId : pending) {
                JsonNode got = two.ok("{'type':'GetFlow','flowId':'" + flowId + "'}");
                assertEquals(got.toString(), "FAILED", got.path("state").asText());
                assertTrue(got.toString(), got.path("reason").asText().contains("left the cluster"));
                one.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
            }
        } finally {
            cluster.kill(3);
            restart(3, List.of());
            awaitEveryNodeServes();
        }
    }

    private static void restart(int node, List<String> args) throws Exception {
        RUN_START[node] = Files.size(cluster.log(node));
        cluster.restart(node, args);
    }

    // The node whose current run says last that it leads FlowSocket's flows.
    private static int leader() throws Exception {
        for (int n = 1; n <= 3; n++) {
            if (cluster.node(n).isAlive() && leadsFlows(n, RUN_START[n])) {
                return n;
            }
        }
        throw new AssertionError("no node says it leads FlowSocket's flows");
    }

    // Whether a node's log since an offset (the start of its current run)
    // says last that it leads FlowSocket's flows.
    private static boolean leadsFlows(int node, long from) throws Exception {
        boolean leads = false;
        for (String line : ClusterDiagnostics.readFrom(cluster.log(node), from).split("\n")) {
            if (line.contains(LEADS)) {
                leads = true;
            } else if (line.contains(NO_LONGER_LEADS)) {
                leads = false;
            }
        }
        return leads;
    }

    // Polls the survivors' logs, from the given offsets, until one says it
    // now leads FlowSocket's flows; returns System.nanoTime() then.
    private static long awaitTakeover(List<Integer> survivors, long[] from, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int n : survivors) {
                if (ClusterDiagnostics.readFrom(cluster.log(n), from[n]).contains(LEADS)) {
                    return System.nanoTime();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no survivor took over the lead of FlowSocket's flows within " + timeout);
    }

    // After a node rejoined, until every node answers a read of the store: a
    // Raft partition whose leader was the killed node elects another, and
    // ONOS's map waits up to 15 s meanwhile (FlowSocket then answers
    // UNAVAILABLE). The next test starts on a settled cluster.
    private void awaitEveryNodeServes() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int n = 1; n <= 3; n++) {
            try (FlowSocketClient c = FlowSocketClients.open(cluster.node(n).webSocketUri(),
                                                             ClientConfig.basic("onos", "rocks"))) {
                while (true) {
                    JsonNode reply = c.call(c.newRequest("ListFlows"), Duration.ofSeconds(20));
                    if ("ok".equals(reply.path("status").asText())) {
                        break;
                    }
                    assertEquals(reply.toString(), "UNAVAILABLE", reply.path("error").path("code").asText());
                    assertTrue("node " + n + " still cannot read the store: " + reply,
                               System.nanoTime() < deadline);
                }
            }
        }
    }

    // Polls ONOS's REST API on a node until another node is INACTIVE or gone
    // (as ONOS 2.5.6 AtomixClusterStore: Atomix's MEMBER_REMOVED makes it
    // INACTIVE, and ClusterManager lists only the members Atomix knows);
    // returns System.nanoTime() then.
    private static long awaitInactive(int node, String nodeId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            view = clusterView(node);
            boolean active = false;
            for (JsonNode n : view.path("nodes")) {
                active |= nodeId.equals(n.path("id").asText()) && !"INACTIVE".equals(n.path("status").asText());
            }
            if (!active) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(nodeId + " still active on node " + node + " after " + timeout + ": " + view);
    }

    private static String flow(String src, String dst, String trafficClass) {
        return "{'type':'InstallFlow','network':{'src':'" + src + "','dst':'" + dst + "','class':'"
                + trafficClass + "'}}";
    }

    private static Set<String> listedIds(FlowSocketClient c) throws Exception {
        Set<String> ids = new HashSet<>();
        c.ok("{'type':'ListFlows'}").path("flows").forEach(f -> ids.add(f.path("flowId").asText()));
        return ids;
    }

    private static boolean listed(FlowSocketClient c, String flowId) throws Exception {
        for (JsonNode f : c.ok("{'type':'ListFlows'}").path("flows")) {
            if (flowId.equals(f.path("flowId").asText())) {
                return true;
            }
        }
        return false;
    }

    // ONOS's REST API on a node: the cluster's controller nodes, as ONOS's ClusterService lists them.
    private static int clusterNodes(int node) throws Exception {
        return clusterView(node).path("nodes").size();
    }

    private static JsonNode clusterView(int node) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.node(node).restUri() + "/cluster"))
                        .header("Authorization", ClientConfig.basicAuthorization("onos", "rocks"))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        return Requests.json(r.body());
    }
}
