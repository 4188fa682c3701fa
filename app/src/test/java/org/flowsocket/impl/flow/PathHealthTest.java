/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.ChassisId;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.common.DefaultTopology;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.ElementId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.Path;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.NetworkConfigServiceAdapter;
import org.onosproject.net.config.basics.BandwidthCapacity;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.net.link.LinkServiceAdapter;
import org.onosproject.net.provider.ProviderId;
import org.onosproject.net.topology.DefaultGraphDescription;
import org.onosproject.net.topology.LinkWeigher;
import org.onosproject.net.topology.PathServiceAdapter;
import org.onosproject.store.service.TestStorageService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Path computation around failures, held-down links and unacceptable links,
 * on ONOS's own topology and path search (onos-core-common DefaultTopology,
 * which ONOS's PathManager asks through TopologyService) over a ring of four
 * switches: switch i reaches i+1 on port 3 and i-1 on port 2, hosts on port 1.
 */
public class PathHealthTest {

    private static final ProviderId PID = new ProviderId("of", "test");
    private static final long HOLD_DOWN = 2000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Map<LinkKey, Link> links = new HashMap<>();
    private final List<Device> devices = new ArrayList<>();
    private final Map<ConnectPoint, Long> configuredMbps = new HashMap<>();
    private final Set<ConnectPoint> portsDown = new HashSet<>();
    private final Set<DeviceId> offline = new HashSet<>();
    private PathHealth health;
    private RouteFinder routes;
    private BandwidthAdmission admission;

