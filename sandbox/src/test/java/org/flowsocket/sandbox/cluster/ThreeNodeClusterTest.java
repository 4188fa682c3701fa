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
import org.junit.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    private static SandboxCluster cluster;
    private final List<FlowSocketClient> clients = new ArrayList<>();

    @BeforeClass
    public static void startCluster() throws Exception {
        cluster = SandboxCluster.builder().nodes(3).startTimeout(Duration.ofSeconds(150)).start();
    }

    @AfterClass
    public static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private FlowSocketClient connect(int node) throws Exception {
        FlowSocketClient c = FlowSocketClients.open(cluster.node(node).webSocketUri(),
                                                   ClientConfig.basic("onos", "rocks"));
        clients.add(c);
        return c;
    }

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

        cluster.restart(2);
        FlowSocketClient two = connect(2);
        assertTrue("the restarted node lists the flow made while it was down", listed(two, made));
        String next = two.ok(flow("10.0.0.2", "10.0.0.3", "video")).path("flowId").asText();
        assertFalse("handle ids stay unique across the cluster", next.equals(made));
        assertTrue(listed(one, next));
        assertEquals(3, clusterNodes(1));

        two.ok("{'type':'RemoveFlow','flowId':'" + next + "'}");
        one.ok("{'type':'RemoveFlow','flowId':'" + made + "'}");
    }

    private static String flow(String src, String dst, String trafficClass) {
        return "{'type':'InstallFlow','network':{'src':'" + src + "','dst':'" + dst + "','class':'"
                + trafficClass + "'}}";
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
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.node(node).restUri() + "/cluster"))
                        .header("Authorization", ClientConfig.basicAuthorization("onos", "rocks"))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        return Requests.json(r.body()).path("nodes").size();
    }
}
