/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.QosFlow;
import org.flowsocket.impl.codec.RuleForms;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.flowsocket.impl.OrderedStorage;

import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertEquals;

/**
 * A flow id is the application and a 32-bit hash of device, match, priority
 * and table, so two different rules can share one (in a table of tens of
 * thousands of rules, they do). FlowSocket tells rules apart as switches do.
 */
public class FlowIdCollisionTest {

    private static final DeviceId DEVICE = DeviceId.deviceId("of:0000000000000001");

    // Two rules with different matches and, through the cookie, one flow id.
    private static FlowRule rule(String dst) {
        return DefaultFlowRule.builder().forDevice(DEVICE).withCookie(0x0042_0000_1234_5678L)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(Ip4Prefix.valueOf(dst)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .withPriority(40000).makePermanent().build();
    }

    @Test
    public void rulesSharingAFlowIdAreDifferentRules() {
        FlowRule a = rule("11.0.0.1/32");
        FlowRule b = rule("11.0.0.2/32");
        assertEquals(a.id(), b.id());
        DistributedQosFlowStore store = LoneNode.store(new OrderedStorage());
        store.create(QosFlow.builder().id("fs-1").kind(QosFlow.Kind.DEVICE).owner("onos")
                .rules(List.of(a)).build());
        assertEquals(Optional.of("fs-1"), store.ownerOf(a));
        assertEquals(Optional.empty(), store.ownerOf(b));
        store.update("fs-1", h -> h.withState(QosFlow.State.INSTALLED, null));
        assertEquals(Optional.of("fs-1"), store.ownerOf(a));
        store.remove("fs-1");
        assertEquals(Optional.empty(), store.ownerOf(a));
        store.close();
    }
}
