/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.Waits;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.net.link.LinkService;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Links of the topology file on switches played by the test: a port that
 * loses its link takes the link away, as ONOS's LLDP link provider does, and
 * the link is back once both its ports are up again. Runs in the normal
 * build, without Open vSwitch.
 */
public class OpenFlowLinksTest {

    private static final DeviceId S1 = NetworkSpec.switchId(1);
    private static final DeviceId S2 = NetworkSpec.switchId(2);
    /** Two cables between the switches: port 1 to port 1, port 2 to port 2. */
    private static final String TOPOLOGY = "{'devices':[{'id':'" + S1 + "'},{'id':'" + S2 + "'}],"
            + "'links':[{'src':'" + S1 + "/1','dst':'" + S2 + "/1'},{'src':'" + S1 + "/2','dst':'" + S2 + "/2'}]}";

    private SandboxCore core;
    private OpenFlowSouthbound southbound;
    private FakeSwitch s1;
    private FakeSwitch s2;
    private LinkService links;
    private final List<LinkEvent> linkEvents = new CopyOnWriteArrayList<>();

    @Before
    public void setUp() throws Exception {
        core = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start();
        links = core.get(LinkService.class);
        links.addListener(linkEvents::add);
        NetworkSpec spec = NetworkSpec.fromJson(new ObjectMapper().readTree(TOPOLOGY.replace('\'', '"')));
        southbound = new OpenFlowSouthbound(core.services(), spec, new InetSocketAddress("127.0.0.1", 0)).start();
        s1 = new FakeSwitch(southbound.address(), 1);
        s2 = new FakeSwitch(southbound.address(), 2);
        assertTrue("handshakes", southbound.awaitDevices(2, Duration.ofSeconds(10)));
        waitFor("both cables' links, both ways", () -> links.getLinkCount() == 4);
    }

    @After
    public void tearDown() throws Exception {
        s1.close();
        s2.close();
        southbound.close();
        core.close();
    }

    @Test
    public void aPortThatLosesItsLinkTakesTheLinkAwayBothWays() throws Exception {
        // A cut veth: both ends lose the carrier; the first report is enough.
        s1.portStatus(2, false);
        waitFor("the cut cable's links vanish", () -> links.getLinkCount() == 2);
        assertEquals("the other cable stays", Set.of(S1 + "/1>" + S2 + "/1", S2 + "/1>" + S1 + "/1"), linkNames());
        assertEquals(Set.of(S1 + "/2>" + S2 + "/2", S2 + "/2>" + S1 + "/2"), linkEvents.stream()
                .filter(e -> e.type() == LinkEvent.Type.LINK_REMOVED).map(e -> name(e.subject()))
                .collect(Collectors.toSet()));
        s2.portStatus(2, false);
        assertEquals(2, links.getLinkCount());
    }

    @Test
    public void theLinkComesBackOnceBothPortsAreUp() throws Exception {
        s1.portStatus(2, false);
        s2.portStatus(2, false);
        DeviceService devices = core.get(DeviceService.class);
        waitFor("both ports down", () -> !devices.getPort(new ConnectPoint(S1, port(2))).isEnabled()
                && !devices.getPort(new ConnectPoint(S2, port(2))).isEnabled());
        waitFor("the links vanish", () -> links.getLinkCount() == 2);

        s1.portStatus(2, true);
        waitFor("s1's port up", () -> devices.getPort(new ConnectPoint(S1, port(2))).isEnabled());
        // The southbound handles ONOS's port event on its own thread: let a round trip through it pass.
        southbound.pollStatistics();
        Thread.sleep(200);
        assertEquals("no link while s2's end is down", 2, links.getLinkCount());

        s2.portStatus(2, true);
        waitFor("the link is back, both ways", () -> links.getLinkCount() == 4);
        assertTrue(linkNames().containsAll(Set.of(S1 + "/2>" + S2 + "/2", S2 + "/2>" + S1 + "/2")));
    }

    private Set<String> linkNames() {
        return StreamSupport.stream(links.getLinks().spliterator(), false).map(OpenFlowLinksTest::name)
                .collect(Collectors.toSet());
    }

    private static String name(Link l) {
        return l.src().deviceId() + "/" + l.src().port() + ">" + l.dst().deviceId() + "/" + l.dst().port();
    }

    private static PortNumber port(long n) {
        return PortNumber.portNumber(n);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        Waits.until(what, Duration.ofSeconds(10), condition);
    }
}
