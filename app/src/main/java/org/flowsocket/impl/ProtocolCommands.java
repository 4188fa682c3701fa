/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import org.flowsocket.impl.codec.FlowSocketCodecContext;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.command.AddNodeCommand;
import org.flowsocket.impl.command.BatchCommand;
import org.flowsocket.impl.command.Command;
import org.flowsocket.impl.command.GetFlowCommand;
import org.flowsocket.impl.command.GetNodeCommand;
import org.flowsocket.impl.command.HelloCommand;
import org.flowsocket.impl.command.InstallFlowCommand;
import org.flowsocket.impl.command.ListFlowsCommand;
import org.flowsocket.impl.command.ListLinksCommand;
import org.flowsocket.impl.command.ListNodesCommand;
import org.flowsocket.impl.command.RemoveFlowCommand;
import org.flowsocket.impl.command.RemoveNodeCommand;
import org.flowsocket.impl.command.SubscriptionCommand;
import org.flowsocket.impl.flow.RouteFinder;
import org.flowsocket.impl.node.DeviceNodes;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.stats.TrafficStatistics;
import org.onlab.osgi.ServiceDirectory;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;

import java.util.List;

/**
 * The protocol's commands, one handler each: the one list a new command
 * joins. Each handler reads its request, calls FlowSocket's typed services
 * and renders the result with the codecs.
 */
final class ProtocolCommands {

    private ProtocolCommands() {
    }

    /**
     * Builds the handlers and the dispatcher that runs them.
     *
     * @param onos       ONOS's services
     * @param core       FlowSocket's own services (flows, nodes, traffic, link bandwidth)
     * @param codecs     the codecs
     * @param mapper     JSON mapper
     * @param nodeJson   node renderer
     * @param handleJson flow handle renderer
     * @param deviceNodes devices FlowSocket provisions
     * @param routes     routes between hosts
     * @param traffic    flow and link statistics
     * @return the dispatcher, and Hello, which greets each new session
     */
    static Dispatch create(ServiceDirectory onos, FlowSocketManager core, FlowSocketCodecContext codecs,
                           ObjectMapper mapper, NodeJson nodeJson, QosFlowCodec handleJson,
                           DeviceNodes deviceNodes, RouteFinder routes, TrafficStatistics traffic) {
        RequestDispatcher[] dispatcher = new RequestDispatcher[1];
        HelloCommand hello = new HelloCommand(mapper, BuildInfo.version(), () -> dispatcher[0].commandNames(),
                                              core::connectionSettings);
        DeviceService devices = onos.get(DeviceService.class);
        List<Command> commands = ImmutableList.of(
                hello,
                new AddNodeCommand(core, nodeJson),
                new RemoveNodeCommand(core, deviceNodes, nodeJson),
                new GetNodeCommand(onos.get(HostService.class), devices, onos.get(NetworkConfigService.class), routes,
                                   nodeJson),
                new ListNodesCommand(onos.get(HostService.class), devices, onos.get(NetworkConfigService.class),
                                     nodeJson, mapper),
                new ListLinksCommand(onos.get(LinkService.class), devices, codecs, core),
                new InstallFlowCommand(core, codecs, codecs.ruleForms(), handleJson),
                new RemoveFlowCommand(core, handleJson),
                new GetFlowCommand(core, handleJson, traffic, mapper),
                new ListFlowsCommand(core, handleJson, traffic, mapper),
                new SubscriptionCommand(true, mapper, traffic::subscribed),
                new SubscriptionCommand(false, mapper, traffic::subscribed),
                new BatchCommand(mapper, (request, session) -> dispatcher[0].execute(request, session)));
        dispatcher[0] = new RequestDispatcher(mapper, commands, core::connectionSettings);
        return new Dispatch(dispatcher[0], hello);
    }

    /** The dispatcher and the greeting of new sessions. */
    static final class Dispatch {
        final RequestDispatcher dispatcher;
        final HelloCommand hello;

        private Dispatch(RequestDispatcher dispatcher, HelloCommand hello) {
            this.dispatcher = dispatcher;
            this.hello = hello;
        }
    }
}
