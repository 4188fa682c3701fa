/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.LinkBandwidth;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowStoreDelegate;
import org.flowsocket.impl.codec.FlowSocketCodecContext;
import org.flowsocket.impl.flow.BandwidthAdmission;
import org.flowsocket.impl.flow.BandwidthReservations;
import org.flowsocket.impl.flow.DepartedNodeFlows;
import org.flowsocket.impl.flow.DistributedQosFlowStore;
import org.flowsocket.impl.flow.FlowInstaller;
import org.flowsocket.impl.flow.FlowLeadership;
import org.flowsocket.impl.flow.FlowLifecycle;
import org.flowsocket.impl.flow.FlowRerouter;
import org.flowsocket.impl.flow.LinkCapacities;
import org.flowsocket.impl.flow.MeterAllocator;
import org.flowsocket.impl.flow.OnosFlowEntries;
import org.flowsocket.impl.flow.PathHealth;
import org.flowsocket.impl.flow.QosFlowPlanner;
import org.flowsocket.impl.flow.QosRuleBuilder;
import org.flowsocket.impl.flow.RouteFinder;
import org.onlab.osgi.ServiceDirectory;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.core.ApplicationId;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.net.meter.MeterService;
import org.onosproject.net.topology.PathService;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.service.StorageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.onlab.util.Tools.groupedThreads;

/**
 * The QoS flow domain of one node, built from ONOS's services in the order
 * its parts depend on each other: cluster leadership and the store, routes,
 * meters and admission, the planner, the lifecycle, and the rerouter that
 * keeps network flows on a working path.
 */
final class FlowCore {

    private static final String INSTALLING = "installing a flow";

    // Installs being planned and stored at once: enough to keep ONOS's store
    // busy at a few milliseconds a round trip while the switches confirm.
    private static final int INSTALL_THREADS = 16;
    // How long stopping waits for the installs being stored to reach the switches.
    private static final long STOP_WAIT_SECONDS = 10;

    private final Logger log = LoggerFactory.getLogger(getClass());

    final FlowLeadership leadership;
    final DistributedQosFlowStore store;
    final RouteFinder routes;
    final FlowLifecycle lifecycle;
    final DepartedNodeFlows departed;
    final PathHealth pathHealth;
    final QosFlowPlanner planner;
    final FlowRerouter rerouter;
    private final LinkCapacities linkCapacities;
    private final BandwidthReservations reservations;
    private final Supplier<CoreSettings> settings;
    private final ListenerRegistry<QosFlowEvent, QosFlowListener> listeners = new ListenerRegistry<>();
    // All started at once: the component's threads are the same from activation on.
    private final ThreadPoolExecutor installs = new ThreadPoolExecutor(
            INSTALL_THREADS, INSTALL_THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            groupedThreads("onos/flowsocket", "install-%d", log));
    private volatile boolean stopping;
    private volatile Executor eventThread;
    private final QosFlowStoreDelegate storeDelegate = e -> eventThread.execute(() -> storeEvent(e));

    /**
     * Builds the parts.
     *
     * @param onos     ONOS's services the component references
     * @param appId    FlowSocket's application id
     * @param codecs   ONOS's codecs, for the stored form of flows
     * @param mapper   JSON mapper
     * @param timer    scheduler for deadlines, expiries and reroutes
     * @param settings the component's current settings
     */
    FlowCore(ServiceDirectory onos, ApplicationId appId, FlowSocketCodecContext codecs, ObjectMapper mapper,
             ScheduledExecutorService timer, Supplier<CoreSettings> settings) {
        this.settings = settings;
        installs.prestartAllCoreThreads();
        StorageService storage = onos.get(StorageService.class);
        DeviceService devices = onos.get(DeviceService.class);
        FlowRuleService flowRules = onos.get(FlowRuleService.class);
        leadership = new FlowLeadership(onos.get(LeadershipService.class), onos.get(ClusterService.class));
        store = new DistributedQosFlowStore(storage, codecs, codecs.ruleForms(), onos.get(LeadershipService.class),
                                            onos.get(ClusterService.class),
                                            onos.get(ClusterCommunicationService.class));
        routes = new RouteFinder(onos.get(HostService.class), onos.get(PathService.class));
        MeterAllocator meters = new MeterAllocator(onos.get(MeterService.class), appId, timer);
        FlowInstaller installer = new FlowInstaller(flowRules, timer);
        lifecycle = new FlowLifecycle(store, installer, meters, flowRules, devices, mapper, timer, leadership);
        departed = new DepartedNodeFlows(store, lifecycle, installer, meters, leadership);
        pathHealth = new PathHealth(devices, onos.get(LinkService.class),
                                    () -> settings.get().reroute().holdDownMillis(), System::currentTimeMillis);
        linkCapacities = new LinkCapacities(devices, onos.get(NetworkConfigService.class));
        reservations = new BandwidthReservations(storage, mapper);
        BandwidthAdmission admission = new BandwidthAdmission(routes, pathHealth, linkCapacities, reservations);
        planner = new QosFlowPlanner(appId, store, lifecycle, routes, new QosRuleBuilder(appId), meters, admission);
        rerouter = new FlowRerouter(store, planner, routes, admission, installer, meters, pathHealth, leadership,
                                    timer, () -> settings.get().reroute(),
                                    rule -> OnosFlowEntries.entryOf(flowRules, rule), System::currentTimeMillis);
        lifecycle.followPaths(rerouter);
    }

