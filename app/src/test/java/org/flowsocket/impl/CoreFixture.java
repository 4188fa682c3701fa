/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.Role;
import org.onlab.packet.IpAddress;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.mastership.MastershipServiceAdapter;
import org.onosproject.net.topology.TopologyServiceAdapter;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.driver.DriverServiceAdapter;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onosproject.net.DeviceId;
import org.onosproject.net.driver.DefaultDriver;
import org.onosproject.net.driver.Driver;
import org.osgi.service.component.ComponentContext;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FlowSocket's real command core wired to ONOS's test adapters and the
 * fakes of this package: three switches in a line, an empty host store,
 * a driver for every device and named application ids (as ONOS always
 * has), and a store whose map events arrive in order (see
 * {@link OrderedStorage}).
 */
public final class CoreFixture {

    public final FlowSocketManager manager = new FlowSocketManager();
    final FakeDevices devices = new FakeDevices(3);
    final FakeHosts hosts = new FakeHosts();
    final LinearPaths paths = new LinearPaths(3);
    final FakeSwitches switches = new FakeSwitches();
    final FakeMeters meters = new FakeMeters();
    final FakeNetworkConfig netcfg = new FakeNetworkConfig();
    final CodecManager codecs = new CodecManager();
    private boolean stopped;

    public CoreFixture() {
        this(fixture -> { });
    }

    /**
     * Creates the core; {@code beforeActivation} prepares ONOS's side (e.g.
     * registers other providers) before FlowSocket's component activates.
     */
    CoreFixture(Consumer<CoreFixture> beforeActivation) {
        codecs.activate();
        manager.coreService = new NamedApps();
        manager.cfgService = new ComponentConfigAdapter();
        manager.codecService = codecs;
        manager.deviceService = devices;
        manager.deviceAdminService = devices;
        manager.driverService = new OneDriver();
        manager.hostService = hosts;
        manager.hostAdminService = hosts;
        manager.hostProviderRegistry = hosts;
        manager.linkService = new FakeLinks(3);
        manager.pathService = paths;
        manager.flowRuleService = switches;
        manager.meterService = meters;
        manager.networkConfigService = netcfg;
        manager.storageService = new OrderedStorage();
        manager.topologyService = new TopologyServiceAdapter();
        manager.mastershipService = new MastershipServiceAdapter();
        manager.clusterService = new ClusterServiceAdapter();
        beforeActivation.accept(this);
        manager.activate(null);
    }

    TestClient connect(String user, Role role) {
        return new TestClient(manager, ClientIdentity.builder().user(user).role(role)
                .remoteAddress("127.0.0.1").transport("test").build());
    }

    TestClient admin() {
        return connect("onos", Role.ADMIN);
    }

    /**
     * Adds a host on port 3 of switch n, as AddNode does.
     *
     * @param mac    MAC address
     * @param ip     IP address
     * @param device switch number, 1 to 3
     */
    public void addHost(String mac, IpAddress ip, int device) {
        admin().ok(CoreTestBase.hostRequest(mac, ip.toString(), device));
    }

    /** Stops the core; stopping twice is harmless. */
    public void stop() {
        if (!stopped) {
            stopped = true;
            manager.deactivate();
            codecs.deactivate();
        }
    }

    /** Changes the core's settings as {@code cfg set} would. */
    void configure(Map<String, Object> properties) {
        manager.modified(context(properties));
    }

    short appId() {
        return manager.coreService.getAppId("org.flowsocket.app").id();
    }

    /** A component context that only carries properties. */
    static ComponentContext context(Map<String, Object> properties) {
        Hashtable<String, Object> dictionary = new Hashtable<>(properties);
        return (ComponentContext) Proxy.newProxyInstance(
                CoreFixture.class.getClassLoader(), new Class<?>[]{ComponentContext.class}, (proxy, method, args) -> {
                    if ("getProperties".equals(method.getName())) {
                        return dictionary;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static final class OneDriver extends DriverServiceAdapter {
        private final Driver driver = new DefaultDriver("default", ImmutableList.of(), "test", "1", "1",
                                                        ImmutableMap.of(), ImmutableMap.of());

        @Override
        public Driver getDriver(DeviceId deviceId) {
            return driver;
        }
    }

    static final class NamedApps extends CoreServiceAdapter {
        private final Map<String, ApplicationId> byName = new ConcurrentHashMap<>();
        private final Map<Short, ApplicationId> byId = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public ApplicationId registerApplication(String name) {
            return byName.computeIfAbsent(name, n -> {
                ApplicationId id = new DefaultApplicationId(next.getAndIncrement(), n);
                byId.put(id.id(), id);
                return id;
            });
        }

        @Override
        public ApplicationId getAppId(String name) {
            return byName.get(name);
        }

        @Override
        public ApplicationId getAppId(Short id) {
            return byId.get(id);
        }
    }
}
