/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.api.FlowSocketNodeService;
import org.flowsocket.api.FlowTrafficService;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.Role;
import org.onlab.packet.IpAddress;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.net.topology.PathService;
import org.onosproject.net.topology.TopologyServiceAdapter;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.driver.DriverService;
import org.onosproject.net.driver.DriverServiceAdapter;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final TestCluster cluster = new TestCluster();
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
        TestCluster.Node node = cluster.node("node1");
        manager.clusterService = node.clusterService;
        manager.leadershipService = node.leadershipService;
        manager.clusterCommunicator = new ClusterCommunicationServiceAdapter();
        manager.topologyService = new TopologyServiceAdapter();
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

    /**
     * Makes a switch refuse every rule sent to it from now on, as ONOS
     * reports a switch's OpenFlow error.
     *
     * @param device switch number, 1 to 3
     */
    public void refuseRulesOn(int device) {
        switches.refuseOn(FakeDevices.id(device));
    }

    /**
     * Has every switch report the same counters for each rule it holds, as
     * ONOS stores a flow statistics reply (the rules become ADDED).
     *
     * @param packets     packets each rule matched since it was installed
     * @param bytes       bytes each rule matched since it was installed
     * @param lifeSeconds each rule's life
     */
    public void countRules(long packets, long bytes, long lifeSeconds) {
        switches.count(packets, bytes, lifeSeconds, true);
    }

    /**
     * Has every switch report counters as {@link #countRules} does, but
     * this node hears no RULE_ADDED or RULE_UPDATED of them: ONOS posts
     * those only on the master of the rules' device.
     *
     * @param packets     packets each rule matched since it was installed
     * @param bytes       bytes each rule matched since it was installed
     * @param lifeSeconds each rule's life
     */
    public void countRulesAsNonMaster(long packets, long bytes, long lifeSeconds) {
        switches.count(packets, bytes, lifeSeconds, false);
    }

    /**
     * Sends a request as the administrator {@code onos} and returns its
     * result, failing on an error reply: what the protocol writes.
     *
     * @param request request text
     * @return the reply's result
     */
    public JsonNode result(String request) {
        return admin().ok(request);
    }

    /**
     * Returns the services of this core by the interface OSGi registers
     * them under, for code that looks services up (e.g. shell commands).
     *
     * @return services by interface
     */
    public Map<Class<?>, Object> services() {
        return ImmutableMap.<Class<?>, Object>builder()
                .put(QosFlowService.class, manager).put(FlowSocketNodeService.class, manager)
                .put(FlowSocketAdminService.class, manager).put(FlowTrafficService.class, manager)
                .put(CodecService.class, codecs)
                .put(DeviceService.class, devices).put(DriverService.class, manager.driverService)
                .put(HostService.class, hosts).put(CoreService.class, manager.coreService)
                .put(FlowRuleService.class, switches)
                .put(LinkService.class, manager.linkService).put(PathService.class, paths).put(NetworkConfigService.class, netcfg).build();
    }

    /** Stops the core; stopping twice is harmless. */
    public void stop() {
        if (!stopped) {
            stopped = true;
            manager.deactivate();
            codecs.deactivate();
            cluster.stop();
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
