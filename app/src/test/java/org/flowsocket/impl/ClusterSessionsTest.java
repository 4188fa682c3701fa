/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleServiceAdapter;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Two FlowSocket nodes of one ONOS cluster, each with its clients: the
 * cluster's storage ({@link ClusterStorage}), elections ({@link TestCluster})
 * and messaging ({@link TestMessaging}); ONOS raises the rule events on
 * node1, the devices' master, only.
 */
public class ClusterSessionsTest {

    private static final String FLOW = "{\"type\":\"InstallFlow\",\"flows\":[{\"priority\":40000,\"timeout\":0,"
            + "\"isPermanent\":true,\"deviceId\":\"of:0000000000000002\",\"treatment\":{\"instructions\":"
            + "[{\"type\":\"OUTPUT\",\"port\":\"2\"}]},\"selector\":{\"criteria\":[{\"type\":\"ETH_TYPE\","
            + "\"ethType\":\"0x800\"},{\"type\":\"IPV4_DST\",\"ip\":\"10.0.0.2/32\"}]}}]}";

    private final ClusterStorage storage = new ClusterStorage();
    private final TestCluster cluster = new TestCluster();
    private final TestMessaging messaging = new TestMessaging();
    private final List<ClusterStorage.NodeStorage> nodeStorages = new ArrayList<>();
    private CoreFixture core1;
    private CoreFixture core2;

    // node1 masters the devices; the other nodes reach the same switches
    // through ONOS's flow subsystem, which raises no rule event on them.
    private CoreFixture node(String id, CoreFixture master) {
        return new CoreFixture(fixture -> {
            if (master != null) {
                fixture.manager.flowRuleService = new FlowRuleServiceAdapter() {
                    @Override
                    public void apply(FlowRuleOperations ops) {
                        master.switches.apply(ops);
                    }

                    @Override
                    public Iterable<FlowEntry> getFlowEntries(DeviceId deviceId) {
                        return master.switches.getFlowEntries(deviceId);
                    }
                };
            }
            TestCluster.Node node = cluster.node(id);
            ClusterStorage.NodeStorage nodeStorage = storage.node();
            nodeStorages.add(nodeStorage);
            fixture.manager.storageService = nodeStorage;
            fixture.manager.clusterService = node.clusterService;
            fixture.manager.leadershipService = node.leadershipService;
            fixture.manager.clusterCommunicator = messaging.node(node.id);
        });
    }

    @Before
    public void startNodes() {
        core1 = node("node1", null);
        core2 = node("node2", core1);
    }

    @After
    public void stopNodes() {
        core2.stop();
        core1.stop();
        nodeStorages.forEach(ClusterStorage.NodeStorage::stop);
        messaging.stop();
        cluster.stop();
    }

    @Test
    public void clientsOnBothNodesSeeEveryFlowAndRuleEventOnceWithGaplessSeq() throws Exception {
        TestClient on1 = core1.admin();
        TestClient on2 = core2.admin();
        on1.ok("{\"type\":\"Subscribe\",\"topics\":[\"flows\"]}");
        on2.ok("{\"type\":\"Subscribe\",\"topics\":[\"flows\"]}");

        String flowId = on1.ok(FLOW).path("flowId").asText();
        on2.ok("{\"type\":\"RemoveFlow\",\"flowId\":\"" + flowId + "\"}");

        List<String> flowEvents = List.of("FLOW_PENDING", "FLOW_INSTALLED", "FLOW_REMOVING", "FLOW_REMOVED");
        List<String> ruleEvents = List.of("RULE_ADD_REQUESTED", "RULE_REMOVED");
        for (TestClient client : List.of(on1, on2)) {
            List<String> flows = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            for (int seq = 1; seq <= flowEvents.size() + ruleEvents.size(); seq++) {
                JsonNode event = client.nextEvent();
                assertEquals("seq without gaps", seq, event.path("seq").asInt());
                String type = event.path("event").asText();
                (type.startsWith("RULE_") ? rules : flows).add(type);
                if (type.startsWith("FLOW_")) {
                    assertEquals(flowId, event.path("data").path("flowId").asText());
                }
            }
            assertEquals("flow events, once each and in order", flowEvents, flows);
            assertEquals("rule events, once each and in order", ruleEvents, rules);
            assertTrue("no event twice", client.noEventWithin(300));
        }
    }
}
