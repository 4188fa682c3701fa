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
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.SessionInfo;
import org.flowsocket.impl.codec.FlowSocketCodecContext;
import org.flowsocket.impl.codec.FlowTrafficCodec;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.codec.SessionInfoCodec;
import org.flowsocket.impl.node.DeviceNodes;
import org.flowsocket.impl.node.HostNodes;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.stats.TrafficStatistics;
import org.onlab.osgi.ServiceDirectory;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.codec.CodecService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
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
    private FlowCore flows;
    private EventBridge bridge;
    private RuleEventRelay ruleRelay;
    private TrafficStatistics traffic;

    private final ClientSessions sessions = new ClientSessions();
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
        NodeJson nodeJson = new NodeJson(codecs, deviceService, networkConfigService);
        ServiceDirectory onos = referencedServices();
        flows = new FlowCore(onos, appId, codecs, mapper, timer, () -> settings);
        QosFlowCodec handleJson = new QosFlowCodec(codecs, flows.lifecycle);
        ruleRelay = new RuleEventRelay(clusterCommunicator, clusterService, mapper);
        bridge = new EventBridge(codecs, sessions::all, handleJson, nodeJson, ruleRelay);
        traffic = new TrafficStatistics(codecs, appId, this, flowRuleService, deviceService, linkService,
                                        sessions::all);
        onosEvents = new OnosEventFeed(flows.lifecycle, flows.pathHealth, flows.rerouter, bridge, traffic);
        flows.addListener(flowEventBridge);
        // ONOS's shell (-j) and REST resources render flows through ONOS's codec service.
        codecService.registerCodec(QosFlow.class, handleJson.asJsonCodec());
        codecService.registerCodec(SessionInfo.class, new SessionInfoCodec());
        codecService.registerCodec(FlowTraffic.class, new FlowTrafficCodec());
        flows.start(onosEvents::post);

        ProtocolCommands.Dispatch protocol = ProtocolCommands.create(
                onos, this, codecs, mapper, nodeJson, handleJson, deviceNodes, flows.routes, traffic);
        sessions.serve(protocol.dispatcher, protocol.hello);

        onosEvents.start(deviceService, networkConfigService, hostService, linkService, flowRuleService,
                         topologyService);
        ruleRelay.start((type, data) -> onosEvents.post(() -> bridge.relayedRuleEvent(type, data)));
        flows.departed.start(timer, onosEvents::post);
        // Flows whose path failed while FlowSocket was stopped are healed now, not at the next change.
        flows.rerouter.topologyChanged();
        log.info("Started FlowSocket {} ({} commands, {} flow handles in the store)", BuildInfo.version(),
                 protocol.dispatcher.commandNames().size(), flows.store.list().size());
    }

    @Deactivate
    protected void deactivate() {
        int closed = sessions.closeAll(CLOSE_GOING_AWAY, "FlowSocket is stopping");
        flows.leadership.stop();
        ruleRelay.stop();
        onosEvents.stop();
        traffic.stop();
        flows.removeListener(flowEventBridge);
        codecService.unregisterCodec(QosFlow.class);
        codecService.unregisterCodec(SessionInfo.class);
        codecService.unregisterCodec(FlowTraffic.class);
        flows.stop();
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
        return flows.store.operations();
    }

    @Override
    public long storeWaits() {
        return flows.store.operationWaits();
    }

    @Override
    public ConnectionSettings connectionSettings() {
        return settings.connection();
    }

    @Override
    public CompletableFuture<QosFlow> install(QosFlowRequest request) {
        checkNotNull(request, REQUEST_NULL);
        return flows.install(request);
    }

    @Override
    public CompletableFuture<QosFlow> remove(String flowId, boolean force, long timeoutMillis) {
        checkNotNull(flowId, FLOW_ID_NULL);
        return flows.remove(flowId, force, timeoutMillis);
    }

    @Override
    public Optional<QosFlow> getFlow(String flowId) {
        checkNotNull(flowId, FLOW_ID_NULL);
        return flows.store.get(flowId);
    }

    @Override
    public List<QosFlow> getFlows(QosFlowFilter filter) {
        checkNotNull(filter, FILTER_NULL);
        return flows.store.list().stream().filter(filter).collect(ImmutableList.toImmutableList());
    }

    @Override
    public List<FlowTraffic> latestTraffic(List<QosFlow> flows) {
        return traffic.latestTraffic(flows);
    }

    @Override
    public void addListener(QosFlowListener listener) {
        flows.addListener(listener);
    }

    @Override
    public void removeListener(QosFlowListener listener) {
        flows.removeListener(listener);
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
        return flows.linkBandwidth(links);
    }

    // What FlowCore builds its parts from: the services referenced above.
    private ServiceDirectory referencedServices() {
        Map<Class<?>, Object> referenced = ImmutableMap.<Class<?>, Object>builder()
                .put(StorageService.class, storageService).put(LeadershipService.class, leadershipService)
                .put(ClusterService.class, clusterService).put(DeviceService.class, deviceService)
                .put(FlowRuleService.class, flowRuleService).put(MeterService.class, meterService)
                .put(HostService.class, hostService).put(PathService.class, pathService)
                .put(LinkService.class, linkService).put(NetworkConfigService.class, networkConfigService)
                .put(ClusterCommunicationService.class, clusterCommunicator)
                .build();
        return new ServiceDirectory() {
            @Override
            public <T> T get(Class<T> serviceClass) {
                return serviceClass.cast(checkNotNull(referenced.get(serviceClass), "no reference to %s",
                                                      serviceClass.getName()));
            }
        };
    }
}