    @Before
    public void ring() {
        for (int i = 1; i <= 4; i++) {
            devices.add(new DefaultDevice(PID, id(i), Device.Type.SWITCH, "test", "1", "1", "s" + i,
                                          new ChassisId(i)));
        }
        DeviceServiceAdapter deviceService = new DeviceServiceAdapter() {
            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return !offline.contains(deviceId);
            }

            // Every port reports 1 Gb/s.
            @Override
            public Port getPort(DeviceId deviceId, PortNumber portNumber) {
                return new DefaultPort(devices.get(0), portNumber,
                                       !portsDown.contains(new ConnectPoint(deviceId, portNumber)),
                                       Port.Type.COPPER, 1000);
            }
        };
        NetworkConfigServiceAdapter netcfg = new NetworkConfigServiceAdapter() {
            @Override
            @SuppressWarnings("unchecked")
            public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
                Long mbps = configuredMbps.get(subject);
                if (mbps == null || configClass != BandwidthCapacity.class) {
                    return null;
                }
                // As an operator writes it (ONOS 2.5.6 BandwidthCapacity.capacity(Bandwidth) would store b/s
                // in capacityMbps).
                BandwidthCapacity config = new BandwidthCapacity();
                ObjectMapper mapper = new ObjectMapper();
                config.init((ConnectPoint) subject, BandwidthCapacity.CONFIG_KEY,
                            mapper.createObjectNode().put("capacityMbps", mbps), mapper, c -> { });
                return (C) config;
            }
        };
        LinkServiceAdapter linkService = new LinkServiceAdapter() {
            @Override
            public Link getLink(ConnectPoint src, ConnectPoint dst) {
                return links.get(LinkKey.linkKey(src, dst));
            }
        };
        // As ONOS 2.5.6 PathManager: paths from the current topology, through the given weigher.
        PathServiceAdapter pathService = new PathServiceAdapter() {
            @Override
            public Set<Path> getPaths(ElementId src, ElementId dst, LinkWeigher weigher) {
                DefaultTopology topology = new DefaultTopology(PID, new DefaultGraphDescription(
                        System.nanoTime(), now.get(), devices, links.values()));
                return topology.getPaths((DeviceId) src, (DeviceId) dst, weigher);
            }
        };
        health = new PathHealth(deviceService, linkService, () -> HOLD_DOWN, now::get);
        routes = new RouteFinder(new HostServiceAdapter(), pathService);
        admission = new BandwidthAdmission(routes, health, new LinkCapacities(deviceService, netcfg),
                                           new BandwidthReservations(new TestStorageService(), new ObjectMapper()));
        for (int i = 1; i <= 4; i++) {
            cable(i, i % 4 + 1, true);
        }
        // The ring has been up for longer than the hold-down.
        now.addAndGet(HOLD_DOWN);
    }

    @Test
    public void theShortestPathIsTakenWhenAllIsUp() {
        assertEquals(List.of("1 1>3", "2 2>1"), hops(routes.hops(host(1), host(2), health.weigher(l -> true))));
    }

    @Test
    public void aCutLinkBreaksThePathAndIsAvoided() {
        List<Hop> path = routes.hops(host(1), host(2), health.weigher(l -> true));
        cable(1, 2, false);
        assertEquals(Optional.of("link " + id(1) + "/3-" + id(2) + "/2 went down"), health.failureOf(path));
        assertFalse(health.usable(path));
        assertEquals(List.of("1 1>2", "4 3>2", "3 3>2", "2 3>1"),
                     hops(routes.hops(host(1), host(2), health.weigher(l -> true))));
    }

    @Test
    public void aPortDownBreaksThePathAfterAnyLinkOrDevice() {
        List<Hop> path = routes.hops(host(1), host(2), health.weigher(l -> true));
        portsDown.add(new ConnectPoint(id(2), PortNumber.portNumber(1)));
        assertEquals(Optional.of("port " + id(2) + "/1 went down"), health.failureOf(path));
        cable(1, 2, false);
        assertEquals(Optional.of("link " + id(1) + "/3-" + id(2) + "/2 went down"), health.failureOf(path));
    }

    // ONOS reports a switch offline first, then its links vanish one by one.
    @Test
    public void aDeviceOfflineIsNamedBeforeTheLinksItTookDown() {
        List<Hop> path = routes.hops(host(1), host(2), health.weigher(l -> true));
        offline.add(id(2));
        assertEquals(Optional.of("device " + id(2) + " went offline"), health.failureOf(path));
        cable(1, 2, false);
        assertEquals(Optional.of("device " + id(2) + " went offline"), health.failureOf(path));
    }

    // A cut cable: the switches report the ports down before ONOS drops the link.
    @Test
    public void aCableCutIsNamedAsItsLinkWhicheverEventComesFirst() {
        List<Hop> path = routes.hops(host(1), host(2), health.weigher(l -> true));
        portsDown.add(new ConnectPoint(id(1), PortNumber.portNumber(3)));
        assertEquals(Optional.of("link " + id(1) + "/3-" + id(2) + "/2 went down"), health.failureOf(path));
        cable(1, 2, false);
        assertEquals(Optional.of("link " + id(1) + "/3-" + id(2) + "/2 went down"), health.failureOf(path));
    }

    @Test
    public void aLinkThatCameUpIsHeldDown() {
        List<Hop> direct = routes.hops(host(1), host(2), health.weigher(l -> true));
        cable(1, 2, false);
        cable(1, 2, true);
        assertTrue("whole again", health.failureOf(direct).isEmpty());
        assertFalse("but held down", health.usable(direct));
        assertEquals(HOLD_DOWN, health.holdDownLeftMillis());
        assertEquals(4, routes.hops(host(1), host(2), health.weigher(l -> true)).size());

        now.addAndGet(HOLD_DOWN - 1);
        assertEquals(1, health.holdDownLeftMillis());
        assertFalse(health.usable(direct));
        now.addAndGet(1);
        assertEquals(0, health.holdDownLeftMillis());
        assertTrue(health.usable(direct));
        assertEquals(direct, routes.hops(host(1), host(2), health.weigher(l -> true)));
    }

    // ONOS's LinkManager changes its link store, then posts LINK_ADDED to its
    // listeners' dispatch queue: a review can find the link listed first.
    @Test
    public void aLinkBackInOnosIsNotTrustedBeforeItsReturnIsHeard() {
        List<Hop> direct = routes.hops(host(1), host(2), health.weigher(l -> true));
        cable(1, 2, false);
        now.addAndGet(10 * HOLD_DOWN);
        cableLinks(1, 2).forEach(link -> links.put(LinkKey.linkKey(link), link));
        assertTrue("ONOS lists it again", health.failureOf(direct).isEmpty());
        assertFalse("its return not heard yet", health.usable(direct));
        assertEquals(4, routes.hops(host(1), host(2), health.weigher(l -> true)).size());

        cable(1, 2, true);
        assertFalse("held down from its return", health.usable(direct));
        now.addAndGet(HOLD_DOWN);
        assertTrue(health.usable(direct));
        assertEquals(direct, routes.hops(host(1), host(2), health.weigher(l -> true)));
    }

    @Test
    public void linksTheTestRefusesAreAvoidedAndNoPathIsTyped() {
        Set<DeviceId> refused = ImmutableSet.of(id(2));
        LinkWeigher avoidLinksInto2From1 = health.weigher(l -> !(l.src().deviceId().equals(id(1))
                && refused.contains(l.dst().deviceId())));
        assertEquals(4, routes.hops(host(1), host(2), avoidLinksInto2From1).size());
        cable(3, 4, false);
        try {
            routes.hops(host(1), host(2), avoidLinksInto2From1);
            fail("found a path through refused or missing links");
        } catch (FlowSocketException e) {
            assertEquals(ErrorCode.NO_PATH, e.code());
        }
    }

    @Test
    public void aReservingFlowTakesTheShortestPathWithRoomOnEveryLink() {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"), IpAddress.valueOf("10.0.0.2"))
                .bandwidthKbps(600_000L).build();
        // Ports report 1 Gb/s; ONOS's bandwidthCapacity configuration lowers one end of s1-s2 to 500 Mb/s.
        configuredMbps.put(new ConnectPoint(id(2), PortNumber.portNumber(2)), 500L);
        List<Hop> path = admission.newPath("fs-1", spec, host(1), host(2));
        assertEquals(List.of("1 1>2", "4 3>2", "3 3>2", "2 3>1"), hops(path));
        admission.reserve("fs-1", spec, path);

        // The long way round now has 400 Mb/s left, the direct link 500: nothing fits 600 Mb/s.
        try {
            admission.newPath("fs-2", spec, host(1), host(2));
            fail("admitted beyond capacity");
        } catch (FlowSocketException e) {
            assertEquals(ErrorCode.NO_CAPACITY, e.code());
            assertEquals("the shortest path's tightest link", id(1) + "/3-" + id(2) + "/2",
                         e.details().path("link").asText());
            assertEquals(500_000, e.details().path("capacityKbps").asLong());
            assertEquals(0, e.details().path("reservedKbps").asLong());
        }
        // A flow that reserves less fits on the direct link.
        NetworkFlowSpec small = NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"), IpAddress.valueOf("10.0.0.2"))
                .bandwidthKbps(400_000L).build();
        assertEquals(List.of("1 1>3", "2 2>1"), hops(admission.newPath("fs-3", small, host(1), host(2))));
        // Its own reservation does not count against a flow that moves.
        cable(1, 2, false);
        assertEquals(4, admission.reroutePath("fs-1", spec, host(1), host(2)).size());
    }

    // Cables switch a (port 3) to switch b (port 2), both directions; up adds, down removes.
    private void cable(int a, int b, boolean up) {
        for (Link link : cableLinks(a, b)) {
            if (up) {
                links.put(LinkKey.linkKey(link), link);
                health.linkEvent(new LinkEvent(LinkEvent.Type.LINK_ADDED, link));
            } else if (links.remove(LinkKey.linkKey(link)) != null) {
                health.linkEvent(new LinkEvent(LinkEvent.Type.LINK_REMOVED, link));
            }
        }
    }

    // Both directions of the cable from switch a's port 3 to switch b's port 2.
    private static List<Link> cableLinks(int a, int b) {
        ConnectPoint one = new ConnectPoint(id(a), PortNumber.portNumber(3));
        ConnectPoint two = new ConnectPoint(id(b), PortNumber.portNumber(2));
        return List.of(link(one, two), link(two, one));
    }

    private static Link link(ConnectPoint src, ConnectPoint dst) {
        return DefaultLink.builder().providerId(PID).src(src).dst(dst).type(Link.Type.DIRECT)
                .state(Link.State.ACTIVE).build();
    }

    private static Host host(int i) {
        MacAddress mac = MacAddress.valueOf(i);
        return new DefaultHost(PID, HostId.hostId(mac), mac, VlanId.NONE,
                               new HostLocation(id(i), PortNumber.portNumber(1), 0), ImmutableSet.of());
    }

    private static DeviceId id(int i) {
        return DeviceId.deviceId(String.format("of:%016x", i));
    }

    private static List<String> hops(List<Hop> path) {
        return path.stream().map(h -> Long.parseLong(h.deviceId().toString().substring(3), 16) + " "
                + h.inPort() + ">" + h.outPort()).collect(Collectors.toList());
    }
}
