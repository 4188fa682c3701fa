/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.util.concurrent.MoreExecutors;
import org.apache.karaf.system.SystemService;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.onlab.metrics.MetricsManager;
import org.onlab.metrics.MetricsService;
import org.onosproject.app.ApplicationIdStore;
import org.onosproject.app.ApplicationService;
import org.onosproject.app.ApplicationServiceAdapter;
import org.onosproject.cfg.ComponentConfigStore;
import org.onosproject.cfg.impl.ComponentConfigManager;
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
import org.onosproject.store.trivial.SimpleApplicationIdStore;
import org.onosproject.store.trivial.SimpleComponentConfigStore;
import org.onosproject.store.trivial.SimpleDeviceStore;
import org.onosproject.store.trivial.SimpleIdBlockStore;
import org.onosproject.store.trivial.SimpleMastershipStore;
import org.onosproject.store.trivial.SimpleTopologyStore;
import org.onosproject.upgrade.UpgradeService;
import org.onosproject.upgrade.impl.UpgradeServiceAdapter;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;

import static java.util.Objects.requireNonNull;
import static org.onosproject.net.config.basics.SubjectFactories.CONNECT_POINT_SUBJECT_FACTORY;

/**
 * ONOS's managers and their stores, started in the order their references
 * need, with the stand-ins for what ONOS has nothing runnable of without a
 * cluster or Karaf (the table of {@link SandboxCore} lists them).
 */
final class CoreManagers {

    private final ComponentRuntime runtime;
    private final ServiceRegistry registry;
    private final SandboxCore.EventDelivery eventDelivery;
    private final SandboxCore.FlowRuleThreads flowRuleThreads;
    private final CoreStores stores;
    private final Runnable shutdown;

    /**
     * @param runtime         where the components start
     * @param eventDelivery   how events reach listeners
     * @param flowRuleThreads which threads FlowRuleManager runs its batches on
     * @param stores          the storage and cluster services
     * @param shutdown        what Karaf's SystemService halt does: close the core
     */
    CoreManagers(ComponentRuntime runtime, SandboxCore.EventDelivery eventDelivery,
                 SandboxCore.FlowRuleThreads flowRuleThreads, CoreStores stores, Runnable shutdown) {
        this.runtime = requireNonNull(runtime);
        this.registry = runtime.services();
        this.eventDelivery = requireNonNull(eventDelivery);
        this.flowRuleThreads = requireNonNull(flowRuleThreads);
        this.stores = requireNonNull(stores);
        this.shutdown = requireNonNull(shutdown);
    }

    /** Starts every manager, each after the services it references. */
    void start() {
        startEventsAndConfiguration();
        startCore();
        startClusterAndStorage();
        startNetworkConfiguration();
        startNetwork();
        startDrivers();
        startFlowRulesAndMeters();
        // JSON codecs
        runtime.start(new CodecManager());
    }

    // Event delivery, metrics, version, and component configuration (properties
    // reach components through the runtime's Configuration Admin).
    private void startEventsAndConfiguration() {
        if (eventDelivery == SandboxCore.EventDelivery.SYNCHRONOUS) {
            runtime.start(new TestEventDispatcher(), EventDeliveryService.class);
        } else {
            runtime.start(new CoreEventDispatcher());
        }
        runtime.start(new MetricsManager(), MetricsService.class);
        runtime.start(new VersionManager());
        runtime.start(new SimpleComponentConfigStore(), ComponentConfigStore.class);
        runtime.start(new ComponentConfigManager());
    }

    // Core: application ids, id blocks.
    private void startCore() {
        registry.register(ApplicationService.class, new ApplicationServiceAdapter());
        runtime.start(new SimpleApplicationIdStore(), ApplicationIdStore.class);
        runtime.start(new SimpleIdBlockStore(), IdBlockStore.class);
        runtime.start(new CoreManager());
    }

    private void startClusterAndStorage() {
        registry.register(SystemService.class, new SandboxSystemService(shutdown));
        registry.register(UpgradeService.class, new UpgradeServiceAdapter());
        stores.start(runtime, registry);
    }

    private void startNetworkConfiguration() {
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
    }

    // Regions, mastership, devices, links, hosts, topology and paths.
    private void startNetwork() {
        runtime.start(new SandboxRegionStore(), RegionStore.class);
        runtime.start(new RegionManager());
        runtime.start(new SimpleMastershipStore(), MastershipStore.class);
        runtime.start(new MastershipManager());

        runtime.start(new SimpleDeviceStore(), DeviceStore.class);
        runtime.start(new DeviceManager());
        runtime.start(new SandboxLinkStore(), LinkStore.class);
        runtime.start(new LinkManager());

        // Hosts, with the edge and interface services HostManager needs
        registry.register(PacketService.class, new PacketServiceAdapter());
        runtime.start(new EdgeManager());
        runtime.start(new InterfaceManager());
        runtime.start(new SandboxHostStore(), HostStore.class);
        runtime.start(new HostManager());

        // DefaultTopologyProvider follows devices and links
        runtime.start(new SimpleTopologyStore(), TopologyStore.class);
        runtime.start(new TopologyManager());
        runtime.start(new DefaultTopologyProvider());
        runtime.start(new PathManager());
    }

    // DriverManager is enabled by DriverRegistryManager once the required
    // "default" driver is registered, as in ONOS.
    private void startDrivers() {
        registry.register(PiPipeconfService.class, new PiPipeconfServiceAdapter());
        runtime.start(new DriverRegistryManager());
        runtime.add(new DriverManager());
        registerDefaultDriver(registry.get(DriverAdminService.class));
        if (runtime.state(DriverManager.class.getName())
                .orElse(ComponentRuntime.State.INACTIVE) != ComponentRuntime.State.ACTIVE) {
            throw new IllegalStateException("DriverManager was not enabled by DriverRegistryManager");
        }
    }

    private void startFlowRulesAndMeters() {
        runtime.start(new SandboxFlowRuleStore(), FlowRuleStore.class);
        FlowRuleManager flowRuleManager = new FlowRuleManager();
        if (flowRuleThreads == SandboxCore.FlowRuleThreads.DIRECT) {
            useDirectExecutors(flowRuleManager);
        }
        runtime.start(flowRuleManager);

        runtime.start(MeterRelease.onClassPath().newStore(), MeterStore.class);
        runtime.start(new MeterManager());
    }

    // Registers ONOS's fallback driver. ONOS's own "default" driver (in
    // onos-drivers-default) carries OpenFlow pipeliners the sandbox does not
    // use; this one has no behaviours, so flow rules go to the provider
    // registered for the device's URI scheme rather than to a
    // FlowRuleProgrammable behaviour.
    private static void registerDefaultDriver(DriverAdminService drivers) {
        DefaultDriverProvider provider = new DefaultDriverProvider();
        provider.addDriver(new DefaultDriver(SandboxCore.DEFAULT_DRIVER, ImmutableList.of(),
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
}
