/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.api.SessionInfo;

import java.time.Instant;
import java.util.List;

/**
 * Lists the clients connected to FlowSocket on this node, in words or, with
 * {@code -j}, as a JSON array written by FlowSocket's session codec.
 */
@Service
@Command(scope = "onos", name = "flowsocket-sessions",
        description = "Lists FlowSocket sessions: user, address, since, subscriptions, requests, errors")
public class SessionsListCommand extends FlowSocketCommand {

    @Override
    protected void doExecute() throws Exception {
        List<SessionInfo> sessions = get(FlowSocketAdminService.class).sessions();
        if (outputJson()) {
            printJson(jsonArray(sessions, SessionInfo.class));
            return;
        }
        for (SessionInfo s : sessions) {
            print("id=%s, user=%s, role=%s, transport=%s, remote=%s, since=%s, topics=%s, requests=%d, "
                          + "inFlight=%d, errors=%d", s.id(), s.client().user(), s.client().role(),
                  s.client().transport(), s.client().remoteAddress(), Instant.ofEpochMilli(s.openedMillis()),
                  s.topics(), s.requests(), s.inFlight(), s.errors());
        }
    }
}
