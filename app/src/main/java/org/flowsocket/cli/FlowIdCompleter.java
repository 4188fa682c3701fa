/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;

import java.util.List;

/**
 * Completes the ids of FlowSocket's flows, cluster-wide, as ONOS's
 * DeviceIdCompleter completes device ids.
 */
@Service
public class FlowIdCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (QosFlow flow : FlowSocketCommand.get(QosFlowService.class).getFlows(QosFlowFilter.ALL)) {
            delegate.getStrings().add(flow.id());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
