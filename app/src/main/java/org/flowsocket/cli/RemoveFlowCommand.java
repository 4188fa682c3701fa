/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Removes a FlowSocket flow and every rule it created.
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
        ObjectNode request = request("RemoveFlow");
        request.put("flowId", flowId).put("force", force);
        JsonNode flow = call(request);
        if (flow != null) {
            printFlow(flow);
        }
    }
}
