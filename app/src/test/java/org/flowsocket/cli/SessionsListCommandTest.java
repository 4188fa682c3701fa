/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.Role;
import org.flowsocket.api.SessionInfo;
import org.junit.Test;

import java.util.List;
import java.util.Set;

import static org.junit.Assert.assertEquals;

/**
 * {@code flowsocket-sessions -j} prints every session as JSON.
 */
public class SessionsListCommandTest {

    @Test
    public void jsonHoldsEveryFieldOfTheTextOutput() {
        ClientIdentity client = ClientIdentity.builder().user("viewer").role(Role.VIEWER)
                .remoteAddress("10.1.2.3:50000").transport("websocket").build();
        SessionInfo session = new SessionInfo("3f2a9c1e", client, 1795640000000L, Set.of("hosts", "devices"),
                                              7, 2, 1);
        JsonNode json = SessionsListCommand.json(new ObjectMapper(), List.of(session));
        assertEquals(1, json.size());
        JsonNode s = json.get(0);
        assertEquals("3f2a9c1e", s.path("id").asText());
        assertEquals("viewer", s.path("user").asText());
        assertEquals("viewer", s.path("role").asText());
        assertEquals("websocket", s.path("transport").asText());
        assertEquals("10.1.2.3:50000", s.path("remote").asText());
        assertEquals(1795640000000L, s.path("since").asLong());
        assertEquals("[\"devices\",\"hosts\"]", s.path("topics").toString());
        assertEquals(7, s.path("requests").asLong());
        assertEquals(1, s.path("inFlight").asInt());
        assertEquals(2, s.path("errors").asLong());
    }
}
