/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.flow.RouteFinder;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.topology.PathService;

import java.util.regex.Pattern;

/**
 * Shows one host or device as GetNode does, named by host id, device id or
 * one of the host's IP addresses.
 */
@Service
@Command(scope = "onos", name = "flowsocket-get-node",
        description = "Shows a host or device: its state and ONOS's description of it")
public class GetNodeCommand extends FlowSocketCommand {

    /** A host id: MAC address, slash, VLAN (ONOS's HostId.toString). */
    private static final Pattern HOST_ID = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}/.*");

    @Argument(index = 0, name = "nodeId", required = true,
            description = "Host id (00:00:00:00:00:0A/None), device id (of:0000000000000001), "
                    + "or an IP address of a host")
    @Completion(NodeIdCompleter.class)
    private String nodeId;

    @Override
    protected void doExecute() throws Exception {
        ObjectNode node;
        try {
            node = node();
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        if (outputJson()) {
            printJson(node);
        } else {
            printNode(node);
        }
    }

    private ObjectNode node() {
        HostService hosts = get(HostService.class);
        org.flowsocket.impl.command.GetNodeCommand getNode = new org.flowsocket.impl.command.GetNodeCommand(
                hosts, get(DeviceService.class), get(NetworkConfigService.class),
                new RouteFinder(hosts, get(PathService.class)), nodeJson());
        if (InetAddresses.isInetAddress(nodeId)) {
            return getNode.hostWithIp(OptionValues.ip("nodeId", nodeId), "nodeId");
        }
        if (HOST_ID.matcher(nodeId).matches()) {
            return getNode.host(OptionValues.hostId("nodeId", nodeId));
        }
        return getNode.device(OptionValues.deviceId("nodeId", nodeId));
    }
}
