/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.impl.flow.DistributedQosFlowStore;
import org.flowsocket.impl.flow.FlowInstaller;
import org.flowsocket.impl.flow.FlowLifecycle;
import org.flowsocket.impl.flow.MeterAllocator;
import org.flowsocket.impl.flow.OnosCodecs;
import org.flowsocket.impl.flow.QosFlowPlanner;
import org.flowsocket.impl.flow.QosRuleBuilder;
import org.flowsocket.impl.flow.RouteFinder;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.provider.ProviderId;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The flow package's classes on their own, wired as FlowSocketManager wires
 * them, over ONOS's test adapters and this package's fakes: three switches
 * in a line, no sessions, no JSON. The store's events are collected.
 */
final class FlowParts {

    static final ApplicationId APP_ID = new DefaultApplicationId(7, "org.flowsocket.app");

    final FakeDevices devices = new FakeDevices(3);
    final FakeHosts hosts = new FakeHosts();
    final LinearPaths paths = new LinearPaths(3);
    final FakeSwitches switches = new FakeSwitches();
    final FakeMeters meters = new FakeMeters();
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final DistributedQosFlowStore store = new DistributedQosFlowStore(new OrderedStorage(), new OnosCodecs());
    final BlockingQueue<QosFlowEvent> events = new LinkedBlockingQueue<>();
    final MeterAllocator meterAllocator = new MeterAllocator(meters, APP_ID, timer);
    final RouteFinder routes = new RouteFinder(hosts, paths);
    final QosRuleBuilder ruleBuilder = new QosRuleBuilder(APP_ID);
    final FlowLifecycle lifecycle = new FlowLifecycle(store, new FlowInstaller(switches, timer), meterAllocator,
                                                      switches, devices, new ObjectMapper(), timer);
    final QosFlowPlanner planner = new QosFlowPlanner(APP_ID, store, lifecycle, routes, ruleBuilder,
            meterAllocator);
    private final HostProviderService hostProvider;

    FlowParts() {
        store.setDelegate(events::add);
        // FlowSocketManager passes ONOS's rule and device events on the same way.
        switches.addListener(lifecycle::ruleEvent);
        devices.addListener(lifecycle::deviceEvent);
        hostProvider = hosts.register(new HostProvider() {
            @Override
            public void triggerProbe(org.onosproject.net.Host host) {
            }

            @Override
            public ProviderId id() {
                return new ProviderId("host", "org.onosproject.provider.host");
            }
        });
    }

    /**
     * Returns the parts with hosts 10.0.0.1 on switch 1 and 10.0.0.3 on switch 3.
     *
     * @return parts
     */
    static FlowParts withEndHosts() {
        FlowParts parts = new FlowParts();
        parts.host("00:00:00:00:00:01", "10.0.0.1", 1);
        parts.host("00:00:00:00:00:03", "10.0.0.3", 3);
        return parts;
    }

    /** Attaches a host to port 3 of switch n, as ONOS's host provider reports it. */
    void host(String mac, String ip, int device) {
        MacAddress macAddress = MacAddress.valueOf(mac);
        hostProvider.hostDetected(HostId.hostId(macAddress, VlanId.NONE), new DefaultHostDescription(
                macAddress, VlanId.NONE, Set.of(new HostLocation(FakeDevices.id(device), PortNumber.portNumber(3),
                                                                 0L)), Set.of(IpAddress.valueOf(ip)), false,
                DefaultAnnotations.EMPTY), true);
    }

    void stop() {
        store.close();
        timer.shutdownNow();
    }
}
