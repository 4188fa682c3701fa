/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.DeviceNode;
import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.api.FlowSocketNodeService;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.FlowTraffic;
import org.flowsocket.api.FlowTrafficService;
import org.flowsocket.api.HostNode;
import org.flowsocket.api.LinkBandwidth;
import org.flowsocket.api.MessageSink;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.QosFlowStoreDelegate;
import org.flowsocket.api.SessionInfo;
import org.flowsocket.impl.codec.FlowSocketCodecContext;
import org.flowsocket.impl.codec.FlowTrafficCodec;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.codec.SessionInfoCodec;
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
import org.flowsocket.impl.flow.PathHealth;
import org.flowsocket.impl.flow.QosFlowPlanner;
import org.flowsocket.impl.flow.QosRuleBuilder;
import org.flowsocket.impl.flow.RouteFinder;
import org.flowsocket.impl.node.DeviceNodes;
import org.flowsocket.impl.node.HostNodes;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.stats.TrafficStatistics;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.codec.CodecService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceAdminService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.driver.DriverService;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.host.HostAdminService;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.net.meter.MeterService;
import org.onosproject.net.topology.PathService;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.net.topology.TopologyService;
import org.onosproject.store.service.StorageService;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static com.google.common.base.Preconditions.checkNotNull;
import static org.flowsocket.impl.OsgiPropertyConstants.*;
import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * FlowSocket's core: the QoS flow service (planning, installing and
 * following flows through ONOS's services), the commands of the protocol on
 * top of it, and the sessions of every front door, fed with events.
 */
@Component(immediate = true, service = {FlowSocketService.class, FlowSocketAdminService.class, QosFlowService.class,
                   FlowSocketNodeService.class, FlowTrafficService.class},
        property = {
            CONFIRM_TIMEOUT_MS + ":Integer=" + CONFIRM_TIMEOUT_MS_DEFAULT,
            MAX_FRAME_BYTES + ":Integer=" + MAX_FRAME_BYTES_DEFAULT,
            MAX_SESSIONS + ":Integer=" + MAX_SESSIONS_DEFAULT,
            MAX_IN_FLIGHT + ":Integer=" + MAX_IN_FLIGHT_DEFAULT,
            MAX_QUEUED_MESSAGES + ":Integer=" + MAX_QUEUED_MESSAGES_DEFAULT,
            MAX_QUEUED_BYTES + ":Integer=" + MAX_QUEUED_BYTES_DEFAULT,
            MAX_SESSIONS_PER_USER + ":Integer=" + MAX_SESSIONS_PER_USER_DEFAULT,
            MAX_SESSIONS_PER_ADDRESS + ":Integer=" + MAX_SESSIONS_PER_ADDRESS_DEFAULT,
            ADMIN_RESERVED_SESSIONS + ":Integer=" + ADMIN_RESERVED_SESSIONS_DEFAULT,
            HANDSHAKE_TIMEOUT_MS + ":Integer=" + HANDSHAKE_TIMEOUT_MS_DEFAULT,
            MAX_FAILED_LOGINS_PER_MINUTE + ":Integer=" + MAX_FAILED_LOGINS_PER_MINUTE_DEFAULT,
            IDLE_TIMEOUT_MS + ":Integer=" + IDLE_TIMEOUT_MS_DEFAULT,
            PING_INTERVAL_MS + ":Integer=" + PING_INTERVAL_MS_DEFAULT,
            ALLOWED_ORIGINS + "=" + ALLOWED_ORIGINS_DEFAULT,
            REROUTE_HOLD_DOWN_MS + ":Integer=" + REROUTE_HOLD_DOWN_MS_DEFAULT,
            REROUTE_MAX_PER_MINUTE + ":Integer=" + REROUTE_MAX_PER_MINUTE_DEFAULT,
        })
