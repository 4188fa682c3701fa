/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketNodeService;
import org.onosproject.cli.net.DeviceIdCompleter;
import org.onosproject.net.DeviceId;

/**
 * Removes a device and its configuration, as RemoveNode does with
 * {@code deviceId}.
 */
@Service
@Command(scope = "onos", name = "flowsocket-remove-device",
        description = "Removes a device's configuration and, if ONOS has it, the device")
public class RemoveDeviceCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "deviceId", description = "Device id, e.g. of:0000000000000004", required = true)
    @Completion(DeviceIdCompleter.class)
    private String deviceId;

    @Override
    protected void doExecute() throws Exception {
        ObjectNode removed;
        try {
            DeviceId id = OptionValues.deviceId("deviceId", deviceId);
            removed = deviceJson(id);
            get(FlowSocketNodeService.class).removeDevice(id);
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        if (outputJson()) {
            printJson(removed);
        } else {
            print("Removed device %s", deviceId);
        }
    }
}
