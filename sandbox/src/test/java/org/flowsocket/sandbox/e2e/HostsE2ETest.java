/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.sandbox.FlowSocketMount;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.flowsocket.testkit.FlowSocketClient;
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
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S2;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

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

    @Test
    public void aHostWithTwoLocationsKeepsBoth() throws Exception {
        FlowSocketClient admin = env.admin();
        JsonNode host = admin.ok("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:41','ips':['10.0.0.41'],"
                + "'locations':[{'deviceId':'" + S1 + "','port':5},{'deviceId':'" + S2 + "','port':5}]}");
        assertEquals(host.toString(), Set.of(S1 + "/5", S2 + "/5"), locations(host));
        JsonNode listed = restHost("00:00:00:00:00:41/None");
        assertEquals("ONOS REST: " + listed, Set.of(S1 + "/5", S2 + "/5"), locations(listed));
    }

    @Test
    public void replacingAHostWithANewLocationMovesIt() throws Exception {
        FlowSocketClient admin = env.admin();
        admin.ok("{'type':'Subscribe','topics':['hosts']}");
        admin.ok("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:42','ips':['10.0.0.42'],"
                + "'location':{'deviceId':'" + S1 + "','port':4}}");
        JsonNode moved = admin.ok("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:42','ips':['10.0.0.42'],"
                + "'location':{'deviceId':'" + S3 + "','port':5},'replace':true}");
        assertEquals(moved.toString(), Set.of(S3 + "/5"), locations(moved));
        assertEquals("ONOS REST", Set.of(S3 + "/5"), locations(restHost("00:00:00:00:00:42/None")));

        JsonNode event = admin.awaitEvent("hosts", "HOST_MOVED",
                d -> "00:00:00:00:00:42/None".equals(d.path("host").path("id").asText()));
        assertEquals(event.toString(), Set.of(S3 + "/5"), locations(event.path("data").path("host")));
        assertEquals(event.toString(), Set.of(S1 + "/4"), locations(event.path("data").path("previous")));
    }

    @Test
    public void everyDocumentedHostFieldReachesOnos() throws Exception {
        FlowSocketClient admin = env.admin();
        admin.ok("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:43','vlan':100,"
                + "'ips':['10.0.0.43','10.0.1.43'],'location':{'deviceId':'" + S2 + "','port':5},"
                + "'name':'printer','annotations':{'rack':'r7','owner':'ops'}}");
        JsonNode listed = restHost("00:00:00:00:00:43/100");
        assertNotNull(env.rest("/hosts").toString(), listed);
        assertEquals("100", listed.path("vlan").asText());
        assertEquals(Set.of("10.0.0.43", "10.0.1.43"), texts(listed.path("ipAddresses")));
        assertEquals(Set.of(S2 + "/5"), locations(listed));
        assertEquals("printer", listed.path("annotations").path("name").asText());
        assertEquals("r7", listed.path("annotations").path("rack").asText());
        assertEquals("ops", listed.path("annotations").path("owner").asText());
        assertEquals(true, listed.path("configured").asBoolean());

        // Replacing makes the host what the request says: IPs, annotations and all.
        JsonNode replaced = admin.ok("{'type':'AddNode','kind':'host','mac':'00:00:00:00:00:43','vlan':100,"
                + "'ips':['10.0.2.43'],'location':{'deviceId':'" + S2 + "','port':5},"
                + "'annotations':{'rack':'r8'},'replace':true}");
        listed = restHost("00:00:00:00:00:43/100");
        assertEquals(Set.of("10.0.2.43"), texts(listed.path("ipAddresses")));
        assertEquals(listed.toString(), "r8", listed.path("annotations").path("rack").asText());
        assertTrue(listed.toString(), listed.path("annotations").path("name").isMissingNode());
        assertTrue(listed.toString(), listed.path("annotations").path("owner").isMissingNode());
        assertEquals(listed.path("annotations"), replaced.path("annotations"));
    }

    @Test
    public void aHostPostedThroughRestKeepsItsTwoLocations() throws Exception {
        HttpResponse<String> posted = env.restPost("/hosts", "{\"mac\":\"00:00:00:00:00:44\",\"vlan\":\"None\","
                + "\"ipAddresses\":[\"10.0.0.44\"],\"locations\":[{\"elementId\":\"" + S1 + "\",\"port\":\"5\"},"
                + "{\"elementId\":\"" + S3 + "\",\"port\":\"4\"}]}");
        assertEquals(posted.body(), 201, posted.statusCode());
        assertEquals(Set.of(S1 + "/5", S3 + "/4"), locations(restHost("00:00:00:00:00:44/None")));
        JsonNode seen = env.admin().ok("{'type':'GetNode','hostId':'00:00:00:00:00:44/None'}");
        assertEquals(Set.of(S1 + "/5", S3 + "/4"), locations(seen));
    }

    private static Set<String> locations(JsonNode host) {
        Set<String> out = new HashSet<>();
        host.path("locations").forEach(l -> out.add(l.path("elementId").asText() + "/" + l.path("port").asText()));
        return out;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
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
