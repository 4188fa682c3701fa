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
import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.TrafficClass;
import org.onlab.packet.IpAddress;
import org.onlab.packet.TpPort;

import java.util.Arrays;
import java.util.Locale;

/**
 * Installs a network QoS flow between two hosts and waits for the switches.
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
        NetworkFlowSpec spec;
        try {
            spec = spec();
        } catch (FlowSocketException | IllegalArgumentException e) {
            failed(e instanceof FlowSocketException ? e : FlowSocketException.invalid("arguments", e.getMessage()));
            return;
        }
        QosFlow flow = await(get(QosFlowService.class).install(
                QosFlowRequest.builder().network(spec).owner(shellUser()).build()));
        if (flow != null) {
            printFlow(flow, flow.state().name());
        }
    }

    private NetworkFlowSpec spec() {
        NetworkFlowSpec.Builder spec = NetworkFlowSpec.builder(IpAddress.valueOf(src), IpAddress.valueOf(dst))
                .bidirectional(bidirectional).queue(queue).meter(meterKbps, null);
        if (trafficClass != null) {
            spec.trafficClass(named(TrafficClass.class, "class", trafficClass));
        }
        if (protocol != null) {
            spec.protocol(named(IpProto.class, "protocol", protocol));
        }
        if (dstPort != null) {
            spec.dstPort(TpPort.tpPort(dstPort));
        }
        if (priority != null) {
            spec.priority(priority);
        }
        if (dscp != null) {
            spec.dscp(dscp);
        }
        return spec.build();
    }

    // Names as the protocol takes them: voice, best-effort, udp...
    private static <E extends Enum<E>> E named(Class<E> type, String field, String name) {
        String constant = name.toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(constant)).findFirst()
                .orElseThrow(() -> FlowSocketException.invalid(field, "must be one of "
                        + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT).replace('_', '-')));
    }
}
