/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.flow.FlowRule;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What ONOS's own FlowRule JSON codec costs per rule, measured in the
 * sandbox's JVM on the benchmark's rules: the decoding that FlowSocket
 * (InstallFlow's {@code flows}) and ONOS's REST API (POST /onos/v1/flows)
 * both run for every rule, and the in-process row does not.
 */
final class CodecCost {

    private CodecCost() {
    }

    static double microsPerRule(Target target, FlowRules rules) {
        CodecContext context = CodecContexts.over(target.service(CodecService.class), target::service);
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
