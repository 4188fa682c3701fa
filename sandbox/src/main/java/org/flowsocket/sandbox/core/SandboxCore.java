/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.util.concurrent.MoreExecutors;
import org.apache.karaf.system.SystemService;
import org.flowsocket.sandbox.cluster.RaftStore;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.onlab.metrics.MetricsManager;
import org.onlab.metrics.MetricsService;
import org.onosproject.app.ApplicationIdStore;
import org.onosproject.app.ApplicationService;
import org.onosproject.app.ApplicationServiceAdapter;
import org.onosproject.cfg.ComponentConfigStore;
import org.onosproject.cfg.impl.ComponentConfigManager;
import org.onosproject.cluster.ClusterStore;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.impl.ClusterManager;
import org.onosproject.cluster.impl.MastershipManager;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.common.event.impl.TestEventDispatcher;
import org.onosproject.core.IdBlockStore;
import org.onosproject.core.impl.CoreManager;
import org.onosproject.core.impl.VersionManager;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.impl.CoreEventDispatcher;
import org.onosproject.mastership.MastershipStore;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.NetworkConfigStore;
import org.onosproject.net.config.basics.BandwidthCapacity;
import org.onosproject.net.config.impl.BasicNetworkConfigs;
import org.onosproject.net.config.impl.NetworkConfigManager;
import org.onosproject.net.device.DeviceStore;
import org.onosproject.net.device.impl.DeviceManager;
import org.onosproject.net.driver.DefaultDriver;
import org.onosproject.net.driver.DefaultDriverProvider;
import org.onosproject.net.driver.DriverAdminService;
import org.onosproject.net.driver.impl.DriverManager;
import org.onosproject.net.driver.impl.DriverRegistryManager;
import org.onosproject.net.edgeservice.impl.EdgeManager;
import org.onosproject.net.flow.FlowRuleStore;
import org.onosproject.net.flow.impl.FlowRuleManager;
import org.onosproject.net.host.HostStore;
import org.onosproject.net.host.impl.HostManager;
import org.onosproject.net.intf.impl.InterfaceManager;
import org.onosproject.net.link.LinkStore;
import org.onosproject.net.link.impl.LinkManager;
import org.onosproject.net.meter.MeterStore;
import org.onosproject.net.meter.impl.MeterManager;
import org.onosproject.net.packet.PacketService;
import org.onosproject.net.packet.PacketServiceAdapter;
import org.onosproject.net.pi.PiPipeconfServiceAdapter;
import org.onosproject.net.pi.service.PiPipeconfService;
import org.onosproject.net.region.RegionStore;
import org.onosproject.net.region.impl.RegionManager;
import org.onosproject.net.topology.TopologyStore;
import org.onosproject.net.topology.impl.DefaultTopologyProvider;
import org.onosproject.net.topology.impl.PathManager;
import org.onosproject.net.topology.impl.TopologyManager;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.trivial.SimpleApplicationIdStore;
import org.onosproject.store.trivial.SimpleClusterStore;
import org.onosproject.store.trivial.SimpleComponentConfigStore;
import org.onosproject.store.trivial.SimpleDeviceStore;
import org.onosproject.store.trivial.SimpleIdBlockStore;
import org.onosproject.store.trivial.SimpleLeadershipManager;
import org.onosproject.store.trivial.SimpleMastershipStore;
import org.onosproject.store.trivial.SimpleTopologyStore;
import org.onosproject.upgrade.UpgradeService;
import org.onosproject.upgrade.impl.UpgradeServiceAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.onosproject.net.config.basics.SubjectFactories.CONNECT_POINT_SUBJECT_FACTORY;

