/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.SessionInfo;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.Locale;

/**
 * JSON of a FlowSocket session, registered with ONOS's CodecService so that
 * the shell's {@code flowsocket-sessions -j} (and any ONOS component) writes
 * sessions the same way.
 */
public final class SessionInfoCodec extends JsonCodec<SessionInfo> {

    @Override
    public ObjectNode encode(SessionInfo s, CodecContext context) {
        ObjectNode json = context.mapper().createObjectNode();
        json.put("id", s.id());
        json.put("user", s.client().user());
        json.put("role", s.client().role().name().toLowerCase(Locale.ROOT));
        json.put("transport", s.client().transport());
        json.put("remote", s.client().remoteAddress());
        json.put("since", s.openedMillis());
        s.topics().forEach(json.putArray("topics")::add);
        json.put("requests", s.requests());
        json.put("inFlight", s.inFlight());
        json.put("errors", s.errors());
        return json;
    }
}
