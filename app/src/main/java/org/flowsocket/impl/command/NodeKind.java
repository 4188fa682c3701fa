/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.protocol.RequestFields;

/**
 * The kinds of node the node commands handle.
 */
public enum NodeKind {
    HOST, DEVICE;

    /**
     * Reads the required {@code kind} field.
     *
     * @param request the request
     * @return the kind
     */
    static NodeKind of(RequestFields request) {
        return request.optEnum("kind", NodeKind.class)
                .orElseThrow(() -> FlowSocketException.missing(request.path("kind")));
    }
}
