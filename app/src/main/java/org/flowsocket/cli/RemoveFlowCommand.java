/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;

/**
 * Removes a flow with all its rules and meters.
 */
@Service
@Command(scope = "onos", name = "flowsocket-remove-flow",
        description = "Removes a FlowSocket flow with all its rules and meters")
public class RemoveFlowCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "flowId", description = "Flow handle id, e.g. fs-3", required = true)
    private String flowId;

    @Option(name = "-f", aliases = "--force", description = "Forget the flow even if switches do not confirm")
    private boolean force;

    @Override
    protected void doExecute() throws Exception {
        QosFlow flow = await(get(QosFlowService.class).remove(flowId, force, 0));
        if (flow != null) {
            printFlow(flow, "REMOVED");
        }
    }
}
