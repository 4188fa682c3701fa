/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.impl.codec.RuleForms;
import org.flowsocket.impl.flow.DepartedNodeFlows;
import org.flowsocket.impl.flow.BandwidthAdmission;
import org.flowsocket.impl.flow.BandwidthReservations;
import org.flowsocket.impl.flow.DistributedQosFlowStore;
import org.flowsocket.impl.flow.FlowInstaller;
import org.flowsocket.impl.flow.FlowLeadership;
import org.flowsocket.impl.flow.FlowLifecycle;
import org.flowsocket.impl.flow.FlowRerouter;
import org.flowsocket.impl.flow.LinkCapacities;
import org.flowsocket.impl.flow.MeterAllocator;
import org.flowsocket.impl.flow.OnosCodecs;
import org.flowsocket.impl.flow.PathHealth;
import org.flowsocket.impl.flow.QosFlowPlanner;
import org.flowsocket.impl.flow.QosRuleBuilder;
import org.flowsocket.impl.flow.RerouteSettings;
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
import org.onosproject.store.service.StorageService;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
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

    final FakeDevices devices;
    final FakeHosts hosts;
    final LinearPaths paths;
    final FakeSwitches switches;
    final FakeMeters meters;
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final TestCluster.Node node;
    final FlowLeadership leadership;
    final DistributedQosFlowStore store;
    final BlockingQueue<QosFlowEvent> events = new LinkedBlockingQueue<>();
    final MeterAllocator meterAllocator;
    final RouteFinder routes;
    final QosRuleBuilder ruleBuilder = new QosRuleBuilder(APP_ID);
    final FlowInstaller installer;
    final FlowLifecycle lifecycle;
    final DepartedNodeFlows departed;
    final QosFlowPlanner planner;
    final FakeLinks links;
    final FlowRerouter rerouter;
    private TestCluster ownCluster;
    private final ExecutorService eventThread;
    /** What the event handlers threw, as OnosEventFeed logs "Could not process an event". */
    final List<Throwable> eventErrors = new CopyOnWriteArrayList<>();
    private final HostProviderService hostProvider;

    /** One node, alone in its cluster, with its own network. */
    FlowParts() {
        this(null, new OrderedStorage(), new TestCluster(), "node1", true, false);
        ownCluster = node.cluster();
    }

    /**
     * A node of a cluster, on the network of an existing node.
     *
     * @param network      a node whose network (devices, hosts, switches, meters) this one
     *                     shares, or null for a network of its own
     * @param storage      this node's view of the cluster's storage
     * @param cluster      the cluster
     * @param nodeId       this node's id
     * @param hearsRules   whether ONOS raises the rule events on this node (the devices' master)
     */
    FlowParts(FlowParts network, StorageService storage, TestCluster cluster, String nodeId, boolean hearsRules) {
        this(network, storage, cluster, nodeId, hearsRules, true);
    }

    // A clustered node handles ONOS's events on its own event thread, as
    // FlowSocketManager's OnosEventFeed does, concurrently with the other nodes.
    private FlowParts(FlowParts network, StorageService storage, TestCluster cluster, String nodeId,
                      boolean hearsRules, boolean clustered) {
        boolean alone = network == null;
        this.devices = alone ? new FakeDevices(3) : network.devices;
        this.hosts = alone ? new FakeHosts() : network.hosts;
        this.paths = alone ? new LinearPaths(3) : network.paths;
        this.switches = alone ? new FakeSwitches() : network.switches;
        this.meters = alone ? new FakeMeters() : network.meters;
        this.node = cluster.node(nodeId);
        this.leadership = new FlowLeadership(node.leadershipService, node.clusterService);
        this.store = new DistributedQosFlowStore(storage, new OnosCodecs(), new RuleForms(), node.leadershipService,
                                                 node.clusterService, node.messaging);
        this.meterAllocator = new MeterAllocator(meters, APP_ID, timer);
        this.routes = new RouteFinder(hosts, paths);
        this.installer = new FlowInstaller(switches, timer);
        this.lifecycle = new FlowLifecycle(store, installer, meterAllocator, switches, devices, new ObjectMapper(),
                                           timer, leadership);
        this.departed = new DepartedNodeFlows(store, lifecycle, installer, meterAllocator, leadership);
        this.links = alone ? new FakeLinks(3) : network.links;
        PathHealth health = new PathHealth(devices, links, () -> 0, System::currentTimeMillis);
        BandwidthAdmission admission = new BandwidthAdmission(routes, health,
                new LinkCapacities(devices, new FakeNetworkConfig()), new BandwidthReservations(storage, new ObjectMapper()));
        this.planner = new QosFlowPlanner(APP_ID, store, lifecycle, routes, ruleBuilder, meterAllocator, admission);
        // Hold-down 0, no rate limit to speak of. Only link events reach it
        // (linkEvent): the lifecycle does not hand it its flows as FlowCore's
        // does, so device events degrade flows as the lifecycle's tests expect.
        this.rerouter = new FlowRerouter(store, planner, routes, admission, installer, meterAllocator, health,
                leadership, timer, () -> new RerouteSettings(0, 1000, 2000), rule -> null, System::currentTimeMillis);
        store.setDelegate(events::add);
        // FlowSocketManager passes ONOS's rule and device events on the same way;
        // ONOS raises rule events on the devices' master only.
        eventThread = clustered ? Executors.newSingleThreadExecutor() : null;
        if (hearsRules) {
            switches.addListener(e -> onEventThread(() -> lifecycle.ruleEvent(e)));
        }
        devices.addListener(e -> onEventThread(() -> lifecycle.deviceEvent(e)));
        // As FlowSocketManager starts DepartedNodeFlows.
        onEventThread(departed::settlePreviousRun);
        leadership.start(() -> onEventThread(departed::settle), this::onEventThread);
        hostProvider = !alone ? network.hostProvider : hosts.register(new HostProvider() {
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

    /** Hands ONOS's link event to this node's rerouter, on its event thread, as OnosEventFeed does. */
    void linkEvent(org.onosproject.net.link.LinkEvent event) {
        onEventThread(() -> rerouter.linkEvent(event));
    }

    private void onEventThread(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                eventErrors.add(e);
            }
        };
        if (eventThread == null) {
            task.run();
        } else if (!eventThread.isShutdown()) {
            eventThread.execute(guarded);
        }
    }

    /** Waits until this node handled the events queued so far. */
    void drainEvents() throws InterruptedException {
        if (eventThread != null) {
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            eventThread.execute(done::countDown);
            done.await(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Stops the node at once, as a killed process: nothing it waited for is settled. */
    void kill() {
        if (eventThread != null) {
            eventThread.shutdownNow();
        }
        timer.shutdownNow();
        store.close();
    }

    void stop() {
        if (eventThread != null) {
            eventThread.shutdownNow();
        }
        leadership.stop();
        store.close();
        timer.shutdownNow();
        if (ownCluster != null) {
            ownCluster.stop();
        }
    }
}
