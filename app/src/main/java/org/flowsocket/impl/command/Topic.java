/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import java.util.Locale;

/**
 * Event topics a session can subscribe to.
 */
public enum Topic {
    /** Devices added, removed, connected, disconnected, ports changed. */
    DEVICES,
    /** Hosts added, moved, updated, removed. */
    HOSTS,
    /** Links added, updated, removed. */
    LINKS,
    /** FlowSocket flow handles changing state, and ONOS rule events. */
    FLOWS,
    /** Traffic of flow handles and links: FLOW_STATS and LINK_STATS, every interval. */
    STATS;

    /**
     * Returns the topic's name in the protocol.
     *
     * @return lower-case name
     */
    public String protocolName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
