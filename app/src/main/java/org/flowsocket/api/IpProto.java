/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

/**
 * Transport protocols a network flow can match by name.
 */
public enum IpProto {
    TCP(6, true), UDP(17, true), ICMP(1, false), SCTP(132, true);

    private final short number;
    private final boolean hasPorts;

    IpProto(int number, boolean hasPorts) {
        this.number = (short) number;
        this.hasPorts = hasPorts;
    }

    /**
     * Returns the IP protocol number.
     *
     * @return protocol number
     */
    public short number() {
        return number;
    }

    /**
     * Tells whether the protocol carries ports that rules can match.
     *
     * @return true for TCP, UDP and SCTP
     */
    public boolean hasPorts() {
        return hasPorts;
    }
}
