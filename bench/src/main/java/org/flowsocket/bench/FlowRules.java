/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.IPCriterion;

import java.util.List;

/**
 * The benchmark's rules: flow number {@code n} is one rule matching IPv4
 * traffic to {@code 11.0.0.0 + n}/32 and forwarding it out of port 1, on
 * device {@code (n / group) mod devices}: consecutive groups of flows (one
 * request's batch) go to one switch, the groups round-robin over the
 * switches. Every flow number gives a distinct rule,
 * so no two rows, requests or connections ever collide; the same flow is
 * written as ONOS flow JSON (FlowSocket and REST rows) or built directly
 * (in-process row).
 */
public final class FlowRules {

    /** Priority of every benchmark rule. */
    public static final int PRIORITY = 40000;

    /** First destination address: 11.0.0.0, outside the sandbox hosts' 10.0.0.0/8. */
    private static final int BASE = 11 << 24;

    /** Most flow numbers (the 11.0.0.0/8 range). */
    public static final int MAX_FLOWS = 1 << 24;

    private final List<DeviceId> devices;
    private final int group;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param devices devices to spread the rules over, one flow at a time
     */
    public FlowRules(List<DeviceId> devices) {
        this(devices, 1);
    }

    /**
     * @param devices devices to spread the rules over
     * @param group   consecutive flows that go to the same device
     */
    public FlowRules(List<DeviceId> devices, int group) {
        if (devices.isEmpty() || group < 1) {
            throw new IllegalArgumentException("no devices to install rules on");
        }
        this.devices = List.copyOf(devices);
        this.group = group;
    }

    /** @return the devices rules go to */
    public List<DeviceId> devices() {
        return devices;
    }

    /**
     * @param n flow number
     * @return the device of flow n
     */
    public DeviceId device(int n) {
        return devices.get(Math.floorMod(n / group, devices.size()));
    }

    /**
     * @param n flow number
     * @return its destination, e.g. {@code 11.0.0.7/32}
     */
    public static String prefix(int n) {
        return Ip4Address.valueOf(BASE + n).toString() + "/32";
    }

    /**
     * ONOS flow JSON of flow n, as the body of {@code POST /onos/v1/flows}
     * takes it.
     *
     * @param n          flow number
     * @param withDevice whether to name the device inside the flow
     * @return JSON object
     */
    public ObjectNode json(int n, boolean withDevice) {
        ObjectNode flow = mapper.createObjectNode();
        flow.put("priority", PRIORITY);
        flow.put("isPermanent", true);
        if (withDevice) {
            flow.put("deviceId", device(n).toString());
        }
        flow.putObject("treatment").putArray("instructions").addObject().put("type", "OUTPUT").put("port", "1");
        ArrayNode criteria = flow.putObject("selector").putArray("criteria");
        criteria.addObject().put("type", "ETH_TYPE").put("ethType", "0x800");
        criteria.addObject().put("type", "IPV4_DST").put("ip", prefix(n));
        return flow;
    }

    /**
     * An array of the ONOS flow JSON of flows first..first+count-1.
     *
     * @param first first flow number
     * @param count how many
     * @return JSON array
     */
    public ArrayNode jsonArray(int first, int count) {
        ArrayNode flows = mapper.createArrayNode();
        for (int i = 0; i < count; i++) {
            flows.add(json(first + i, true));
        }
        return flows;
    }

    /**
     * Flow n as an ONOS rule, for FlowRuleService directly.
     *
     * @param n     flow number
     * @param appId owner
     * @return the rule
     */
    public FlowRule rule(int n, ApplicationId appId) {
        return DefaultFlowRule.builder()
                .forDevice(device(n))
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(Ip4Prefix.valueOf(prefix(n))).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .withPriority(PRIORITY)
                .fromApp(appId)
                .makePermanent()
                .build();
    }

    /**
     * Returns the flow number of a rule made here.
     *
     * @param rule any rule
     * @return its flow number, or -1 if it is not a benchmark rule
     */
    public static int flowNumber(FlowRule rule) {
        Criterion c = rule.selector().getCriterion(Criterion.Type.IPV4_DST);
        if (!(c instanceof IPCriterion)) {
            return -1;
        }
        IPCriterion ip = (IPCriterion) c;
        if (ip.ip().prefixLength() != 32 || !ip.ip().isIp4()) {
            return -1;
        }
        int n = ip.ip().address().getIp4Address().toInt() - BASE;
        return n >= 0 && n < MAX_FLOWS ? n : -1;
    }

    /**
     * Flow number from the JSON text of a destination, e.g. {@code 11.0.0.7/32}.
     *
     * @param prefix destination
     * @return flow number or -1
     */
    public static int flowNumber(String prefix) {
        try {
            Ip4Prefix p = Ip4Prefix.valueOf(prefix);
            int n = p.address().toInt() - BASE;
            return p.prefixLength() == 32 && n >= 0 && n < MAX_FLOWS ? n : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
