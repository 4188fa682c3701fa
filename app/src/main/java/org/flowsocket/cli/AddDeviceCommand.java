/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketNodeService;
import org.flowsocket.impl.codec.DeviceNodeCodec;
import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.net.DeviceId;

/**
 * Provisions a device in ONOS's network configuration, as AddNode does with
 * {@code kind: device}; the options are read by the protocol's own decoder,
 * so they mean and check exactly what the request's fields do.
 */
@Service
@Command(scope = "onos", name = "flowsocket-add-device",
        description = "Provisions a device in ONOS's network configuration, by id or by protocol and address")
public class AddDeviceCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "deviceId",
            description = "Device id, e.g. of:0000000000000004; or give --protocol with --ip or --dpid")
    private String deviceId;

    @Option(name = "--protocol", description = "netconf, rest or snmp (with --ip), or openflow (with --dpid)")
    @Completion(DeviceProtocolCompleter.class)
    private String protocol;

    @Option(name = "--ip", description = "Management IP address, for netconf, rest and snmp")
    private String ip;

    @Option(name = "--port", description = "Management port (default: 830, 443, 161)")
    private Integer port;

    @Option(name = "--dpid", description = "OpenFlow datapath id in hex, colons allowed")
    private String dpid;

    @Option(name = "--username", description = "User name written to the protocol's configuration")
    private String username;

    @Option(name = "--password", description = "Password written to the protocol's configuration")
    private String password;

    @Option(name = "-t", aliases = "--type", description = "ONOS device type: switch, router, roadm, ...")
    @Completion(DeviceTypeCompleter.class)
    private String type;

    @Option(name = "-n", aliases = "--name", description = "Name")
    private String name;

    @Option(name = "--driver", description = "ONOS driver, e.g. ovs")
    private String driver;

    @Option(name = "--management-address", description = "Management address ONOS's providers connect to")
    private String managementAddress;

    @Option(name = "-r", aliases = "--replace", description = "Update the configuration if the device is known")
    private boolean replace;

    @Override
    protected void doExecute() throws Exception {
        DeviceId provisioned;
        RequestFields request = request();
        try {
            provisioned = get(FlowSocketNodeService.class).provisionDevice(DeviceNodeCodec.decode(request),
                                                                           replace);
        } catch (FlowSocketException e) {
            failed(DeviceNodeCodec.asRequestField(e, request));
            return;
        }
        if (outputJson()) {
            printJson(deviceJson(provisioned));
        } else {
            print("Provisioned device %s", provisioned);
        }
    }

    // The AddNode request these options stand for.
    private RequestFields request() {
        ObjectNode json = mapper().createObjectNode();
        putText(json, "deviceId", deviceId);
        putText(json, "protocol", protocol);
        putText(json, "ip", ip);
        if (port != null) {
            json.put("port", port);
        }
        putText(json, "dpid", dpid);
        putText(json, "username", username);
        putText(json, "password", password);
        putText(json, "deviceType", type);
        putText(json, "name", name);
        putText(json, "driver", driver);
        putText(json, "managementAddress", managementAddress);
        return RequestFields.of(json);
    }

    private static void putText(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
