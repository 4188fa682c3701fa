/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;
import org.onosproject.cli.net.DeviceIdCompleter;

import java.util.List;

/**
 * Lists FlowSocket's flow handles and their states, as ListFlows does.
 */
@Service
@Command(scope = "onos", name = "flowsocket-flows",
        description = "Lists the flows installed through FlowSocket, with their states")
public class FlowsListCommand extends FlowSocketCommand {

    @Option(name = "-s", aliases = "--state",
            description = "Only flows in this state: pending, installed, degraded, failed, removing")
    @Completion(FlowStateCompleter.class)
    private String state;

    @Option(name = "-o", aliases = "--owner", description = "Only flows of this user")
    private String owner;

    @Option(name = "-d", aliases = "--device", description = "Only flows with a rule on this device")
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Override
    protected void doExecute() throws Exception {
        QosFlowFilter filter;
        try {
            filter = QosFlowFilter.builder().owner(owner)
                    .state(OptionValues.named("--state", state, QosFlow.State.class).orElse(null))
                    .deviceId(device == null ? null : OptionValues.deviceId("--device", device)).build();
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        List<QosFlow> flows = get(QosFlowService.class).getFlows(filter);
        if (outputJson()) {
            printJson(jsonArray(flows, QosFlow.class));
            return;
        }
        flows.forEach(flow -> printFlow(flow, flow.state().name()));
        print("%d flow(s)", flows.size());
    }
}
