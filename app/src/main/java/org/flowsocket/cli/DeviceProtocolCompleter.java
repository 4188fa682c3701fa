/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.DeviceNode;

/**
 * Completes the protocols a provisioned device is reached by: netconf, rest,
 * snmp, openflow.
 */
@Service
public class DeviceProtocolCompleter extends EnumNameCompleter<DeviceNode.Protocol> {

    /** Creates the completer. */
    public DeviceProtocolCompleter() {
        super(DeviceNode.Protocol.class);
    }
}
