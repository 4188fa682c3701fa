/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.cluster.ClusterService;
import org.onosproject.codec.CodecService;
import org.onosproject.core.CoreService;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.driver.DriverService;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.net.topology.PathService;
import org.onosproject.net.topology.TopologyService;

import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The core starts with ONOS's own managers behind each service, on ONOS's
 * real distributed store by default.
 */
public class SandboxCoreTest {

    private static SandboxCore core;

    @BeforeClass
    public static void setUp() {
        core = SandboxCore.builder().build().start();
    }

    @AfterClass
    public static void tearDown() {
        core.close();
    }

    @Test
    public void storageIsOnosRaftStore() throws Exception {
        assertEquals(SandboxCore.Store.RAFT, core.store());
        assertImpl(StorageService.class, "org.onosproject.store.atomix.primitives.impl.StorageManager");
        assertImpl(ClusterService.class, "org.onosproject.cluster.impl.ClusterManager");
        ClusterService cluster = core.get(ClusterService.class);
        assertEquals(ControllerNode.State.ACTIVE, cluster.getState(cluster.getLocalNode().id()));
        assertEquals(1, cluster.getNodes().size());

        // A map on the Raft partition group: values go through the map's
        // serializer; listeners hear of changes on Atomix's threads, after
        // the change returned.
        StorageService storage = core.get(StorageService.class);
        ConsistentMap<String, String> map = storage.<String, String>consistentMapBuilder()
                .withName("sandbox-core-test").withSerializer(Serializer.using(KryoNamespaces.API)).build();
        BlockingQueue<MapEvent<String, String>> events = new LinkedBlockingQueue<>();
        map.addListener(events::add);
        map.put("k", "v");
        MapEvent<String, String> event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull("no map event", event);
        assertEquals(MapEvent.Type.INSERT, event.type());
        assertEquals("v", event.newValue().value());
        assertEquals("v", map.get("k").value());
        assertEquals(1, storage.getAtomicCounter("sandbox-core-test-ids").incrementAndGet());
    }

    @Test
    public void leadershipRunsOnAtomixLeaderElector() {
        assertImpl(LeadershipService.class, "org.onosproject.cluster.impl.LeadershipManager");
        LeadershipService leadership = core.get(LeadershipService.class);
        NodeId local = core.get(ClusterService.class).getLocalNode().id();
        assertEquals(local, leadership.runForLeadership("sandbox-core-test").leaderNodeId());
        assertEquals(local, leadership.getLeader("sandbox-core-test"));
        leadership.withdraw("sandbox-core-test");
    }

    @Test
    public void servicesAreOnosManagers() {
        assertImpl(CoreService.class, "org.onosproject.core.impl.CoreManager");
        assertImpl(ClusterService.class, "org.onosproject.cluster.impl.ClusterManager");
        assertImpl(MastershipService.class, "org.onosproject.cluster.impl.MastershipManager");
        assertImpl(ComponentConfigService.class, "org.onosproject.cfg.impl.ComponentConfigManager");
        assertImpl(NetworkConfigService.class, "org.onosproject.net.config.impl.NetworkConfigManager");
        assertImpl(DeviceService.class, "org.onosproject.net.device.impl.DeviceManager");
        assertImpl(LinkService.class, "org.onosproject.net.link.impl.LinkManager");
        assertImpl(HostService.class, "org.onosproject.net.host.impl.HostManager");
        assertImpl(TopologyService.class, "org.onosproject.net.topology.impl.TopologyManager");
        assertImpl(PathService.class, "org.onosproject.net.topology.impl.PathManager");
        assertImpl(DriverService.class, "org.onosproject.net.driver.impl.DriverManager");
        assertImpl(FlowRuleService.class, "org.onosproject.net.flow.impl.FlowRuleManager");
        assertImpl(CodecService.class, "org.onosproject.codec.impl.CodecManager");
    }

    @Test
    public void coreRegistersApplications() {
        CoreService coreService = core.get(CoreService.class);
        assertNotNull(coreService.getAppId("org.onosproject.core"));
        assertEquals("org.flowsocket.test",
                coreService.registerApplication("org.flowsocket.test").name());
        assertNotNull(coreService.getIdGenerator("test").getNewId());
    }

    @Test
    public void componentPropertiesAreRegistered() {
        ComponentConfigService cfg = core.get(ComponentConfigService.class);
        assertTrue(cfg.getComponentNames().contains("org.onosproject.net.flow.impl.FlowRuleManager"));
        assertNotNull(cfg.getProperty("org.onosproject.net.flow.impl.FlowRuleManager",
                "fallbackFlowPollFrequency"));
    }

    private static void assertImpl(Class<?> service, String impl) {
        assertEquals(service.getSimpleName(), impl, core.get(service).getClass().getName());
    }
}
