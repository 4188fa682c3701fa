/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.sandbox.core.SandboxCore;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;

import java.time.Duration;

import static org.junit.Assert.assertTrue;

/**
 * What the cleanup prints of the rules ONOS still holds, for a rule of the
 * onos-ceiling row's null devices too, which the simulated network does not
 * run (the benchmark once stopped on that: "No simulated switch null:...").
 */
public class DescribeRulesTest {

    @Test
    public void ruleOfANullDeviceIsDescribedAsNoSimulatedSwitchs() throws Exception {
        try (Target target = Target.start(0, "linear,2", Duration.ofMillis(1), SandboxCore.Store.MEMORY);
             NullSwitches nulls = new NullSwitches(target.sandbox().orElseThrow().core(), 1)) {
            SandboxCore core = target.sandbox().orElseThrow().core();
            ApplicationId app = core.get(CoreService.class).registerApplication(Target.IN_PROCESS_APP);
            core.get(FlowRuleService.class).applyFlowRules(DefaultFlowRule.builder()
                    .forDevice(nulls.devices().get(0)).withPriority(40000)
                    .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                            .matchIPDst(Ip4Prefix.valueOf("10.9.0.1/32")).build())
                    .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
                    .fromApp(app).makePermanent().build());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (target.ruleCount(Target.IN_PROCESS_APP) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String described = new RuleCensus(target).describe(Target.IN_PROCESS_APP);
            assertTrue(described, described.startsWith("1 rules in ONOS"));
            assertTrue(described, described.contains("null:0000000000000001")
                    && described.contains("not a simulated switch's"));
        }
    }

    @Test
    public void ruleWhoseMatchAnotherApplicationAlsoInstalledNamesTheOther() throws Exception {
        try (Target target = Target.start(0, "linear,2", Duration.ofMillis(1), SandboxCore.Store.MEMORY)) {
            SandboxCore core = target.sandbox().orElseThrow().core();
            ApplicationId mine = core.get(CoreService.class).registerApplication(Target.IN_PROCESS_APP);
            ApplicationId other = core.get(CoreService.class).registerApplication("org.flowsocket.bench.other");
            DeviceId device = target.sandbox().orElseThrow().network().deviceIds().get(0);
            FlowRuleService rules = core.get(FlowRuleService.class);
            // Same match and priority, two applications: two ONOS entries (two ids), one rule on the switch.
            rules.applyFlowRules(sameMatch(device, mine, 2));
            Thread.sleep(200);
            rules.applyFlowRules(sameMatch(device, other, 3));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (target.ruleCount("org.flowsocket.bench.other") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            String described = new RuleCensus(target).describe(Target.IN_PROCESS_APP);
            assertTrue(described, described.contains("ONOS holds with the same match")
                    && described.contains("of app " + other.id()));
            // The switch holds one rule for the match; ONOS's statistics may swap it meanwhile.
            FlowEntry held = target.sandbox().orElseThrow().network().flowTable(device).get(0);
            assertTrue(described, held.appId() == mine.id() ? described.contains("on the switch")
                    : described.contains("the switch holds rule " + held.id() + " of app " + other.id()));
        }
    }

    private static FlowRule sameMatch(DeviceId device, ApplicationId app, int port) {
        return DefaultFlowRule.builder().forDevice(device).withPriority(40000)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(Ip4Prefix.valueOf("10.9.0.2/32")).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(port)).build())
                .fromApp(app).makePermanent().build();
    }
}
