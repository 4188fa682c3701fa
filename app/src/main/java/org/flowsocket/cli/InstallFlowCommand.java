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
import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.TrafficClass;
import org.onlab.packet.TpPort;

/**
 * Installs a network QoS flow between two hosts and waits for the switches:
 * what InstallFlow does with {@code network}, option for option.
 */
@Service
@Command(scope = "onos", name = "flowsocket-install-flow",
        description = "Installs a QoS flow between two hosts on every hop of the path and waits for the switches")
public class InstallFlowCommand extends FlowSocketCommand {

    @Argument(index = 0, name = "src", description = "Source IP address (of a known host)", required = true)
    private String src;

    @Argument(index = 1, name = "dst", description = "Destination IP address (of a known host)", required = true)
    private String dst;

    @Option(name = "-c", aliases = "--class",
            description = "Traffic class: voice, video, critical, best-effort (default), bulk")
    @Completion(TrafficClassCompleter.class)
    private String trafficClass;

    @Option(name = "-p", aliases = "--protocol", description = "tcp, udp, icmp or sctp")
    @Completion(IpProtoCompleter.class)
    private String protocol;

    @Option(name = "--src-port", description = "Source transport port, 1-65535 (needs tcp, udp or sctp)")
    private Integer srcPort;

    @Option(name = "--dst-port", description = "Destination transport port, 1-65535 (needs tcp, udp or sctp)")
    private Integer dstPort;

    @Option(name = "--priority", description = "Rule priority, 1-65535 (default: the class's)")
    private Integer priority;

    @Option(name = "--dscp", description = "DSCP to mark, 0-63 (default: the class's)")
    private Integer dscp;

    @Option(name = "--queue", description = "Egress queue id")
    private Long queue;

    @Option(name = "--meter-kbps", description = "Rate limit in kb/s (a drop-band meter per device)")
    private Long meterKbps;

    @Option(name = "--meter-burst-kb", description = "Burst of the meter in kb (needs --meter-kbps)")
    private Long meterBurstKb;

    @Option(name = "--bandwidth-kbps", description = "Bandwidth in kb/s to reserve on every link of the path; "
            + "refused with NO_CAPACITY if no path has it free")
    private Long bandwidthKbps;

    @Option(name = "--police", description = "Police the reserved rate with one drop-band meter on the ingress "
            + "switch of each direction (needs --bandwidth-kbps, excludes --meter-kbps; "
            + "--meter-burst-kb sets its burst)")
    private boolean police;

    @Option(name = "-b", aliases = "--bidirectional", description = "Install the reverse direction too")
    private boolean bidirectional;

    @Option(name = "--timeout", description = "Idle timeout of the rules in seconds, 0-65535 (default 0: permanent)")
    private int idleTimeout;

    @Option(name = "--no-reroute", description = "Keep the flow on its path when the path fails or a host moves, "
            + "instead of moving it (reroute false)")
    private boolean noReroute;

    @Option(name = "--timeout-ms", description = "How long the switches may take to confirm, 100-120000 ms "
            + "(default: the server's confirmTimeoutMs)")
    private long timeoutMillis;

    @Option(name = "--no-confirm", description = "Return at submission with state PENDING, without waiting")
    private boolean noConfirm;

    @Override
    protected void doExecute() throws Exception {
        QosFlowRequest request;
        try {
            request = QosFlowRequest.builder().network(spec()).owner(shellUser()).confirm(!noConfirm)
                    .timeoutMillis(OptionValues.timeoutMillis("--timeout-ms", timeoutMillis)).build();
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        QosFlow flow = await(get(QosFlowService.class).install(request));
        if (flow != null) {
            printFlow(flow, flow.state().name());
        }
    }

    private NetworkFlowSpec spec() {
        NetworkFlowSpec.Builder spec = NetworkFlowSpec.builder(OptionValues.ip("src", src),
                                                               OptionValues.ip("dst", dst))
                .bidirectional(bidirectional).queue(queue).meter(meterKbps, meterBurstKb)
                .bandwidthKbps(bandwidthKbps).police(police).timeoutSeconds(idleTimeout).reroute(!noReroute);
        OptionValues.named("--class", trafficClass, TrafficClass.class).ifPresent(spec::trafficClass);
        OptionValues.named("--protocol", protocol, IpProto.class).ifPresent(spec::protocol);
        if (srcPort != null) {
            spec.srcPort(transportPort("--src-port", srcPort));
        }
        if (dstPort != null) {
            spec.dstPort(transportPort("--dst-port", dstPort));
        }
        if (priority != null) {
            spec.priority(priority);
        }
        if (dscp != null) {
            spec.dscp(dscp);
        }
        return spec.build();
    }

    // TpPort.tpPort throws a bare IllegalArgumentException out of range.
    private static TpPort transportPort(String option, int port) {
        if (port < 1 || port > TpPort.MAX_PORT) {
            throw FlowSocketException.invalid(option, "must be from 1 to " + TpPort.MAX_PORT + ", not " + port);
        }
        return TpPort.tpPort(port);
    }
}
