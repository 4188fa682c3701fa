/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;

/**
 * A request's reference to one node: {@code hostId}, {@code deviceId}, or
 * (hosts only, where allowed) {@code ip}.
 */
final class NodeRef {

    private final HostId hostId;
    private final DeviceId deviceId;

    private NodeRef(HostId hostId, DeviceId deviceId) {
        this.hostId = hostId;
        this.deviceId = deviceId;
    }

    /**
     * Reads a reference by id.
     *
     * @param request the request
     * @return the reference
     */
    static NodeRef of(RequestFields request) {
        return "hostId".equals(request.exactlyOne("hostId", "hostId", "deviceId"))
                ? new NodeRef(request.hostId("hostId"), null)
                : new NodeRef(null, request.deviceId("deviceId"));
    }

    boolean isHost() {
        return hostId != null;
    }

    HostId hostId() {
        return hostId;
    }

    DeviceId deviceId() {
        return deviceId;
    }
}