/**
 * ONOS's real core, single node, in this JVM.
 * <p>
 * It runs ONOS 2.5.6's own managers from onos-core-net and onos-core-common,
 * unchanged, on ONOS's distributed store (onos-core-primitives) and
 * ONOS's single-instance stores
 * ({@code org.onosproject.store.trivial}), wired through a
 * {@link ComponentRuntime} from the managers' own DS descriptors, the way
 * ONOS's unit tests wire them: event delivery can be synchronous
 * ({@code TestEventDispatcher}) and the flow rule manager's executors direct
 * (or, with {@link FlowRuleThreads#ONOS}, its own).
 * What runs, and what stands in where ONOS has nothing runnable without a
 * cluster or Karaf:
 * <table>
 * <caption>Services</caption>
 * <tr><th>Service</th><th>Implementation</th></tr>
 * <tr><td>EventDeliveryService</td><td>TestEventDispatcher (synchronous) or CoreEventDispatcher</td></tr>
 * <tr><td>ComponentConfigService</td><td>ComponentConfigManager + SimpleComponentConfigStore,
 *     pushing properties to components through {@link ComponentRuntime}'s Configuration Admin</td></tr>
 * <tr><td>CoreService</td><td>CoreManager + SimpleApplicationIdStore + SimpleIdBlockStore</td></tr>
 * <tr><td>VersionService, MetricsService</td><td>VersionManager, MetricsManager</td></tr>
 * <tr><td>ApplicationService</td><td>ONOS's ApplicationServiceAdapter (ApplicationManager needs Karaf)</td></tr>
 * <tr><td>ClusterService, ClusterMetadataService, MembershipService, PartitionService,
 *     LeadershipService, ClusterCommunicationService</td><td>with the Raft store, ONOS's
 *     ClusterManager + AtomixClusterStore, ClusterMetadataManager (file and default
 *     providers), MembershipManager, PartitionManager, LeadershipManager on a copy of
 *     ONOS's DistributedLeadershipStore, a copy of ONOS's ClusterCommunicationManager
 *     ({@link RaftStore}); with the memory store, ClusterManager + SimpleClusterStore
 *     (one node), SimpleLeadershipManager and ONOS's test adapter</td></tr>
 * <tr><td>MastershipService</td><td>MastershipManager + SimpleMastershipStore</td></tr>
 * <tr><td>RegionService</td><td>RegionManager + {@link SandboxRegionStore}</td></tr>
 * <tr><td>UpgradeService, PacketService, PiPipeconfService</td>
 *     <td>ONOS's test adapters</td></tr>
 * <tr><td>NetworkConfigService</td><td>NetworkConfigManager + {@link SandboxNetworkConfigStore}
 *     + BasicNetworkConfigs, and the bandwidthCapacity port configuration ResourceRegistrar registers</td></tr>
 * <tr><td>DeviceService, LinkService</td><td>DeviceManager, LinkManager (with EdgeManager)
 *     + SimpleDeviceStore, {@link SandboxLinkStore} (SimpleLinkStore answering link
 *     queries as ONOS's ECLinkStore does)</td></tr>
 * <tr><td>HostService</td><td>HostManager (with InterfaceManager) + {@link SandboxHostStore}
 *     (stores hosts as ONOS's DistributedHostStore does)</td></tr>
 * <tr><td>TopologyService, PathService</td><td>TopologyManager + SimpleTopologyStore,
 *     DefaultTopologyProvider, PathManager</td></tr>
 * <tr><td>DriverService</td><td>DriverRegistryManager + DriverManager, with a "default" driver</td></tr>
 * <tr><td>FlowRuleService</td><td>FlowRuleManager + {@link SandboxFlowRuleStore} (SimpleFlowRuleStore
 *     keeping the manager's batch ids)</td></tr>
 * <tr><td>MeterService</td><td>MeterManager + {@link SandboxMeterStore} (see {@link MeterRelease})</td></tr>
 * <tr><td>CodecService</td><td>CodecManager</td></tr>
 * <tr><td>StorageService, CoordinationService</td><td>{@link Store#RAFT} (default): ONOS's
 * StorageManager and CoordinationManager on AtomixManager, an embedded Raft group
 * ({@link RaftStore}); {@link Store#MEMORY}: ONOS's TestStorageService (in-memory
 * primitives), its maps' listeners told in order ({@link SandboxStorageService})</td></tr>
 * </table>
 * Not wired: intents, flow objectives, groups, packet processing.
 */
