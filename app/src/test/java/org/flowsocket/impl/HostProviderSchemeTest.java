/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.impl.node.HostNodes;
import org.junit.After;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

/**
 * FlowSocket's host provider next to ONOS's own: NetworkConfigHostProvider
 * and the REST API's {@code POST /onos/v1/hosts} both register a primary
 * provider of the {@code host} scheme, and ONOS's provider registries accept
 * one primary provider per scheme.
 */
public class HostProviderSchemeTest {

    /** As ONOS 2.5.6 NetworkConfigHostProvider.PROVIDER_ID. */
    private static final ProviderId NETCFG_HOST = new ProviderId("host", "org.onosproject.netcfghostprovider");

    private CoreFixture core;

    @After
    public void stop() {
        if (core != null) {
            core.stop();
        }
    }

    @Test
    public void flowSocketActivatesWhileAnotherProviderHoldsTheHostScheme() {
        AtomicReference<HostProviderService> netcfg = new AtomicReference<>();
        core = new CoreFixture(f -> netcfg.set(f.hosts.register(new OtherHostProvider(NETCFG_HOST))));
        assertEquals("both providers are registered: " + core.hosts.getProviders(),
                     2, core.hosts.providerCount());

        // A host from the other provider is visible to FlowSocket ...
        HostId configured = HostId.hostId(MacAddress.valueOf("00:00:00:00:00:21"), VlanId.NONE);
        netcfg.get().hostDetected(configured, new DefaultHostDescription(
                configured.mac(), VlanId.NONE, ImmutableSet.of(new HostLocation(FakeDevices.id(2),
                        PortNumber.portNumber(3), 0)), ImmutableSet.of(IpAddress.valueOf("10.0.0.21")), true), true);
        TestClient client = core.admin();
        JsonNode got = client.ok("{\"type\":\"GetNode\",\"ip\":\"10.0.0.21\"}");
        assertEquals("00:00:00:00:00:21/None", got.path("id").asText());

        // ... and FlowSocket's hosts are in the same store.
        client.ok(CoreTestBase.hostRequest("00:00:00:00:00:22", "10.0.0.22", 1));
        Host added = core.hosts.getHost(HostId.hostId(MacAddress.valueOf("00:00:00:00:00:22"), VlanId.NONE));
        assertNotNull(added);
        assertEquals(HostNodes.PROVIDER_ID, added.providerId());
    }

    @Test
    public void aHostSchemeProviderRegistersWhileFlowSocketIsActive() {
        core = new CoreFixture();
        // What HostsWebResource.createAndAddHost does for every POST /onos/v1/hosts.
        HostProvider rest = new OtherHostProvider(new ProviderId("host", "org.onosproject.rest"));
        HostProviderService service = core.hosts.register(rest);
        assertNotNull(service);
        core.hosts.unregister(rest);
    }

    private static final class OtherHostProvider extends AbstractProvider implements HostProvider {
        OtherHostProvider(ProviderId id) {
            super(id);
        }

        @Override
        public void triggerProbe(Host host) {
        }
    }
}
