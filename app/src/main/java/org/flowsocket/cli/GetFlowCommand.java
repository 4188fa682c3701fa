/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;
import org.onosproject.net.flow.FlowRule;

/**
 * Shows one flow and its rules, as GetFlow does.
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
        printFlow(flow, flow.state().name());
        if (!outputJson()) {
            // ONOS's `flows` command prints rule ids in hexadecimal too.
            for (FlowRule rule : flow.rules()) {
                print("    rule id=%s, deviceId=%s, priority=%d", Long.toHexString(rule.id().value()),
                      rule.deviceId(), rule.priority());
            }
        }
    }
}
