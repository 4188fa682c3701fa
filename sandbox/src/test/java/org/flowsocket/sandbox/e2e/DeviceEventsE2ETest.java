/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceAdminService;
import org.onosproject.net.device.DeviceService;

import java.util.List;
import java.util.stream.Collectors;

import static org.flowsocket.sandbox.e2e.E2eSandbox.S1;
import static org.flowsocket.sandbox.e2e.E2eSandbox.S3;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/**
 * Device events as subscribers of {@code devices} see them, from ONOS's own
 * DeviceManager and NetworkConfigManager.
 */
public class DeviceEventsE2ETest {

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
    public void portStatisticsReachOnosButNotDeviceSubscribers() throws Exception {
        FlowSocketClient client = env.admin();
        client.ok("{'type':'Subscribe','topics':['devices']}");
        env.network().pollPortStatistics();
        env.network().pollPortStatistics();
        DeviceService devices = env.sandbox.core().get(DeviceService.class);
        assertEquals("ONOS has every port's statistics", 5, devices.getPortStatistics(S1).size());

        // A port event after the statistics: once it arrives, any earlier event has too.
        env.sandbox.core().get(DeviceAdminService.class).changePortState(S3, PortNumber.portNumber(5), false);
        client.awaitEvent("devices", "PORT_UPDATED", d -> S3.toString().equals(d.path("device").path("id").asText())
                && "5".equals(d.path("port").path("port").asText()));
        List<String> types = client.events("devices").stream().map(e -> e.path("event").asText())
                .collect(Collectors.toList());
        assertFalse("port statistics flood device subscribers: " + types, types.contains("PORT_STATS_UPDATED"));
        assertEquals(List.of(), client.problems());
    }

    @Test
    public void provisioningAndRemovingADeviceReachSubscribers() throws Exception {
        FlowSocketClient admin = env.admin();
        FlowSocketClient viewer = env.connect("viewer", "viewer");
        viewer.ok("{'type':'Subscribe','topics':['devices']}");
        String id = "netconf:10.0.0.7:830";
        admin.ok("{'type':'AddNode','kind':'device','protocol':'netconf','ip':'10.0.0.7','name':'edge-7'}");
        JsonNode added = viewer.awaitEvent("devices", "DEVICE_PROVISIONED",
                                           d -> id.equals(d.path("device").path("id").asText()));
        assertEquals(added.toString(), "provisioned", added.path("data").path("device").path("state").asText());
        assertEquals("edge-7", added.path("data").path("device").path("config").path("name").asText());

        admin.ok("{'type':'RemoveNode','deviceId':'" + id + "'}");
        JsonNode removed = viewer.awaitEvent("devices", "DEVICE_UNPROVISIONED",
                                             d -> id.equals(d.path("device").path("id").asText()));
        assertEquals(removed.toString(), "removed", removed.path("data").path("device").path("state").asText());
        assertEquals(List.of(), viewer.problems());
    }

    static boolean isDevice(JsonNode data, DeviceId id) {
        return id.toString().equals(data.path("device").path("id").asText());
    }
}
