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
