/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.impl.flow.FlowLifecycle;
import org.flowsocket.impl.flow.FlowRerouter;
import org.flowsocket.impl.flow.PathHealth;
import org.flowsocket.impl.stats.TrafficStatistics;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BasicDeviceConfig;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleListener;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.net.link.LinkListener;
import org.onosproject.net.link.LinkService;
import org.onosproject.net.topology.TopologyEvent;
import org.onosproject.net.topology.TopologyListener;
import org.onosproject.net.topology.TopologyService;
import org.slf4j.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * FlowSocket's event thread: ONOS's device, configuration, host, link and
 * flow rule events, and the flow store's events, handled one at a time in
 * the order ONOS posted them, off ONOS's own event threads. Rule and device
 * events reach the flows' lifecycle before the subscribers.
 */
final class OnosEventFeed {

    private final Logger log = getLogger(getClass());

    private final FlowLifecycle flows;
    private final PathHealth paths;
    private final FlowRerouter rerouter;
    private final EventBridge bridge;
    private final TrafficStatistics traffic;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(groupedThreads("onos/flowsocket", "events", log));

    private final DeviceListener deviceListener = new InternalDeviceListener();
    private final NetworkConfigListener provisionListener = new InternalProvisionListener();
    private final HostListener hostListener = this::hostEvent;
    private final LinkListener linkListener = this::linkEvent;
    private final FlowRuleListener flowRuleListener = this::ruleEvent;
    private final TopologyListener topologyListener = this::topologyEvent;

    private DeviceService deviceService;
    private NetworkConfigService networkConfigService;
    private HostService hostService;
    private LinkService linkService;
    private FlowRuleService flowRuleService;
    private TopologyService topologyService;

    /**
     * Creates the feed.
     *
     * @param flows    follows rule and device events
     * @param paths    follows link events
     * @param rerouter follows topology changes and host moves
     * @param bridge   passes events on to subscribed sessions
     * @param traffic  follows ONOS's statistics refresh of FlowSocket's rules
     */
    OnosEventFeed(FlowLifecycle flows, PathHealth paths, FlowRerouter rerouter, EventBridge bridge,
                  TrafficStatistics traffic) {
        this.flows = flows;
        this.paths = paths;
        this.rerouter = rerouter;
        this.bridge = bridge;
        this.traffic = traffic;
    }

    /**
     * Starts listening to ONOS.
     *
     * @param devices  device service
     * @param netcfg   network configuration service
     * @param hosts    host service
     * @param links    link service
     * @param rules    flow rule service
     * @param topology topology service
     */
    void start(DeviceService devices, NetworkConfigService netcfg, HostService hosts, LinkService links,
               FlowRuleService rules, TopologyService topology) {
        deviceService = devices;
        networkConfigService = netcfg;
        hostService = hosts;
        linkService = links;
        flowRuleService = rules;
        topologyService = topology;
        devices.addListener(deviceListener);
        netcfg.addListener(provisionListener);
        hosts.addListener(hostListener);
        links.addListener(linkListener);
        rules.addListener(flowRuleListener);
        topology.addListener(topologyListener);
    }

    /** Stops listening and drops what is still queued. */
    void stop() {
        topologyService.removeListener(topologyListener);
        flowRuleService.removeListener(flowRuleListener);
        linkService.removeListener(linkListener);
        hostService.removeListener(hostListener);
        networkConfigService.removeListener(provisionListener);
        deviceService.removeListener(deviceListener);
        executor.shutdownNow();
    }

    /**
     * Runs a task on the event thread, after the events already queued.
     *
     * @param task what to do
     */
    void post(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Could not process an event", e);
                }
            });
        }
    }

    private void hostEvent(HostEvent event) {
        post(() -> {
            rerouter.hostEvent(event);
            bridge.hostEvent(event);
        });
    }

    private void linkEvent(LinkEvent event) {
        post(() -> {
            paths.linkEvent(event);
            rerouter.linkEvent(event);
            bridge.linkEvent(event);
        });
    }

    // ONOS's PathService answers from a new topology only once TopologyManager
    // posted it (DefaultTopologyProvider batches link and device events first).
    private void topologyEvent(TopologyEvent event) {
        post(rerouter::topologyChanged);
    }

    private void ruleEvent(FlowRuleEvent event) {
        post(() -> {
            flows.ruleEvent(event);
            traffic.ruleEvent(event);
            bridge.ruleEvent(event);
        });
    }

    // ONOS posts PORT_STATS_UPDATED for every device every few seconds (its
    // OpenFlow provider polls port statistics every 5 s), on every node:
    // neither flows nor subscribers need them, so they are not even queued.
    private final class InternalDeviceListener implements DeviceListener {
        @Override
        public boolean isRelevant(DeviceEvent event) {
            return event.type() != DeviceEvent.Type.PORT_STATS_UPDATED;
        }

        @Override
        public void event(DeviceEvent event) {
            post(() -> {
                flows.deviceEvent(event);
                rerouter.deviceEvent(event);
                bridge.deviceEvent(event);
            });
        }
    }

    // A device's basic configuration: what AddNode / RemoveNode of a device change.
    private final class InternalProvisionListener implements NetworkConfigListener {
        @Override
        public boolean isRelevant(NetworkConfigEvent event) {
            return event.configClass() == BasicDeviceConfig.class && event.subject() instanceof DeviceId
                    && (event.type() == NetworkConfigEvent.Type.CONFIG_ADDED
                    || event.type() == NetworkConfigEvent.Type.CONFIG_UPDATED
                    || event.type() == NetworkConfigEvent.Type.CONFIG_REMOVED);
        }

        @Override
        public void event(NetworkConfigEvent event) {
            post(() -> bridge.provisionEvent(event));
        }
    }
}
