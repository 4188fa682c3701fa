/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.IpProto;

/**
 * Completes the IP protocols a network flow matches: tcp, udp, icmp, sctp.
 */
@Service
public class IpProtoCompleter extends EnumNameCompleter<IpProto> {

    /** Creates the completer. */
    public IpProtoCompleter() {
        super(IpProto.class);
    }
}
