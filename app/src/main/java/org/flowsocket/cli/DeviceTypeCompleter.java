/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosproject.net.Device;

/**
 * Completes ONOS's device types: switch, router, roadm, ...
 */
@Service
public class DeviceTypeCompleter extends EnumNameCompleter<Device.Type> {

    /** Creates the completer. */
    public DeviceTypeCompleter() {
        super(Device.Type.class);
    }
}
