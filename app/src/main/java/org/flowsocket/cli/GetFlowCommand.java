/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowTraffic;
import org.flowsocket.api.FlowTrafficService;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.flow.OnosFlowEntries;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;

import java.util.List;

/**
 * Shows one flow and the state of its rules in ONOS, as GetFlow does.
 */
@Service
@Command(scope = "onos", name = "flowsocket-get-flow",
        description = "Shows a FlowSocket flow: state, owner, spec and the rule on each device")
public class GetFlowCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "flowId", description = "Flow handle id, e.g. fs-3", required = true)
    @Completion(FlowIdCompleter.class)
    private String flowId;

    @Override
    protected void doExecute() throws Exception {
        QosFlow flow = get(QosFlowService.class).getFlow(flowId).orElse(null);
        if (flow == null) {
            failed(FlowSocketException.unknownFlow(flowId));
            return;
        }
        FlowRuleService flowRuleService = get(FlowRuleService.class);
        if (outputJson()) {
            // GetFlow's detailed form: the brief one plus each rule's state in ONOS, and the traffic.
            ObjectNode json = jsonForEntity(flow, QosFlow.class);
            for (int i = 0; i < flow.rules().size(); i++) {
                FlowRule rule = flow.rules().get(i);
                QosFlowCodec.addRuleState((ObjectNode) json.path("rules").get(i), rule,
                                          OnosFlowEntries.entryOf(flowRuleService, rule), this);
            }
            ObjectNode traffic = jsonForEntity(get(FlowTrafficService.class).latestTraffic(List.of(flow)).get(0),
                                               FlowTraffic.class);
            traffic.remove("flowId");
            json.set("traffic", traffic);
            printJson(json);
            return;
        }
        printFlow(flow, flow.state().name());
        for (FlowRule rule : flow.rules()) {
            FlowEntry entry = OnosFlowEntries.entryOf(flowRuleService, rule);
            // ONOS's `flows` command prints rule ids in hexadecimal too.
            print("    rule id=%s, deviceId=%s, priority=%d, state=%s", Long.toHexString(rule.id().value()),
                  rule.deviceId(), rule.priority(), entry == null ? "NOT_IN_ONOS" : entry.state());
        }
    }
}
