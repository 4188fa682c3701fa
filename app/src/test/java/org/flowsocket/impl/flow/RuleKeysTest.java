/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.junit.Test;
import org.onlab.packet.EthType;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.TpPort;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.IndexTableId;
import org.onosproject.net.flow.TrafficSelector;

import java.util.Random;

import static org.junit.Assert.assertEquals;

/**
 * A rule's reservation key is stored: whatever makes it, it must stay the
 * text ONOS's own {@code toString}s give (device, table, priority and the
 * selector's criteria), on every release the app runs on (the release matrix
 * runs this on each), or the reservations of flows stored before an upgrade
 * would no longer be found.
 */
public class RuleKeysTest {

    private static final DeviceId DEVICE = DeviceId.deviceId("of:0000000000000001");

    // The key as FlowSocket has always written it: ONOS's text of each part.
    private static String onosText(FlowRule rule) {
        Object table = rule.table() instanceof IndexTableId ? ((IndexTableId) rule.table()).id() : rule.table();
        return rule.deviceId() + "/" + table + "/" + rule.priority() + "/" + rule.selector().criteria();
    }

    private static FlowRule rule(TrafficSelector selector, int priority, int table) {
        return DefaultFlowRule.builder().forDevice(DEVICE).withPriority(priority).forTable(table)
                .fromApp(new DefaultApplicationId(9, "org.flowsocket.app")).makePermanent()
                .withSelector(selector)
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build()).build();
    }

    @Test
    public void ipv4MatchesOfEveryByteAndPrefixLengthKeepOnosText() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            // every octet value and prefix length shows up: 0, 255, one, two and three digits
            Ip4Address src = Ip4Address.valueOf(random.nextInt());
            Ip4Address dst = Ip4Address.valueOf(i < 256 ? i * 0x01010101 : random.nextInt());
            TrafficSelector selector = DefaultTrafficSelector.builder().matchEthType(EthType.EtherType.IPV4.ethType().toShort())
                    .matchIPSrc(Ip4Prefix.valueOf(src, random.nextInt(33)))
                    .matchIPDst(Ip4Prefix.valueOf(dst, i % 33))
                    .matchIPProtocol((byte) 17).matchUdpDst(TpPort.tpPort(5060)).build();
            FlowRule rule = rule(selector, random.nextInt(65536), random.nextInt(255));
            assertEquals(onosText(rule), RuleKeys.keyOf(rule));
        }
    }

    @Test
    public void otherMatchesKeepOnosText() {
        TrafficSelector ipv6 = DefaultTrafficSelector.builder().matchEthType((short) 0x86dd)
                .matchIPv6Src(IpPrefix.valueOf("2001:db8::1/128")).matchIPv6Dst(IpPrefix.valueOf("fe80::/10")).build();
        TrafficSelector ports = DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(7))
                .matchVlanId(org.onlab.packet.VlanId.vlanId((short) 100)).build();
        TrafficSelector arp = DefaultTrafficSelector.builder().matchEthType((short) 0x0806)
                .matchArpTpa(Ip4Address.valueOf("10.0.0.7")).build();
        TrafficSelector all = DefaultTrafficSelector.emptySelector();
        for (TrafficSelector selector : new TrafficSelector[]{ipv6, ports, arp, all}) {
            FlowRule rule = rule(selector, 40000, 0);
            assertEquals(onosText(rule), RuleKeys.keyOf(rule));
        }
    }

    @Test
    public void theKeyOfABenchmarkRuleIsTheTextStoredBefore() {
        // A key as an earlier FlowSocket stored it, written out: the text itself, not only equality with ONOS's.
        FlowRule rule = rule(DefaultTrafficSelector.builder().matchEthType((short) 0x0800)
                .matchIPDst(IpPrefix.valueOf("10.1.200.3/32")).build(), 40000, 0);
        assertEquals("of:0000000000000001/0/40000/[ETH_TYPE:ipv4, IPV4_DST:10.1.200.3/32]",
                     RuleKeys.keyOf(rule));
    }
}
