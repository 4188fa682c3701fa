/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

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
        var request = request("ListFlows");
        if (state != null) {
            request.put("state", state);
        }
        if (owner != null) {
            request.put("owner", owner);
        }
        JsonNode result = call(request);
        if (result != null) {
            result.path("flows").forEach(this::printFlow);
            print("%d flow(s)", result.path("flows").size());
        }
    }
}
