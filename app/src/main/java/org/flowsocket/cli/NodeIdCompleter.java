/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.flowsocket.impl.command.ListNodesCommand;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.HostService;

import java.util.List;

/**
 * Completes the ids of the nodes ListNodes lists: every host, and every
 * device ONOS has or that is only provisioned (which ONOS's own
 * DeviceIdCompleter does not offer).
 */
@Service
public class NodeIdCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (Host host : FlowSocketCommand.get(HostService.class).getHosts()) {
            delegate.getStrings().add(host.id().toString());
        }
        for (DeviceId id : ListNodesCommand.deviceIds(FlowSocketCommand.get(DeviceService.class),
                                                      FlowSocketCommand.get(NetworkConfigService.class))) {
            delegate.getStrings().add(id.toString());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
