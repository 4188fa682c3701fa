/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.core.SandboxFlowRuleStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IpPrefix;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.FlowRuleStore;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The flow rule store's batch-success listener, which the benchmark takes
 * as every row's confirmation: told the added rules of a device batch the
 * switch answered successfully, before ONOS completes the operation; not
 * told of a refused batch or of removals. FlowRuleManager runs on its own
 * executors, as in ONOS.
 */
public class BatchSuccessListenerTest {

    private static final DeviceId S1 = NetworkSpec.switchId(1);
    private static final DeviceId S2 = NetworkSpec.switchId(2);

    private SandboxCore core;
    private SimulatedNetwork network;
    private ApplicationId appId;
    private SandboxFlowRuleStore store;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Consumer<List<FlowRule>> listener = rules -> rules.forEach(r -> seen.add("confirmed " + r.id()));

    @Before
    public void setUp() {
        core = SandboxCore.builder().flowRuleThreads(SandboxCore.FlowRuleThreads.ONOS).build().start();
        network = new SimulatedNetwork(core.services(), NetworkSpec.linear(3)).start();
        appId = core.get(CoreService.class).registerApplication("org.flowsocket.sandbox.test");
        store = (SandboxFlowRuleStore) core.get(FlowRuleStore.class);
        store.addBatchSuccessListener(listener);
    }

    @After
    public void tearDown() {
        store.removeBatchSuccessListener(listener);
        network.close();
        core.close();
    }

    @Test
    public void toldTheAddedRulesOfASuccessfulBatchBeforeOnosCompletesIt() throws Exception {
        FlowRule a = rule(S1, 1);
        FlowRule b = rule(S1, 2);
        assertTrue(apply(FlowRuleOperations.builder().add(a).add(b)).get(10, TimeUnit.SECONDS));
        assertEquals(Set.of("confirmed " + a.id(), "confirmed " + b.id()), Set.copyOf(seen.subList(0, 2)));
        assertEquals("the rules are told before ONOS completes the operation", List.of("onSuccess"),
                seen.subList(2, seen.size()));

        seen.clear();
        assertTrue(apply(FlowRuleOperations.builder().remove(a).remove(b)).get(10, TimeUnit.SECONDS));
        assertEquals("a removal confirms no rule", List.of("onSuccess"), seen);
    }

    @Test
    public void notToldOfARefusedBatch() throws Exception {
        network.faults().refuseAll(S2, FlowModFailure.TABLE_FULL);
        assertEquals(Boolean.FALSE, apply(FlowRuleOperations.builder().add(rule(S2, 3))).get(10, TimeUnit.SECONDS));
        assertEquals(List.of("onError"), seen);
    }

    private CompletableFuture<Boolean> apply(FlowRuleOperations.Builder ops) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        core.get(FlowRuleService.class).apply(ops.build(new FlowRuleOperationsContext() {
            @Override
            public void onSuccess(FlowRuleOperations o) {
                seen.add("onSuccess");
                done.complete(true);
            }

            @Override
            public void onError(FlowRuleOperations o) {
                seen.add("onError");
                done.complete(false);
            }
        }));
        return done;
    }

    private FlowRule rule(DeviceId device, int n) {
        return DefaultFlowRule.builder().forDevice(device)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(IpPrefix.valueOf("11.0.0." + n + "/32")).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .withPriority(40000).fromApp(appId).makePermanent().build();
    }
}