public final class SandboxCore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxCore.class);

    /** How events reach listeners. */
    public enum EventDelivery {
        /** In the posting thread, as in ONOS's unit tests (TestEventDispatcher). */
        SYNCHRONOUS,
        /** On ONOS's own dispatch threads (CoreEventDispatcher), as in a real ONOS. */
        DISPATCHER
    }

    /** Which threads FlowRuleManager runs its batches on. */
    public enum FlowRuleThreads {
        /** The calling thread (direct executors), as ONOS's FlowRuleManagerTest wires it. */
        DIRECT,
        /**
         * FlowRuleManager's own pools ({@code deviceInstallers} and
         * {@code operationsService}, 32 threads each), as in a real ONOS.
         */
        ONOS
    }

    /** Where ONOS's StorageService keeps its primitives (FlowSocket's state). */
    public enum Store {
        /**
         * ONOS's real distributed store: StorageManager on Atomix with an
         * embedded Raft group ({@link RaftStore}), as a single ONOS runs it.
         */
        RAFT,
        /**
         * ONOS's in-memory TestStorageService ({@link SandboxStorageService}):
         * no Atomix, a faster start; for suites that start many cores.
         */
        MEMORY
    }

    private final ServiceRegistry registry = new ServiceRegistry();
    private final ComponentRuntime runtime = new ComponentRuntime(registry);
    private final EventDelivery eventDelivery;
    private final FlowRuleThreads flowRuleThreads;
    private final Store store;
    private final RaftStore raftStore;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    private SandboxCore(Builder builder) {
        this.eventDelivery = builder.eventDelivery;
        this.flowRuleThreads = builder.flowRuleThreads;
        this.store = builder.store;
        this.raftStore = builder.store == Store.RAFT
                ? (builder.clusterMetadataUri != null ? RaftStore.member(builder.clusterMetadataUri)
                                                      : RaftStore.singleNode())
                : null;
    }

    /** @return a builder with synchronous events and the Raft store */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of a {@link SandboxCore}. */
    public static final class Builder {
        private EventDelivery eventDelivery = EventDelivery.SYNCHRONOUS;
        private FlowRuleThreads flowRuleThreads = FlowRuleThreads.DIRECT;
        private Store store = Store.RAFT;
        private String clusterMetadataUri;

        private Builder() {
        }

        /**
         * Chooses the threads FlowRuleManager runs its batches on.
         *
         * @param threads direct (the default) or ONOS's own executors
         * @return this builder
         */
        public Builder flowRuleThreads(FlowRuleThreads threads) {
            this.flowRuleThreads = Objects.requireNonNull(threads);
            return this;
        }

        /**
         * Chooses the store behind ONOS's StorageService (default
         * {@link Store#RAFT}).
         *
         * @param kind store
         * @return this builder
         */
        public Builder store(Store kind) {
            this.store = Objects.requireNonNull(kind);
            return this;
        }

        /**
         * Makes this core a member of a cluster (Raft store): ONOS's cluster
         * metadata file names the nodes and this one; without it the core is
         * a cluster of one on a free port.
         *
         * @param uri the metadata file's {@code file://} URI
         *            ({@link org.flowsocket.sandbox.cluster.ClusterMetadataFile})
         * @return this builder
         */
        public Builder clusterMetadata(String uri) {
            this.clusterMetadataUri = uri;
            return this;
        }

        /**
         * Chooses how events are delivered.
         *
         * @param delivery event delivery
         * @return this builder
         */
        public Builder eventDelivery(EventDelivery delivery) {
            this.eventDelivery = delivery;
            return this;
        }

        /** @return a core, not yet started */
        public SandboxCore build() {
            if (clusterMetadataUri != null && store != Store.RAFT) {
                throw new IllegalStateException("A cluster member needs the Raft store");
            }
            return new SandboxCore(this);
        }
    }

    /** @return the store behind ONOS's StorageService */
    public Store store() {
        return store;
    }

    /** @return the service registry (also ONOS's REST service directory) */
    public ServiceRegistry services() {
        return registry;
    }

    /** @return the component runtime, to wire further DS components */
    public ComponentRuntime runtime() {
        return runtime;
    }

    /**
     * Returns a service.
     *
     * @param type service type
     * @param <T>  service type
     * @return the service
     */
    public <T> T get(Class<T> type) {
        return registry.get(type);
    }

    /**
     * Activates the core's components in dependency order.
     *
     * @return this core
     */
    public SandboxCore start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("Already started");
        }
        try {
            startComponents();
        } catch (RuntimeException | Error e) {
            runtime.close();
            closeStore();
            throw e;
        }
        log.info("ONOS core started: {} components", runtime.activeComponents().size());
        return this;
    }

    private void startComponents() {
        // Event delivery, metrics, version
        if (eventDelivery == EventDelivery.SYNCHRONOUS) {
            runtime.start(new TestEventDispatcher(), EventDeliveryService.class);
        } else {
            runtime.start(new CoreEventDispatcher());
        }
        runtime.start(new MetricsManager(), MetricsService.class);
        runtime.start(new VersionManager());

        // Component configuration (properties reach components through the
        // runtime's Configuration Admin)
        runtime.start(new SimpleComponentConfigStore(), ComponentConfigStore.class);
        runtime.start(new ComponentConfigManager());

        // Core: application ids, id blocks
        registry.register(ApplicationService.class, new ApplicationServiceAdapter());
        runtime.start(new SimpleApplicationIdStore(), ApplicationIdStore.class);
        runtime.start(new SimpleIdBlockStore(), IdBlockStore.class);
        runtime.start(new CoreManager());

        // Cluster and storage
        registry.register(SystemService.class, new SandboxSystemService(this::close));
        registry.register(UpgradeService.class, new UpgradeServiceAdapter());
        if (raftStore != null) {
            raftStore.start(runtime);
        } else {
            registry.register(StorageService.class, new SandboxStorageService());
            registry.register(ClusterCommunicationService.class, new ClusterCommunicationServiceAdapter());
            runtime.start(new SimpleClusterStore(), ClusterStore.class);
            runtime.start(new ClusterManager());
            runtime.start(new SimpleLeadershipManager(), LeadershipService.class);
        }

        // Network configuration
        runtime.start(new SandboxNetworkConfigStore(), NetworkConfigStore.class);
        runtime.start(new NetworkConfigManager());
        runtime.start(new BasicNetworkConfigs());
        // ONOS's resource subsystem (ResourceRegistrar, always active in ONOS 2.5.6) registers the
        // bandwidthCapacity port configuration; only the configuration is needed here.
        registry.get(NetworkConfigRegistry.class).registerConfigFactory(
                new ConfigFactory<ConnectPoint, BandwidthCapacity>(CONNECT_POINT_SUBJECT_FACTORY,
                                                                  BandwidthCapacity.class,
                                                                  BandwidthCapacity.CONFIG_KEY) {
                    @Override
                    public BandwidthCapacity createConfig() {
                        return new BandwidthCapacity();
                    }
                });

        // Regions and mastership
        runtime.start(new SandboxRegionStore(), RegionStore.class);
        runtime.start(new RegionManager());
        runtime.start(new SimpleMastershipStore(), MastershipStore.class);
        runtime.start(new MastershipManager());

        // Devices, links
        runtime.start(new SimpleDeviceStore(), DeviceStore.class);
        runtime.start(new DeviceManager());
        runtime.start(new SandboxLinkStore(), LinkStore.class);
        runtime.start(new LinkManager());

        // Hosts (with the edge and interface services HostManager needs)
        registry.register(PacketService.class, new PacketServiceAdapter());
        runtime.start(new EdgeManager());
        runtime.start(new InterfaceManager());
        runtime.start(new SandboxHostStore(), HostStore.class);
        runtime.start(new HostManager());

        // Topology and paths; DefaultTopologyProvider follows devices and links
        runtime.start(new SimpleTopologyStore(), TopologyStore.class);
        runtime.start(new TopologyManager());
        runtime.start(new DefaultTopologyProvider());
        runtime.start(new PathManager());

        // Drivers: DriverManager is enabled by DriverRegistryManager once the
        // required "default" driver is registered, as in ONOS.
        registry.register(PiPipeconfService.class, new PiPipeconfServiceAdapter());
        runtime.start(new DriverRegistryManager());
        runtime.add(new DriverManager());
        registerDefaultDriver(registry.get(DriverAdminService.class));
        if (runtime.state(DriverManager.class.getName())
                .orElse(ComponentRuntime.State.INACTIVE) != ComponentRuntime.State.ACTIVE) {
            throw new IllegalStateException("DriverManager was not enabled by DriverRegistryManager");
        }

        // Flow rules
        runtime.start(new SandboxFlowRuleStore(), FlowRuleStore.class);
        FlowRuleManager flowRuleManager = new FlowRuleManager();
        if (flowRuleThreads == FlowRuleThreads.DIRECT) {
            useDirectExecutors(flowRuleManager);
        }
        runtime.start(flowRuleManager);

        // Meters
        runtime.start(MeterRelease.onClassPath().newStore(), MeterStore.class);
        runtime.start(new MeterManager());

        // JSON codecs
        runtime.start(new CodecManager());
    }

    /** Name of the driver every device falls back to. */
    public static final String DEFAULT_DRIVER = "default";

    // Registers ONOS's fallback driver. ONOS's own "default" driver (in
    // onos-drivers-default) carries OpenFlow pipeliners the sandbox does not
    // use; this one has no behaviours, so flow rules go to the provider
    // registered for the device's URI scheme rather than to a
    // FlowRuleProgrammable behaviour.
    private static void registerDefaultDriver(DriverAdminService drivers) {
        DefaultDriverProvider provider = new DefaultDriverProvider();
        provider.addDriver(new DefaultDriver(DEFAULT_DRIVER, ImmutableList.of(),
                "FlowSocket", "sandbox", "1.0", ImmutableMap.of(), ImmutableMap.of()));
        drivers.registerProvider(provider);
    }

    // FlowRuleManager runs its batches in the calling thread instead of its
    // own pools of 32 threads each: its executors are fields, replaced before
    // activation as ONOS's FlowRuleManagerTest does.
    private static void useDirectExecutors(FlowRuleManager manager) {
        for (String name : new String[]{"deviceInstallers", "operationsService"}) {
            try {
                Field f = FlowRuleManager.class.getDeclaredField(name);
                f.setAccessible(true);
                ((ExecutorService) f.get(manager)).shutdownNow();
                f.set(manager, MoreExecutors.newDirectExecutorService());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot set FlowRuleManager." + name, e);
            }
        }
    }

    /** Deactivates every component, last started first. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            runtime.close();
            closeStore();
            log.info("ONOS core stopped");
        }
    }

    private void closeStore() {
        if (raftStore != null) {
            raftStore.close();
        }
    }
}
