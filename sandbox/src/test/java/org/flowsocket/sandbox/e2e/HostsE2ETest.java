/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.sandbox.FlowSocketMount;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

/**
 * Hosts through FlowSocket next to ONOS's own host providers, checked
 * through ONOS's REST API: the providers' URI schemes, and hosts stored as
 * ONOS's distributed host store stores them.
 */
public class HostsE2ETest {

    private static E2eSandbox env;

    @BeforeClass
    public static void setUp() throws Exception {
        env = E2eSandbox.start(NodesE2ETest.linearWithSparePort(3, 5));
    }

    @AfterClass
    public static void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    public void restPostOfAHostSucceedsWhileFlowSocketIsActive() throws Exception {
        FlowSocketClient admin = env.admin();
        HttpResponse<String> posted = env.restPost("/hosts", "{\"mac\":\"00:00:00:00:00:31\",\"vlan\":\"None\","
                + "\"ipAddresses\":[\"10.0.0.31\"],\"locations\":[{\"elementId\":\"" + S2 + "\",\"port\":\"4\"}]}");
        assertEquals("POST /onos/v1/hosts: " + posted.body(), 201, posted.statusCode());

        JsonNode seen = admin.ok("{'type':'GetNode','ip':'10.0.0.31'}");
        assertEquals("00:00:00:00:00:31/None", seen.path("id").asText());
        assertEquals("online", seen.path("state").asText());
    }

    @Test
    public void flowSocketActivatesWhileAnotherProviderHoldsTheHostScheme() throws Exception {
        ComponentRuntime runtime = env.sandbox.core().runtime();
        HostProviderRegistry registry = env.sandbox.core().get(HostProviderRegistry.class);
        HostProvider netcfg = new NetcfgHostProvider();
        runtime.deactivate(FlowSocketMount.MANAGER_CLASS);
        try {
            HostProviderService service = registry.register(netcfg);
            runtime.activate(FlowSocketMount.MANAGER_CLASS);
            assertEquals(Optional.of(ComponentRuntime.State.ACTIVE), runtime.state(FlowSocketMount.MANAGER_CLASS));

            HostId configured = HostId.hostId(MacAddress.valueOf("00:00:00:00:00:32"), VlanId.NONE);
            service.hostDetected(configured, new DefaultHostDescription(configured.mac(), VlanId.NONE,
                    ImmutableSet.of(new HostLocation(ConnectPoint.deviceConnectPoint(S3 + "/4"), 0)),
                    ImmutableSet.of(IpAddress.valueOf("10.0.0.32")), true), true);

            FlowSocketClient admin = env.admin();
            assertEquals("the other provider's host is visible to FlowSocket", "00:00:00:00:00:32/None",
                         admin.ok("{'type':'GetNode','ip':'10.0.0.32'}").path("id").asText());
            admin.ok("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:33','ips':['10.0.0.33'],"
                     + "'location':{'deviceId':'" + S1 + "','port':4}}");
            assertNotNull("FlowSocket's host is in ONOS's REST API", restHost("00:00:00:00:00:33/None"));
            assertNotNull(restHost("00:00:00:00:00:32/None"));
        } finally {
            registry.unregister(netcfg);
            if (runtime.state(FlowSocketMount.MANAGER_CLASS).orElse(null) != ComponentRuntime.State.ACTIVE) {
                runtime.activate(FlowSocketMount.MANAGER_CLASS);
            }
        }
    }

    static JsonNode restHost(String id) throws Exception {
        for (JsonNode h : env.rest("/hosts").path("hosts")) {
            if (id.equalsIgnoreCase(h.path("id").asText())) {
                return h;
            }
        }
        return null;
    }

    /** A primary provider of the {@code host} scheme, as ONOS 2.5.6's NetworkConfigHostProvider. */
    private static final class NetcfgHostProvider extends AbstractProvider implements HostProvider {
        NetcfgHostProvider() {
            super(new ProviderId("host", "org.onosproject.netcfghostprovider"));
        }

        @Override
        public void triggerProbe(Host host) {
        }
    }
}
