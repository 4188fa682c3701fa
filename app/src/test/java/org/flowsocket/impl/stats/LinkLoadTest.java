/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DefaultPortStatistics;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.device.PortStatistics;
import org.onosproject.net.provider.ProviderId;

import static org.junit.Assert.assertEquals;

/**
 * A link's load from ONOS's port statistics: utilization is the measured
 * bit rate over the announced port speed, not clamped.
 */
public class LinkLoadTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ConnectPoint SRC = ConnectPoint.deviceConnectPoint("of:0000000000000001/2");
    private static final ConnectPoint DST = ConnectPoint.deviceConnectPoint("of:0000000000000002/2");
    private static final Link LINK = DefaultLink.builder().providerId(new ProviderId("of", "test"))
            .src(SRC).dst(DST).type(Link.Type.DIRECT).state(Link.State.ACTIVE).build();

    @Test
    public void aPortSendingAboveItsAnnouncedSpeedIsOverOne() {
        // 1.5 Gbit/s over 5 s on ports that announce 1 Gbit/s.
        ObjectNode json = load(1000, 5_000_000_000L / 8 * 1500 / 1000).toJson(MAPPER);
        assertEquals(json.toString(), 1_500_000_000L, json.path("bitRate").asLong());
        assertEquals(json.toString(), 1_000_000_000L, json.path("capacity").asLong());
        assertEquals(json.toString(), 1.5, json.path("utilization").asDouble(), 0);
    }

    @Test
    public void utilizationIsTheBitRateOverTheSlowerEnd() {
        ObjectNode json = load(10_000, 5_000_000_000L / 8).toJson(MAPPER);
        assertEquals(json.toString(), 1_000_000_000L, json.path("bitRate").asLong());
        assertEquals(json.toString(), 0.1, json.path("utilization").asDouble(), 0);
        assertEquals(json.toString(), 5000, json.path("windowMs").asLong());
    }

    // The load of a first reading: ONOS's latest 5 s period, in which the source port sent some bytes.
    private static LinkLoad load(long portSpeedMbps, long bytesSent) {
        PortStatistics delta = DefaultPortStatistics.builder().setDeviceId(SRC.deviceId()).setPort(SRC.port())
                .setBytesSent(bytesSent).setPacketsSent(bytesSent / 1000).setDurationSec(5).build();
        PortStatistics total = DefaultPortStatistics.builder().setDeviceId(SRC.deviceId()).setPort(SRC.port())
                .setBytesSent(bytesSent).setPacketsSent(bytesSent / 1000).setDurationSec(60).build();
        DeviceServiceAdapter devices = new DeviceServiceAdapter() {
            @Override
            public PortStatistics getStatisticsForPort(DeviceId deviceId, PortNumber portNumber) {
                return total;
            }

            @Override
            public PortStatistics getDeltaStatisticsForPort(DeviceId deviceId, PortNumber portNumber) {
                return delta;
            }

            @Override
            public Port getPort(ConnectPoint point) {
                // The destination's port is the faster one: the link is as fast as its slower end.
                long speed = point.equals(SRC) ? portSpeedMbps : portSpeedMbps * 10;
                return new DefaultPort(null, point.port(), true, Port.Type.COPPER, speed);
            }
        };
        return LinkLoad.of(LINK, devices, null).orElseThrow();
    }
}
