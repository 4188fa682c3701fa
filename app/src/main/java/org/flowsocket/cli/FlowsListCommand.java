/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lists FlowSocket's flow handles and their states.
 */
@Service
@Command(scope = "onos", name = "flowsocket-flows",
        description = "Lists the flows installed through FlowSocket, with their states")
public class FlowsListCommand extends FlowSocketCommand {

    @Option(name = "-s", aliases = "--state", description = "Only flows in this state (e.g. INSTALLED)")
    private String state;

    @Option(name = "-o", aliases = "--owner", description = "Only flows of this user")
    private String owner;

    @Override
    protected void doExecute() throws Exception {
        QosFlowFilter.Builder filter = QosFlowFilter.builder().owner(owner);
        if (state != null) {
            String name = state.toUpperCase(Locale.ROOT);
            if (Arrays.stream(QosFlow.State.values()).noneMatch(s -> s.name().equals(name))) {
                failed(FlowSocketException.invalid("state", "must be one of "
                        + Arrays.toString(QosFlow.State.values()).toLowerCase(Locale.ROOT)));
                return;
            }
            filter.state(QosFlow.State.valueOf(name));
        }
        List<QosFlow> flows = get(QosFlowService.class).getFlows(filter.build());
        if (outputJson()) {
            ArrayNode json = mapper().createArrayNode();
            flows.forEach(flow -> json.add(jsonForEntity(flow, QosFlow.class)));
            printJson(json);
            return;
        }
        flows.forEach(flow -> printFlow(flow, flow.state().name()));
        print("%d flow(s)", flows.size());
    }
}
