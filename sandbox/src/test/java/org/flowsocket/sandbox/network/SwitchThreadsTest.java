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
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.FlowRuleStore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * With switch threads, each simulated switch answers ONOS on a thread of
 * its own, as each OpenFlow connection has one: ONOS's handling of one
 * switch's answer does not hold up another switch's.
 */
public class SwitchThreadsTest {

    private static final DeviceId S1 = NetworkSpec.switchId(1);
    private static final DeviceId S2 = NetworkSpec.switchId(2);

    private SandboxCore core;
    private SimulatedNetwork network;
    private ApplicationId appId;
    private SandboxFlowRuleStore store;
    private Consumer<List<FlowRule>> listener;

    @Before
    public void setUp() {
        core = SandboxCore.builder().flowRuleThreads(SandboxCore.FlowRuleThreads.ONOS).build().start();
        network = new SimulatedNetwork(core.services(), NetworkSpec.linear(3)).start();
        network.setSwitchThreads(true);
        network.faults().setAckLatency(Duration.ZERO);
        appId = core.get(CoreService.class).registerApplication("org.flowsocket.sandbox.test");
        store = (SandboxFlowRuleStore) core.get(FlowRuleStore.class);
    }

    @After
    public void tearDown() {
        if (listener != null) {
            store.removeBatchSuccessListener(listener);
        }
        network.close();
        core.close();
    }

    @Test
    public void oneSwitchsAnswerDoesNotWaitBehindAnothers() throws Exception {
        CountDownLatch s2Confirmed = new CountDownLatch(1);
        Map<DeviceId, String> threads = new ConcurrentHashMap<>();
        Map<DeviceId, Boolean> s1SawS2 = new ConcurrentHashMap<>();
        // ONOS's handling of S1's answer is held until S2's answer has been
        // handled: on one thread for every switch, S2's would wait behind it.
        listener = rules -> {
            DeviceId device = rules.get(0).deviceId();
            threads.put(device, Thread.currentThread().getName());
            if (device.equals(S1)) {
                try {
                    s1SawS2.put(S1, s2Confirmed.await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                s2Confirmed.countDown();
            }
        };
        store.addBatchSuccessListener(listener);
        FlowRuleService flows = core.get(FlowRuleService.class);
        flows.applyFlowRules(rule(S1, 1));
        Thread.sleep(100);
        flows.applyFlowRules(rule(S2, 2));
        assertTrue(network.awaitQuiet(Duration.ofSeconds(20)));
        assertEquals("S2's answer was handled while S1's was held", Boolean.TRUE, s1SawS2.get(S1));
        assertEquals("sandbox-switch-" + S1, threads.get(S1));
        assertEquals("sandbox-switch-" + S2, threads.get(S2));
    }

    private FlowRule rule(DeviceId device, int n) {
        return DefaultFlowRule.builder().forDevice(device)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(IpPrefix.valueOf("11.0.0." + n + "/32")).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .withPriority(40000).fromApp(appId).makePermanent().build();
    }
}
