/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.codec.FlowSocketCodecContext;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;
import org.onosproject.core.CoreService;
import org.onosproject.net.flow.FlowRule;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * What ONOS's own FlowRule JSON codec costs per rule, measured in the
 * sandbox's JVM on the benchmark's rules: the decoding that FlowSocket
 * (InstallFlow's {@code flows}) and ONOS's REST API (POST /onos/v1/flows)
 * both run for every rule, and the in-process row does not. FlowSocket runs
 * it through its own codec context, which reads each distinct match
 * criterion once; both are measured.
 */
final class CodecCost {

    private CodecCost() {
    }

    /**
     * Measures ONOS's codec as ONOS's REST API runs it.
     *
     * @param target the sandbox
     * @param rules  the benchmark's rules
     * @return CPU microseconds per rule on this thread
     */
    static double onosMicrosPerRule(Target target, FlowRules rules) {
        return microsPerRule(CodecContexts.over(target.service(CodecService.class), target::service), rules);
    }

    /**
     * Measures ONOS's codec as FlowSocket runs it: through its codec
     * context, which reads each distinct match criterion once.
     *
     * @param target the sandbox
     * @param rules  the benchmark's rules
     * @return CPU microseconds per rule on this thread
     */
    static double flowSocketMicrosPerRule(Target target, FlowRules rules) {
        return microsPerRule(new FlowSocketCodecContext(new ObjectMapper(), target.service(CodecService.class),
                Map.of(CoreService.class, target.service(CoreService.class))), rules);
    }

    private static double microsPerRule(CodecContext context, FlowRules rules) {
        JsonCodec<FlowRule> codec = context.codec(FlowRule.class);
        int n = 20_000;
        ObjectNode[] flows = new ObjectNode[n];
        for (int i = 0; i < n; i++) {
            flows[i] = rules.json(FlowRules.MAX_FLOWS - n + i, true);
            flows[i].put("appId", Target.FLOWSOCKET_APP);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            codec.decode(flows[i], context); // warm up
        }
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            codec.decode(flows[i], context);
        }
        return (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
    }
}