    /**
     * Starts passing the store's events on to the listeners, and the expiry
     * of the FAILED flows already in the store.
     *
     * @param eventThread where listeners hear of events, in order
     */
    void start(Executor eventThread) {
        this.eventThread = eventThread;
        store.setDelegate(storeDelegate);
        lifecycle.resumeExpiries();
    }

    private void storeEvent(QosFlowEvent e) {
        // A flow gone or FAILED holds no bandwidth: the node that removed it let go already;
        // this covers a flow forgotten elsewhere, e.g. a FAILED one expiring.
        if (e.type() == QosFlowEvent.Type.FLOW_REMOVED
                || e.subject().state() == QosFlow.State.FAILED && e.stateChanged()) {
            rerouter.flowGone(e.subject().id());
        }
        listeners.process(e);
    }

    /**
     * Stops installing and following the store. A request not started is
     * refused; one being planned and stored goes on until its rules are
     * handed to the switches, so that no handle is left stored and never
     * installed.
     */
    void stop() {
        stopping = true;
        installs.shutdown();
        try {
            if (!installs.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Stopped with installs still being stored after {} s", STOP_WAIT_SECONDS);
                installs.shutdownNow();
            }
        } catch (InterruptedException e) {
            installs.shutdownNow();
            Thread.currentThread().interrupt();
        }
        store.unsetDelegate(storeDelegate);
        store.close();
    }

    /**
     * Adds a listener of flow events.
     *
     * @param listener the listener
     */
    void addListener(QosFlowListener listener) {
        listeners.addListener(listener);
    }

    /**
     * Removes a listener of flow events.
     *
     * @param listener the listener
     */
    void removeListener(QosFlowListener listener) {
        listeners.removeListener(listener);
    }

    /**
     * Plans a flow and installs it, off the caller's thread: planning and
     * the store's first writes are synchronous round trips to ONOS's store
     * (Raft, on ONOS's StorageService), so one connection's requests would
     * otherwise wait for each other's; on the pool they overlap and Raft
     * commits them together.
     *
     * @param request the request
     * @return the installed handle, or PENDING if not confirming; fails with FlowSocketException
     */
    CompletableFuture<QosFlow> install(QosFlowRequest request) {
        try {
            return Failures.typed(CompletableFuture.supplyAsync(() -> {
                if (stopping) {
                    throw new FlowSocketException(ErrorCode.UNAVAILABLE, "FlowSocket is stopping");
                }
                return planAndInstall(request);
            }, installs)
                                          .thenCompose(Function.identity()), INSTALLING);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Failures.typed(e, INSTALLING));
        }
    }

    private CompletableFuture<QosFlow> planAndInstall(QosFlowRequest request) {
        long timeoutMillis = timeoutOf(request.timeoutMillis());
        QosFlowPlanner.Plan plan = request.network().isPresent()
                ? planner.network(request.network().get(), request.owner(), timeoutMillis)
                : planner.rules(request.rules(), request.owner());
        return lifecycle.install(plan.flow(), plan.metersInstalled(), request.confirm(), timeoutMillis);
    }

    /**
     * Removes a flow.
     *
     * @param flowId        handle id
     * @param force         forget the handle even if the switches do not confirm
     * @param timeoutMillis how long to wait for the switches; 0 for the default
     * @return the removed handle; fails with FlowSocketException
     */
    CompletableFuture<QosFlow> remove(String flowId, boolean force, long timeoutMillis) {
        try {
            QosFlowRequest.checkTimeout(timeoutMillis);
            return Failures.typed(lifecycle.remove(flowId, force, timeoutOf(timeoutMillis)), "removing " + flowId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Failures.typed(e, "removing " + flowId));
        }
    }

    /**
     * Returns each link's capacity and what network flows reserved on it.
     *
     * @param links the links
     * @return by link key
     */
    Map<LinkKey, LinkBandwidth> linkBandwidth(Collection<Link> links) {
        Map<LinkKey, Long> reserved = reservations.reservedKbps();
        return links.stream().collect(ImmutableMap.toImmutableMap(LinkKey::linkKey, l -> new LinkBandwidth(
                linkCapacities.capacityKbps(l), reserved.getOrDefault(LinkKey.linkKey(l), 0L)), (a, b) -> a));
    }

    // A wait of 0 is the configured default.
    private long timeoutOf(long requestedMillis) {
        return requestedMillis == 0
                ? Math.min(settings.get().confirmTimeoutMillis(), QosFlowRequest.MAX_TIMEOUT_MILLIS) : requestedMillis;
    }
}
