/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

/**
 * What a client may do, mapped from ONOS's Karaf roles.
 */
public enum Role {
    /** May read the network and subscribe to events. */
    VIEWER,
    /** May also change the network: add and remove nodes and flows. */
    ADMIN;

    /**
     * Tells whether this role may run commands that change the network.
     *
     * @return true for roles allowed to mutate
     */
    public boolean mayModify() {
        return this == ADMIN;
    }
}
