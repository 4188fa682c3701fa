/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.flowsocket.sandbox.cluster.RaftStore;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * What runs ({@code CoreManagers}, in order), and what stands in where ONOS
 * has nothing runnable without a cluster or Karaf:
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
 * primitives), its maps' listeners told in order ({@link SandboxStorageService});
 * both in {@code CoreStores}</td></tr>
 * </table>
 * Not wired: intents, flow objectives, groups, packet processing.
 */
public final class SandboxCore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxCore.class);

    /** Name of the driver every device falls back to. */
    public static final String DEFAULT_DRIVER = "default";

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
    private final CoreStores stores;
    private final CoreManagers managers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    private SandboxCore(Builder builder) {
        this.stores = new CoreStores(builder.store, builder.clusterMetadataUri);
        this.managers = new CoreManagers(runtime, builder.eventDelivery, builder.flowRuleThreads, stores,
                                         this::close);
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
         * @return this builder (whose {@link #build()} then refuses any store but Raft)
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
            this.eventDelivery = Objects.requireNonNull(delivery);
            return this;
        }

        /** @return a core, not yet started */
        public SandboxCore build() {
            return new SandboxCore(this);
        }
    }

    /** @return the store behind ONOS's StorageService */
    public Store store() {
        return stores.kind();
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
            managers.start();
        } catch (RuntimeException | Error e) {
            runtime.close();
            stores.close();
            throw e;
        }
        log.info("ONOS core started: {} components", runtime.activeComponents().size());
        return this;
    }

    /** Deactivates every component, last started first. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            runtime.close();
            stores.close();
            log.info("ONOS core stopped");
        }
    }
}
