/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.onosproject.net.DeviceId;

import static org.junit.Assert.assertEquals;

/**
 * What subscribers of {@code devices} are told of ONOS's device events.
 */
public class DeviceEventsTest extends CoreTestBase {

    private static final DeviceId S2 = FakeDevices.id(2);
    private static final String NETCONF_ID = "netconf:10.0.0.5:830";
    private static final String NETCONF = "{\"type\":\"AddNode\",\"kind\":\"device\",\"protocol\":\"netconf\","
            + "\"ip\":\"10.0.0.5\",\"name\":\"edge-5\"}";

    @Test
    public void provisioningAndRemovingADeviceAreSentToDeviceSubscribers() {
        TestClient viewer = core.connect("viewer", org.flowsocket.api.Role.VIEWER);
        viewer.ok("{\"type\":\"Subscribe\",\"topics\":[\"devices\"]}");
        client.ok(NETCONF);
        JsonNode added = viewer.nextEvent("devices", "DEVICE_PROVISIONED");
        JsonNode device = added.path("data").path("device");
        assertEquals(NETCONF_ID, device.path("id").asText());
        assertEquals("provisioned", device.path("state").asText());
        assertEquals("edge-5", device.path("config").path("name").asText());

        client.ok(NETCONF.replace("edge-5", "edge-6").replace("}", ",\"replace\":true}"));
        JsonNode changed = viewer.nextEvent("devices", "DEVICE_PROVISIONED");
        assertEquals("edge-6", changed.path("data").path("device").path("config").path("name").asText());

        client.ok("{\"type\":\"RemoveNode\",\"deviceId\":\"" + NETCONF_ID + "\"}");
        JsonNode removed = viewer.nextEvent("devices", "DEVICE_UNPROVISIONED");
        assertEquals(NETCONF_ID, removed.path("data").path("device").path("id").asText());
        assertEquals("removed", removed.path("data").path("device").path("state").asText());
        assertEquals(3, removed.path("seq").asLong());
    }

    @Test
    public void deactivationStopsListeningToTheNetworkConfiguration() {
        assertEquals(1, core.netcfg.listenerCount());
        core.stop();
        assertEquals(0, core.netcfg.listenerCount());
    }

    @Test
    public void portStatisticsAreNotSentToDeviceSubscribers() {
        client.ok("{\"type\":\"Subscribe\",\"topics\":[\"devices\"]}");
        for (int i = 0; i < 3; i++) {
            for (int n = 1; n <= 3; n++) {
                core.devices.updatePortStatistics(FakeDevices.id(n));
            }
        }
        core.devices.setAvailable(S2, false);
        JsonNode first = client.nextEvent();
        assertEquals(first.toString(), "DEVICE_AVAILABILITY_CHANGED", first.path("event").asText());
        assertEquals(1, first.path("seq").asLong());
    }
}