public class FlowSocketManager
        implements FlowSocketService, FlowSocketAdminService, QosFlowService, FlowSocketNodeService,
        FlowTrafficService {

    /** Close code sent to every client when the application stops (RFC 6455 "going away"). */
    public static final int CLOSE_GOING_AWAY = 1001;

    private static final String REQUEST_NULL = "request cannot be null";
    private static final String FLOW_ID_NULL = "flowId cannot be null";
    private static final String FILTER_NULL = "filter cannot be null";
    private static final String INSTALLING = "installing a flow";

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ComponentConfigService cfgService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CodecService codecService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceAdminService deviceAdminService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DriverService driverService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostService hostService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostAdminService hostAdminService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostProviderRegistry hostProviderRegistry;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LinkService linkService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PathService pathService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected FlowRuleService flowRuleService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected MeterService meterService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected NetworkConfigService networkConfigService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ClusterService clusterService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LeadershipService leadershipService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ClusterCommunicationService clusterCommunicator;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected TopologyService topologyService;

    // The component's properties as ONOS's cfg generator reads them (name,
    // type, default and description); their live values are in settings.
    /** How long InstallFlow and RemoveFlow wait for the switches by default. */
    private final int confirmTimeoutMs = CONFIRM_TIMEOUT_MS_DEFAULT;
    /** Largest accepted frame, bytes. */
    private final int maxFrameBytes = MAX_FRAME_BYTES_DEFAULT;
    /** Most concurrent sessions on this node. */
    private final int maxSessions = MAX_SESSIONS_DEFAULT;
    /** Most unanswered requests per session. */
    private final int maxInFlight = MAX_IN_FLIGHT_DEFAULT;
    /** Most queued outbound messages per session. */
    private final int maxQueuedMessages = MAX_QUEUED_MESSAGES_DEFAULT;
    /** Most queued outbound characters per session, the message being written included. */
    private final int maxQueuedBytes = MAX_QUEUED_BYTES_DEFAULT;
    /** Most concurrent sessions of one user on this node. */
    private final int maxSessionsPerUser = MAX_SESSIONS_PER_USER_DEFAULT;
    /** Most concurrent sessions from one remote address on this node. */
    private final int maxSessionsPerAddress = MAX_SESSIONS_PER_ADDRESS_DEFAULT;
    /** Sessions of maxSessions that only admins may take. */
    private final int adminReservedSessions = ADMIN_RESERVED_SESSIONS_DEFAULT;
    /** Longest time from an accepted handshake to an open connection, ms. */
    private final int handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS_DEFAULT;
    /** Failed logins per remote address and minute before refusing it; 0 is no limit. */
    private final int maxFailedLoginsPerMinute = MAX_FAILED_LOGINS_PER_MINUTE_DEFAULT;
    /** Idle timeout of a connection, ms. */
    private final int idleTimeoutMs = IDLE_TIMEOUT_MS_DEFAULT;
    /** Server ping interval, ms. */
    private final int pingIntervalMs = PING_INTERVAL_MS_DEFAULT;
    /** Comma-separated origins allowed besides the server's own; * for any. */
    private final String allowedOrigins = ALLOWED_ORIGINS_DEFAULT;
    /** How long a link that came up is not used by network flows, ms. */
    private final int rerouteHoldDownMs = REROUTE_HOLD_DOWN_MS_DEFAULT;
    /** Most path changes of one network flow within a minute. */
    private final int rerouteMaxPerMinute = REROUTE_MAX_PER_MINUTE_DEFAULT;

    private volatile CoreSettings settings = CoreSettings.DEFAULT;

    private ObjectMapper mapper;
    private ApplicationId appId;
    private ScheduledExecutorService timer;
    private OnosEventFeed onosEvents;
    private HostNodes hostNodes;
    private DeviceNodes deviceNodes;
    private DistributedQosFlowStore flowStore;
    private FlowLifecycle flows;
    private FlowLeadership leadership;
    private QosFlowPlanner planner;
    private PathHealth pathHealth;
    private FlowRerouter rerouter;
    private LinkCapacities linkCapacities;
    private BandwidthReservations reservations;
    private BandwidthAdmission admission;
    private EventBridge bridge;
    private RuleEventRelay ruleRelay;
    private TrafficStatistics traffic;
    private RequestDispatcher dispatcher;

    private final ClientSessions sessions = new ClientSessions();
    private final ListenerRegistry<QosFlowEvent, QosFlowListener> flowListeners = new ListenerRegistry<>();
    private final QosFlowStoreDelegate flowStoreDelegate = e -> onosEvents.post(() -> {
        // A flow gone or FAILED holds no bandwidth: the node that removed it let go already;
        // this covers a flow forgotten elsewhere, e.g. a FAILED one expiring.
        if (e.type() == QosFlowEvent.Type.FLOW_REMOVED
                || e.subject().state() == QosFlow.State.FAILED && e.stateChanged()) {
            rerouter.flowGone(e.subject().id());
        }
        flowListeners.process(e);
    });
    private final QosFlowListener flowEventBridge = e -> bridge.flowEvent(e);

    @Activate
    protected void activate(ComponentContext context) {
        appId = coreService.registerApplication(APP_NAME);
        cfgService.registerProperties(getClass());
        modified(context);
        mapper = new ObjectMapper();
        timer = Executors.newSingleThreadScheduledExecutor(groupedThreads("onos/flowsocket", "confirm-timer", log));

        FlowSocketCodecContext codecs = new FlowSocketCodecContext(mapper, codecService, ImmutableMap.of(
                CoreService.class, coreService, DeviceService.class, deviceService,
                DriverService.class, driverService, HostService.class, hostService));
        hostNodes = new HostNodes(hostProviderRegistry, hostService, hostAdminService, deviceService);
        deviceNodes = new DeviceNodes(networkConfigService, deviceService, deviceAdminService, mapper);
        NodeJson nodeJson = new NodeJson(codecs, deviceService, hostNodes, deviceNodes);
        RouteFinder routes = new RouteFinder(hostService, pathService);
        MeterAllocator meters = new MeterAllocator(meterService, appId, timer);
        leadership = new FlowLeadership(leadershipService, clusterService);
        flowStore = new DistributedQosFlowStore(storageService, codecs, leadership::isActive);
        FlowInstaller installer = new FlowInstaller(flowRuleService, timer);
        flows = new FlowLifecycle(flowStore, installer, meters, flowRuleService, deviceService, mapper, timer,
                                  leadership);
        DepartedNodeFlows departed = new DepartedNodeFlows(flowStore, flows, installer, meters, leadership);
        pathHealth = new PathHealth(deviceService, linkService, () -> settings.reroute().holdDownMillis(),
                                    System::currentTimeMillis);
        linkCapacities = new LinkCapacities(deviceService, networkConfigService);
        reservations = new BandwidthReservations(storageService, mapper);
        admission = new BandwidthAdmission(routes, pathHealth, linkCapacities, reservations);
        planner = new QosFlowPlanner(appId, flowStore, flows, routes, new QosRuleBuilder(appId), meters, admission);
        rerouter = new FlowRerouter(flowStore, planner, routes, admission, installer, meters, pathHealth,
                                    leadership, timer,
                                    () -> settings.reroute(), rule -> FlowLifecycle.entryOf(flowRuleService, rule),
                                    System::currentTimeMillis);
        flows.followPaths(rerouter);
        QosFlowCodec handleJson = new QosFlowCodec(codecs, flows);
        ruleRelay = new RuleEventRelay(clusterCommunicator, clusterService, mapper);
        bridge = new EventBridge(codecs, sessions::all, handleJson, nodeJson, ruleRelay);
        traffic = new TrafficStatistics(codecs, appId, this, flowRuleService, deviceService, linkService,
                                        sessions::all);
        onosEvents = new OnosEventFeed(flows, pathHealth, rerouter, bridge, traffic);
        flowListeners.addListener(flowEventBridge);
        // ONOS's shell (-j) and REST resources render flows through ONOS's codec service.
        codecService.registerCodec(QosFlow.class, handleJson.asJsonCodec());
        codecService.registerCodec(SessionInfo.class, new SessionInfoCodec());
        codecService.registerCodec(FlowTraffic.class, new FlowTrafficCodec());
        flowStore.setDelegate(flowStoreDelegate);
        flows.resumeExpiries();

        HelloCommand hello = new HelloCommand(mapper, BuildInfo.version(), () -> dispatcher.commandNames(),
                                              this::connectionSettings);
        List<Command> commands = ImmutableList.of(
                hello,
                new AddNodeCommand(this, nodeJson),
                new RemoveNodeCommand(this, deviceNodes, nodeJson),
                new GetNodeCommand(hostNodes, deviceNodes, routes, nodeJson),
                new ListNodesCommand(hostService, deviceService, networkConfigService, nodeJson, mapper),
                new ListLinksCommand(linkService, deviceService, codecs, this),
                new InstallFlowCommand(this, codecs, handleJson),
                new RemoveFlowCommand(this, handleJson),
                new GetFlowCommand(this, handleJson, traffic, mapper),
                new ListFlowsCommand(this, handleJson, traffic, mapper),
                new SubscriptionCommand(true, mapper, traffic::subscribed),
                new SubscriptionCommand(false, mapper, traffic::subscribed),
                new BatchCommand(mapper, (request, session) -> dispatcher.execute(request, session)));
        dispatcher = new RequestDispatcher(mapper, commands, this::connectionSettings);
        sessions.serve(dispatcher, hello);

        onosEvents.start(deviceService, networkConfigService, hostService, linkService, flowRuleService,
                         topologyService);
        ruleRelay.start((type, data) -> onosEvents.post(() -> bridge.relayedRuleEvent(type, data)));
        departed.start(timer, onosEvents::post);
        // Flows whose path failed while FlowSocket was stopped are healed now, not at the next change.
        rerouter.topologyChanged();
        log.info("Started FlowSocket {} ({} commands, {} flow handles in the store)", BuildInfo.version(),
                 commands.size(), flowStore.list().size());
    }

    @Deactivate
    protected void deactivate() {
        int closed = sessions.closeAll(CLOSE_GOING_AWAY, "FlowSocket is stopping");
        leadership.stop();
        ruleRelay.stop();
        onosEvents.stop();
        traffic.stop();
        flowStore.unsetDelegate(flowStoreDelegate);
        flowListeners.removeListener(flowEventBridge);
        codecService.unregisterCodec(QosFlow.class);
        codecService.unregisterCodec(SessionInfo.class);
        codecService.unregisterCodec(FlowTraffic.class);
        flowStore.close();
        hostNodes.close();
        timer.shutdownNow();
        cfgService.unregisterProperties(getClass(), false);
        log.info("Stopped FlowSocket; closed {} session(s)", closed);
    }

    @Modified
    protected void modified(ComponentContext context) {
        settings = CoreSettings.read(context == null ? null : context.getProperties());
        log.info("FlowSocket settings: {}", settings);
    }

    @Override
    public ClientSession openSession(ClientIdentity client, MessageSink sink) {
        return sessions.open(client, sink);
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessions.list();
    }

    @Override
    public long storeOperations() {
        return flowStore.operations();
    }

    @Override
    public ConnectionSettings connectionSettings() {
        return settings.connection();
    }

    @Override
    public CompletableFuture<QosFlow> install(QosFlowRequest request) {
        checkNotNull(request, REQUEST_NULL);
        try {
            long timeoutMillis = timeoutOf(request.timeoutMillis());
            QosFlowPlanner.Plan plan = request.network().isPresent()
                    ? planner.network(request.network().get(), request.owner(), timeoutMillis)
                    : planner.rules(request.rules(), request.owner());
            return Failures.typed(flows.install(plan.flow(), plan.metersInstalled(), request.confirm(), timeoutMillis),
                                  INSTALLING);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Failures.typed(e, INSTALLING));
        }
    }

    @Override
    public CompletableFuture<QosFlow> remove(String flowId, boolean force, long timeoutMillis) {
        checkNotNull(flowId, FLOW_ID_NULL);
        try {
            QosFlowRequest.checkTimeout(timeoutMillis);
            return Failures.typed(flows.remove(flowId, force, timeoutOf(timeoutMillis)), "removing " + flowId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Failures.typed(e, "removing " + flowId));
        }
    }

    @Override
    public Optional<QosFlow> getFlow(String flowId) {
        checkNotNull(flowId, FLOW_ID_NULL);
        return flowStore.get(flowId);
    }

    @Override
    public List<QosFlow> getFlows(QosFlowFilter filter) {
        checkNotNull(filter, FILTER_NULL);
        return flowStore.list().stream().filter(filter).collect(ImmutableList.toImmutableList());
    }

    @Override
    public List<FlowTraffic> latestTraffic(List<QosFlow> flows) {
        return traffic.latestTraffic(flows);
    }

    @Override
    public void addListener(QosFlowListener listener) {
        flowListeners.addListener(listener);
    }

    @Override
    public void removeListener(QosFlowListener listener) {
        flowListeners.removeListener(listener);
    }

    @Override
    public Host addHost(HostNode host, boolean replace) {
        return hostNodes.add(host, replace);
    }

    @Override
    public Host removeHost(HostId hostId) {
        return hostNodes.remove(hostId);
    }

    @Override
    public DeviceId provisionDevice(DeviceNode device, boolean replace) {
        return deviceNodes.add(device, replace);
    }

    @Override
    public void removeDevice(DeviceId deviceId) {
        deviceNodes.remove(deviceId);
    }

    @Override
    public Map<LinkKey, LinkBandwidth> linkBandwidth(Collection<Link> links) {
        Map<LinkKey, Long> reserved = reservations.reservedKbps();
        return links.stream().collect(ImmutableMap.toImmutableMap(LinkKey::linkKey, l -> new LinkBandwidth(
                linkCapacities.capacityKbps(l), reserved.getOrDefault(LinkKey.linkKey(l), 0L)), (a, b) -> a));
    }

    // A wait of 0 is the configured default.
    private long timeoutOf(long requestedMillis) {
        return requestedMillis == 0
                ? Math.min(settings.confirmTimeoutMillis(), QosFlowRequest.MAX_TIMEOUT_MILLIS) : requestedMillis;
    }
}
