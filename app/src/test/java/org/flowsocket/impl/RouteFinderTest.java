/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.Hop;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosproject.net.Host;
import org.onosproject.net.PortNumber;

import java.util.List;

import static org.junit.Assert.assertEquals;

/**
 * RouteFinder on its own: an IP address to its one host, and two hosts to
 * the ports of every hop between them.
 */
public class RouteFinderTest extends FlowPartsTestBase {

    @Test
    public void hopsFollowThePathFromHostPortToHostPort() {
        List<Hop> hops = parts.routes.hops(host("10.0.0.1"), host("10.0.0.3"));
        assertEquals(List.of(hop(1, 3, 2), hop(2, 1, 2), hop(3, 1, 3)), hops);
    }

    @Test
    public void hostsOnOneSwitchMakeOneHop() {
        parts.host("00:00:00:00:00:0a", "10.0.0.10", 1);
        // Both hosts sit on port 3 of switch 1 here: one hop from port to port.
        assertEquals(List.of(hop(1, 3, 3)), parts.routes.hops(host("10.0.0.1"), host("10.0.0.10")));
    }

    @Test
    public void unknownAddressIsUnknownHost() {
        QosFlowPlannerTest.expect(ErrorCode.UNKNOWN_HOST, "network.src",
                                  () -> parts.routes.hostOf(IpAddress.valueOf("10.0.0.7"), "network.src"));
    }

    @Test
    public void addressOfTwoHostsIsAmbiguous() {
        parts.host("00:00:00:00:00:02", "10.0.0.2", 2);
        parts.host("00:00:00:00:00:22", "10.0.0.2", 2);
        QosFlowPlannerTest.expect(ErrorCode.INVALID_FIELD, "network.dst",
                                  () -> parts.routes.hostOf(IpAddress.valueOf("10.0.0.2"), "network.dst"));
    }

    @Test
    public void cutLineHasNoPath() {
        parts.paths.cut(1);
        QosFlowPlannerTest.expect(ErrorCode.NO_PATH, null,
                                  () -> parts.routes.hops(host("10.0.0.1"), host("10.0.0.3")));
    }

    private Host host(String ip) {
        return parts.routes.hostOf(IpAddress.valueOf(ip), "ip");
    }

    private static Hop hop(int device, int in, int out) {
        return new Hop(FakeDevices.id(device), PortNumber.portNumber(in), PortNumber.portNumber(out));
    }
}
