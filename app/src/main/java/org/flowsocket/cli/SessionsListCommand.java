/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.api.SessionInfo;
import org.onosproject.cli.AbstractShellCommand;

import java.time.Instant;
import java.util.List;

/**
 * Lists the clients connected to FlowSocket on this node, in words or, with
 * {@code -j}, as JSON.
 */
@Service
@Command(scope = "onos", name = "flowsocket-sessions",
        description = "Lists FlowSocket sessions: user, address, since, subscriptions, requests, errors")
public class SessionsListCommand extends AbstractShellCommand {

    @Override
    protected void doExecute() throws Exception {
        List<SessionInfo> sessions = get(FlowSocketAdminService.class).sessions();
        if (outputJson()) {
            ObjectMapper mapper = new ObjectMapper();
            print("%s", mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json(mapper, sessions)));
            return;
        }
        for (SessionInfo s : sessions) {
            print("id=%s, user=%s, role=%s, transport=%s, remote=%s, since=%s, topics=%s, requests=%d, "
                          + "inFlight=%d, errors=%d", s.id(), s.client().user(), s.client().role(),
                  s.client().transport(), s.client().remoteAddress(), Instant.ofEpochMilli(s.openedMillis()),
                  s.topics(), s.requests(), s.inFlight(), s.errors());
        }
    }

    /**
     * Renders sessions as the {@code -j} output: one object per session with
     * the fields the text output names.
     *
     * @param mapper   JSON mapper
     * @param sessions the sessions
     * @return JSON array
     */
    static ArrayNode json(ObjectMapper mapper, List<SessionInfo> sessions) {
        ArrayNode array = mapper.createArrayNode();
        for (SessionInfo s : sessions) {
            ObjectNode o = array.addObject();
            o.put("id", s.id());
            o.put("user", s.client().user());
            o.put("role", s.client().role().name().toLowerCase());
            o.put("transport", s.client().transport());
            o.put("remote", s.client().remoteAddress());
            o.put("since", s.openedMillis());
            s.topics().forEach(o.putArray("topics")::add);
            o.put("requests", s.requests());
            o.put("inFlight", s.inFlight());
            o.put("errors", s.errors());
        }
        return array;
    }
}
