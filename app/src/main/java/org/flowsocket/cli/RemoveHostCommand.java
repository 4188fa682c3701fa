/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketNodeService;
import org.onosproject.cli.net.HostIdCompleter;
import org.onosproject.net.Host;

/**
 * Removes a host, as RemoveNode does with {@code hostId}.
 */
@Service
@Command(scope = "onos", name = "flowsocket-remove-host",
        description = "Removes a host from ONOS")
public class RemoveHostCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "hostId", description = "Host id, e.g. 00:00:00:00:00:0A/None", required = true)
    @Completion(HostIdCompleter.class)
    private String hostId;

    @Override
    protected void doExecute() throws Exception {
        Host host;
        try {
            host = get(FlowSocketNodeService.class).removeHost(OptionValues.hostId("hostId", hostId));
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        if (outputJson()) {
            printJson(jsonForEntity(host, Host.class));
        } else {
            print("Removed host %s, ips=%s, locations=%s", host.id(), host.ipAddresses(), host.locations());
        }
    }
}
