/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import java.util.Locale;

/**
 * Named traffic classes after common DiffServ practice (RFC 4594): each
 * gives the DSCP a flow is marked with and the priority of its rules.
 * A request may override either.
 */
public enum TrafficClass {
    /** Telephony: Expedited Forwarding. */
    VOICE(46, "EF", 50000),
    /** Interactive video: Assured Forwarding 41. */
    VIDEO(34, "AF41", 45000),
    /** Low-latency business data: Assured Forwarding 31. */
    CRITICAL(26, "AF31", 40000),
    /** Default forwarding. */
    BEST_EFFORT(0, "DF", 30000),
    /** High-throughput, delay-tolerant data: Assured Forwarding 11. */
    BULK(10, "AF11", 20000);

    private final int dscp;
    private final String phb;
    private final int priority;

    TrafficClass(int dscp, String phb, int priority) {
        this.dscp = dscp;
        this.phb = phb;
        this.priority = priority;
    }

    /**
     * Returns the DSCP value flows of this class are marked with.
     *
     * @return DSCP, 0 to 63
     */
    public int dscp() {
        return dscp;
    }

    /**
     * Returns the per-hop behaviour name, e.g. EF.
     *
     * @return PHB name
     */
    public String phb() {
        return phb;
    }

    /**
     * Returns the default flow rule priority of this class.
     *
     * @return priority
     */
    public int priority() {
        return priority;
    }

    /**
     * Returns the name clients use, e.g. {@code best-effort}.
     *
     * @return protocol name
     */
    public String protocolName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
