/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.command.ListNodesCommand;
import org.flowsocket.impl.command.NodeKind;
import org.onosproject.cli.net.DeviceIdCompleter;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.HostService;

/**
 * Lists hosts and devices as ListNodes does, with the same filters: hosts
 * first, then devices (connected or only provisioned), each as the protocol
 * renders a node.
 */
@Service
@Command(scope = "onos", name = "flowsocket-nodes",
        description = "Lists hosts and devices, connected or only provisioned, optionally of one kind "
                + "or the hosts attached to one device")
public class NodesListCommand extends FlowSocketCommand {

    @Option(name = "-k", aliases = "--kind", description = "Only nodes of this kind: host, device")
    @Completion(NodeKindCompleter.class)
    private String kind;

    @Option(name = "-d", aliases = "--device", description = "Only the hosts attached to this device")
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Override
    protected void doExecute() throws Exception {
        ObjectNode listed;
        try {
            DeviceId attachedTo = device == null ? null : OptionValues.deviceId("--device", device);
            // The console lists every node, as ONOS's hosts and devices commands do: no limit.
            listed = new ListNodesCommand(get(HostService.class), get(DeviceService.class),
                                          get(NetworkConfigService.class), nodeJson(), mapper())
                    .list(OptionValues.named("--kind", kind, NodeKind.class).orElse(null), attachedTo, "--device",
                          Integer.MAX_VALUE);
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        ArrayNode nodes = mapper().createArrayNode();
        listed.path("hosts").forEach(nodes::add);
        listed.path("devices").forEach(nodes::add);
        if (outputJson()) {
            printJson(nodes);
            return;
        }
        for (JsonNode node : nodes) {
            printNode(node);
        }
        print("%d node(s)", nodes.size());
    }
}
