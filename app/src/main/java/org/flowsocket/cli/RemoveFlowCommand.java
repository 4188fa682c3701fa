/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;

import java.util.concurrent.CompletableFuture;

/**
 * Removes a flow with all its rules and meters, as RemoveFlow does.
 */
@Service
@Command(scope = "onos", name = "flowsocket-remove-flow",
        description = "Removes a FlowSocket flow with all its rules and meters")
public class RemoveFlowCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "flowId", description = "Flow handle id, e.g. fs-3", required = true)
    @Completion(FlowIdCompleter.class)
    private String flowId;

    @Option(name = "-f", aliases = "--force", description = "Forget the flow even if switches do not confirm")
    private boolean force;

    @Option(name = "--timeout-ms", description = "How long the switches may take to confirm, 100-120000 ms "
            + "(default: the server's confirmTimeoutMs)")
    private long timeoutMillis;

    @Option(name = "--no-confirm", description = "Return at once with state REMOVING, without waiting for the "
            + "switches")
    private boolean noConfirm;

    @Override
    protected void doExecute() throws Exception {
        long wait;
        try {
            wait = OptionValues.timeoutMillis("--timeout-ms", timeoutMillis);
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        QosFlowService flows = get(QosFlowService.class);
        QosFlow before = flows.getFlow(flowId).orElse(null);
        if (before == null) {
            failed(FlowSocketException.unknownFlow(flowId));
            return;
        }
        CompletableFuture<QosFlow> removal = flows.remove(flowId, force, wait);
        // As RemoveFlow with confirm false: a removal refused at once (e.g. under way already) is still told.
        if (noConfirm && !removal.isCompletedExceptionally()) {
            printFlow(before, "REMOVING");
            return;
        }
        QosFlow flow = await(removal);
        if (flow != null) {
            printFlow(flow, "REMOVED");
        }
    }
}
