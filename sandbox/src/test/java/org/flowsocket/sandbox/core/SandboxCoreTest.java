/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.junit.After;
import org.junit.Before;
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

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The core starts with ONOS's own managers behind each service.
 */
public class SandboxCoreTest {

    private SandboxCore core;

    @Before
    public void setUp() {
        core = SandboxCore.builder().build().start();
    }

    @After
    public void tearDown() {
        core.close();
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

    private void assertImpl(Class<?> service, String impl) {
        assertEquals(service.getSimpleName(), impl, core.get(service).getClass().getName());
    }
}
