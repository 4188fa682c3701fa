/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.QosFlow;
import org.flowsocket.impl.OrderedStorage;
import org.flowsocket.impl.codec.RuleForms;
import org.junit.After;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * What a node knows of the stored handles without asking the cluster, as
 * the handle map's events keep it: a change of state leaves the rules
 * indexed and tells the new state and acting node.
 */
public class LocalFlowIndexTest {

    private static final DeviceId DEVICE = DeviceId.deviceId("of:0000000000000001");

    private final DistributedQosFlowStore store = LoneNode.store(new OrderedStorage());

    private static FlowRule rule(String dst) {
        return DefaultFlowRule.builder().forDevice(DEVICE).fromApp(new DefaultApplicationId(7, "org.flowsocket.app"))
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(Ip4Prefix.valueOf(dst)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .withPriority(40000).makePermanent().build();
    }

    @After
    public void tearDown() {
        store.close();
    }

    @Test
    public void changesOfStateKeepTheRulesAndTellTheStateAndActingNode() {
        List<FlowRule> rules = List.of(rule("11.0.0.1/32"), rule("11.0.0.2/32"));
        store.create(QosFlow.builder().id("fs-1").kind(QosFlow.Kind.DEVICE).owner("onos")
                .state(QosFlow.State.PENDING).actingNode("onos-1").rules(rules).build());
        assertEquals("onos-1", store.knownActingNode("fs-1"));
        assertEquals(QosFlow.State.PENDING, store.knownState("fs-1"));

        store.update("fs-1", h -> h.withState(QosFlow.State.INSTALLED, null));
        assertEquals(QosFlow.State.INSTALLED, store.knownState("fs-1"));
        assertNull("an installed flow has no acting node", store.knownActingNode("fs-1"));
        assertEquals(Optional.of("fs-1"), store.ownerOf(rules.get(0)));
        assertEquals(Optional.of("fs-1"), store.ownerOf(rules.get(1)));
        assertEquals(Set.of("fs-1"), Set.copyOf(store.flowsOn(DEVICE)));

        store.update("fs-1", h -> h.withState(QosFlow.State.REMOVING, null, "onos-2"));
        assertEquals(QosFlow.State.REMOVING, store.knownState("fs-1"));
        assertEquals("onos-2", store.knownActingNode("fs-1"));

        store.remove("fs-1");
        assertNull(store.knownState("fs-1"));
        assertNull(store.knownActingNode("fs-1"));
        assertEquals(Optional.empty(), store.ownerOf(rules.get(0)));
        assertEquals(Set.of(), Set.copyOf(store.flowsOn(DEVICE)));
    }

    @Test
    public void aChangeOfRulesIndexesTheNewOnes() {
        FlowRule first = rule("11.0.0.1/32");
        FlowRule second = rule("11.0.0.9/32");
        store.create(QosFlow.builder().id("fs-1").kind(QosFlow.Kind.DEVICE).owner("onos")
                .rules(List.of(first)).build());
        store.update("fs-1", h -> h.toBuilder().rules(List.of(second)).build());
        assertEquals(Optional.empty(), store.ownerOf(first));
        assertEquals(Optional.of("fs-1"), store.ownerOf(second));
    }

    // Every rule event asks this before looking up its rule's flow.
    @Test
    public void tellsWhetherAnyFlowIsKnownInAState() {
        store.create(QosFlow.builder().id("fs-1").kind(QosFlow.Kind.DEVICE).owner("onos")
                .state(QosFlow.State.INSTALLED).rules(List.of(rule("11.0.0.1/32"))).build());
        store.create(QosFlow.builder().id("fs-2").kind(QosFlow.Kind.DEVICE).owner("onos")
                .state(QosFlow.State.INSTALLED).rules(List.of(rule("11.0.0.2/32"))).build());
        assertFalse(store.anyKnownIn(QosFlow.State.DEGRADED));
        assertTrue(store.anyKnownIn(QosFlow.State.INSTALLED));

        store.update("fs-1", h -> h.withState(QosFlow.State.DEGRADED, "rule lost"));
        store.update("fs-2", h -> h.withState(QosFlow.State.DEGRADED, "rule lost"));
        store.update("fs-2", h -> h.withState(QosFlow.State.DEGRADED, "another rule lost"));
        assertTrue(store.anyKnownIn(QosFlow.State.DEGRADED));
        assertFalse(store.anyKnownIn(QosFlow.State.INSTALLED));

        store.update("fs-1", h -> h.withState(QosFlow.State.INSTALLED, null));
        assertTrue("fs-2 is still degraded", store.anyKnownIn(QosFlow.State.DEGRADED));
        store.remove("fs-2");
        assertFalse(store.anyKnownIn(QosFlow.State.DEGRADED));
        assertTrue(store.anyKnownIn(QosFlow.State.INSTALLED));
        store.remove("fs-1");
        for (QosFlow.State state : QosFlow.State.values()) {
            assertFalse(state + " after every flow went", store.anyKnownIn(state));
        }
    }
}
