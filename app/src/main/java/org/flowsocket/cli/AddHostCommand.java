/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketNodeService;
import org.flowsocket.api.HostNode;
import org.onosproject.cli.net.DeviceIdCompleter;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Host;

/**
 * Adds a host through FlowSocket's host provider, as AddNode does.
 */
@Service
@Command(scope = "onos", name = "flowsocket-add-host",
        description = "Adds a host: MAC, IP addresses and the switch port it is attached to")
public class AddHostCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "mac", description = "MAC address, e.g. 00:00:00:00:00:01", required = true)
    private String mac;

    @Argument(index = 1, name = "ips", description = "IP addresses, comma-separated, e.g. 10.0.0.10,fd00::a",
            required = true)
    private String ips;

    @Argument(index = 2, name = "deviceId", description = "Attachment device, e.g. of:0000000000000001",
            required = true)
    @Completion(DeviceIdCompleter.class)
    private String deviceId;

    @Argument(index = 3, name = "port", description = "Attachment port number", required = true)
    private String port;

    @Option(name = "-v", aliases = "--vlan", description = "VLAN id, 1-4094 (default: none)")
    private String vlan;

    @Option(name = "-n", aliases = "--name", description = "Name, stored as the host's name annotation")
    private String name;

    @Option(name = "-r", aliases = "--replace", description = "Update the host if it exists already")
    private boolean replace;

    @Override
    protected void doExecute() throws Exception {
        Host host;
        try {
            HostNode.Builder node = HostNode.builder(OptionValues.mac("mac", mac))
                    .vlan(OptionValues.vlan("--vlan", vlan))
                    .location(new ConnectPoint(OptionValues.deviceId("deviceId", deviceId),
                                               OptionValues.port("port", port)));
            OptionValues.ips("ips", ips).forEach(node::ip);
            if (name != null) {
                node.annotation("name", name);
            }
            host = get(FlowSocketNodeService.class).addHost(node.build(), replace);
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        if (outputJson()) {
            printJson(jsonForEntity(host, Host.class));
        } else {
            print("Added host %s, ips=%s, locations=%s", host.id(), host.ipAddresses(), host.locations());
        }
    }
}
