/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketNodeService;
import org.flowsocket.api.HostNode;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.PortNumber;

/**
 * Adds a host through FlowSocket's host provider.
 */
@Service
@Command(scope = "onos", name = "flowsocket-add-host",
        description = "Adds a host: MAC, IP and the switch port it is attached to")
public class AddHostCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "mac", description = "MAC address, e.g. 00:00:00:00:00:01", required = true)
    private String mac;

    @Argument(index = 1, name = "ip", description = "IP address", required = true)
    private String ip;

    @Argument(index = 2, name = "deviceId", description = "Attachment device, e.g. of:0000000000000001",
            required = true)
    private String deviceId;

    @Argument(index = 3, name = "port", description = "Attachment port number", required = true)
    private String port;

    @Option(name = "-v", aliases = "--vlan", description = "VLAN id (default: none)")
    private String vlan;

    @Override
    protected void doExecute() throws Exception {
        Host host;
        try {
            HostNode node = HostNode.builder(MacAddress.valueOf(mac))
                    .vlan(vlan == null ? VlanId.NONE : VlanId.vlanId(vlan)).ip(IpAddress.valueOf(ip))
                    .location(new ConnectPoint(DeviceId.deviceId(deviceId), PortNumber.fromString(port))).build();
            host = get(FlowSocketNodeService.class).addHost(node, false);
        } catch (FlowSocketException e) {
            failed(e);
            return;
        } catch (IllegalArgumentException e) {
            failed(FlowSocketException.invalid("arguments", e.getMessage()));
            return;
        }
        if (outputJson()) {
            printJson(jsonForEntity(host, Host.class));
        } else {
            print("Added host %s at %s", host.id(), host.locations());
        }
    }
}
