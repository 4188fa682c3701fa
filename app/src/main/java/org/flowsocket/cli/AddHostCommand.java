/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

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
        ObjectNode request = request("AddNode");
        request.put("kind", "host").put("mac", mac);
        request.putArray("ips").add(ip);
        request.putObject("location").put("deviceId", deviceId).put("port", port);
        if (vlan != null) {
            request.put("vlan", vlan);
        }
        JsonNode host = call(request);
        if (host != null) {
            print("Added host %s (%s) at %s", host.path("id").asText(), host.path("state").asText(),
                  host.path("locations"));
        }
    }
}
