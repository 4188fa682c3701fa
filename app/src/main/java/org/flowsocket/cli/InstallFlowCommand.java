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
 * Installs a network QoS flow between two hosts' IP addresses.
 */
@Service
@Command(scope = "onos", name = "flowsocket-install-flow",
        description = "Installs a QoS flow between two hosts on every hop of the path and waits for the switches")
public class InstallFlowCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "src", description = "Source IP address", required = true)
    private String src;

    @Argument(index = 1, name = "dst", description = "Destination IP address", required = true)
    private String dst;

    @Option(name = "-c", aliases = "--class",
            description = "Traffic class: voice, video, critical, best-effort, bulk")
    private String trafficClass;

    @Option(name = "-p", aliases = "--protocol", description = "tcp, udp, icmp or sctp")
    private String protocol;

    @Option(name = "--dst-port", description = "Destination transport port")
    private Integer dstPort;

    @Option(name = "--priority", description = "Rule priority (default: the class's)")
    private Integer priority;

    @Option(name = "--dscp", description = "DSCP to mark (default: the class's)")
    private Integer dscp;

    @Option(name = "--queue", description = "Egress queue id")
    private Long queue;

    @Option(name = "--meter-kbps", description = "Rate limit in kb/s")
    private Long meterKbps;

    @Option(name = "-b", aliases = "--bidirectional", description = "Install the reverse direction too")
    private boolean bidirectional;

    @Override
    protected void doExecute() throws Exception {
        ObjectNode request = request("InstallFlow");
        ObjectNode network = request.putObject("network");
        network.put("src", src).put("dst", dst).put("bidirectional", bidirectional);
        putIfSet(network, "class", trafficClass);
        putIfSet(network, "protocol", protocol);
        putIfSet(network, "dstPort", dstPort);
        putIfSet(network, "priority", priority);
        ObjectNode qos = json.createObjectNode();
        putIfSet(qos, "dscp", dscp);
        putIfSet(qos, "queue", queue);
        putIfSet(qos, "meterKbps", meterKbps);
        if (qos.size() > 0) {
            network.set("qos", qos);
        }
        JsonNode flow = call(request);
        if (flow != null) {
            printFlow(flow);
        }
    }

    private static void putIfSet(ObjectNode node, String name, Object value) {
        if (value instanceof String) {
            node.put(name, (String) value);
        } else if (value instanceof Number) {
            node.put(name, ((Number) value).longValue());
        }
    }
}
