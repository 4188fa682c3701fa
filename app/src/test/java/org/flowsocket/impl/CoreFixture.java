/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.Role;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.driver.DriverServiceAdapter;
import org.onosproject.net.link.LinkServiceAdapter;
import org.onosproject.store.service.TestStorageService;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FlowSocket's real command core wired to ONOS's test adapters and the
 * fakes of this package: three switches in a line, an empty host store.
 */
final class CoreFixture {

    final FlowSocketManager manager = new FlowSocketManager();
    final FakeDevices devices = new FakeDevices(3);
    final FakeHosts hosts = new FakeHosts();
    final LinearPaths paths = new LinearPaths(3);
    final FakeSwitches switches = new FakeSwitches();
    final FakeMeters meters = new FakeMeters();
    final FakeNetworkConfig netcfg = new FakeNetworkConfig();
    final CodecManager codecs = new CodecManager();

    CoreFixture() {
        codecs.activate();
        manager.coreService = new TestCoreService();
        manager.cfgService = new ComponentConfigAdapter();
        manager.codecService = codecs;
        manager.deviceService = devices;
        manager.deviceAdminService = devices;
        manager.driverService = new DriverServiceAdapter();
        manager.hostService = hosts;
        manager.hostAdminService = hosts;
        manager.hostProviderRegistry = hosts;
        manager.linkService = new LinkServiceAdapter();
        manager.pathService = paths;
        manager.flowRuleService = switches;
        manager.meterService = meters;
        manager.networkConfigService = netcfg;
        manager.storageService = new TestStorageService();
        manager.activate(null);
    }

    TestClient connect(String user, Role role) {
        return new TestClient(manager, ClientIdentity.builder().user(user).role(role)
                .remoteAddress("127.0.0.1").transport("test").build());
    }

    TestClient admin() {
        return connect("onos", Role.ADMIN);
    }

    void stop() {
        manager.deactivate();
        codecs.deactivate();
    }

    static final class TestCoreService extends CoreServiceAdapter {
        private final Map<String, ApplicationId> ids = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public ApplicationId registerApplication(String name) {
            return ids.computeIfAbsent(name, n -> new DefaultApplicationId(next.getAndIncrement(), n));
        }

        @Override
        public ApplicationId getAppId(String name) {
            return ids.get(name);
        }
    }
}
