/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableSet;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.SparseAnnotations;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostDescription;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.provider.ProviderId;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

/**
 * The sandbox's host store against what ONOS 2.5.6's DistributedHostStore
 * does (its DistributedHostStoreTest and HostLocationTracker).
 */
public class SandboxHostStoreTest {

    private static final ProviderId PID = new ProviderId("of", "test");
    private static final HostId HOST = HostId.hostId(MacAddress.valueOf("00:00:00:00:00:0a"), VlanId.NONE);
    private static final HostLocation L1 = location("of:0000000000000001/1");
    private static final HostLocation L2 = location("of:0000000000000002/1");
    private static final HostLocation L3 = location("of:0000000000000003/4");
    private static final IpAddress IP1 = IpAddress.valueOf("10.0.0.10");
    private static final IpAddress IP2 = IpAddress.valueOf("10.0.0.20");

    private final SandboxHostStore store = new SandboxHostStore();
    private final List<HostEvent> events = new CopyOnWriteArrayList<>();

    @Before
    public void setUp() {
        store.setDelegate(events::add);
    }

    private static HostLocation location(String cp) {
        return new HostLocation(ConnectPoint.deviceConnectPoint(cp), 0);
    }

    private static HostDescription description(Set<HostLocation> locations, Set<IpAddress> ips, boolean configured,
                                               SparseAnnotations annotations) {
        return new DefaultHostDescription(HOST.mac(), HOST.vlanId(), locations, ips, configured, annotations);
    }

    @Test
    public void aHostKeepsEveryLocationItIsDescribedWith() {
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L1, L2), ImmutableSet.of(IP1), false,
                                                        DefaultAnnotations.EMPTY), false);
        assertEquals(ImmutableSet.of(L1, L2), store.getHost(HOST).locations());
        assertEquals(1, events.size());
        assertEquals(HostEvent.Type.HOST_ADDED, events.get(0).type());
        assertEquals(ImmutableSet.of(store.getHost(HOST)), store.getConnectedHosts(L2.deviceId()));
    }

    @Test
    public void otherLocationsAreAMoveWithThePreviousHost() {
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L1), ImmutableSet.of(IP1), false,
                                                        DefaultAnnotations.EMPTY), false);
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L3), ImmutableSet.of(IP1), false,
                                                        DefaultAnnotations.EMPTY), false);
        assertEquals(ImmutableSet.of(L3), store.getHost(HOST).locations());
        HostEvent moved = events.get(1);
        assertEquals(HostEvent.Type.HOST_MOVED, moved.type());
        assertEquals(ImmutableSet.of(L1), moved.prevSubject().locations());
        assertEquals(ImmutableSet.of(L3), moved.subject().locations());
    }

    @Test
    public void anUnchangedDescriptionRaisesNothingAndIpsAddUpUnlessReplaced() {
        HostDescription d = description(ImmutableSet.of(L1), ImmutableSet.of(IP1), false, DefaultAnnotations.EMPTY);
        store.createOrUpdateHost(PID, HOST, d, false);
        store.createOrUpdateHost(PID, HOST, d, false);
        assertEquals(1, events.size());

        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L1), ImmutableSet.of(IP2), false,
                                                        DefaultAnnotations.EMPTY), false);
        assertEquals(ImmutableSet.of(IP1, IP2), store.getHost(HOST).ipAddresses());
        assertEquals(HostEvent.Type.HOST_UPDATED, events.get(1).type());
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L1), ImmutableSet.of(IP2), false,
                                                        DefaultAnnotations.EMPTY), true);
        assertEquals(ImmutableSet.of(IP2), store.getHost(HOST).ipAddresses());
        assertEquals(ImmutableSet.of(), store.getHosts(IP1));
    }

    @Test
    public void aConfiguredHostIsNotOverriddenByALearntOne() {
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L1), ImmutableSet.of(IP1), true,
                                                        DefaultAnnotations.EMPTY), true);
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L2), ImmutableSet.of(IP2), false,
                                                        DefaultAnnotations.EMPTY), false);
        assertEquals(ImmutableSet.of(L1), store.getHost(HOST).locations());
        assertEquals(1, events.size());
    }

    @Test
    public void annotationsMergeAndRemovalMarkersRemove() {
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L1), ImmutableSet.of(IP1), true,
                DefaultAnnotations.builder().set("name", "a").set("rack", "r1").build()), true);
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L1), ImmutableSet.of(IP1), true,
                DefaultAnnotations.builder().set("rack", "r2").remove("name").build()), true);
        assertEquals("r2", store.getHost(HOST).annotations().value("rack"));
        assertNull(store.getHost(HOST).annotations().value("name"));
    }

    @Test
    public void appendingALocationReplacesTheOneOnTheSameSwitchAndRemovingTheLastRemovesTheHost() {
        store.createOrUpdateHost(PID, HOST, description(ImmutableSet.of(L1, L2), ImmutableSet.of(IP1), false,
                                                        DefaultAnnotations.EMPTY), false);
        HostLocation l1b = location("of:0000000000000001/7");
        store.appendLocation(HOST, l1b);
        assertEquals(ImmutableSet.of(l1b, L2), store.getHost(HOST).locations());
        assertEquals(HostEvent.Type.HOST_MOVED, events.get(1).type());
        store.removeLocation(HOST, l1b);
        store.removeLocation(HOST, L2);
        assertNull(store.getHost(HOST));
        assertEquals(HostEvent.Type.HOST_REMOVED, events.get(events.size() - 1).type());
    }
}
