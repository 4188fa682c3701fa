/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.SessionInfo;
import org.onosproject.cli.AbstractShellCommand;

import java.time.Instant;

/**
 * Lists the clients connected to FlowSocket on this node.
 */
@Service
@Command(scope = "onos", name = "flowsocket-sessions",
        description = "Lists FlowSocket sessions: user, address, since, subscriptions, requests, errors")
public class SessionsListCommand extends AbstractShellCommand {

    @Override
    protected void doExecute() {
        for (SessionInfo s : get(FlowSocketService.class).sessions()) {
            print("id=%s, user=%s, role=%s, transport=%s, remote=%s, since=%s, topics=%s, requests=%d, "
                          + "inFlight=%d, errors=%d", s.id(), s.client().user(), s.client().role(),
                  s.client().transport(), s.client().remoteAddress(), Instant.ofEpochMilli(s.openedMillis()),
                  s.topics(), s.requests(), s.inFlight(), s.errors());
        }
    }
}
