/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * ListLinks lists ONOS's links in ONOS's own link JSON.
 */
public class LinksTest extends CoreTestBase {

    @Test
    public void listsEveryDirectionOfEveryLink() {
        JsonNode result = client.ok("{\"type\":\"ListLinks\"}");
        JsonNode links = result.path("links");
        assertEquals(4, links.size());
        assertFalse(result.path("truncated").asBoolean());
        JsonNode first = links.get(0);
        assertEquals("of:0000000000000001", first.path("src").path("device").asText());
        assertEquals("2", first.path("src").path("port").asText());
        assertEquals("of:0000000000000002", first.path("dst").path("device").asText());
        assertEquals("1", first.path("dst").path("port").asText());
        assertEquals("DIRECT", first.path("type").asText());
    }

    @Test
    public void filtersByDeviceAndLimits() {
        assertEquals(2, client.ok("{\"type\":\"ListLinks\",\"deviceId\":\"of:0000000000000001\"}")
                .path("links").size());
        JsonNode limited = client.ok("{\"type\":\"ListLinks\",\"limit\":1}");
        assertEquals(1, limited.path("links").size());
        assertTrue(limited.path("truncated").asBoolean());
        client.error("{\"type\":\"ListLinks\",\"deviceId\":\"of:00000000000000ff\"}", "UNKNOWN_DEVICE");
        client.error("{\"type\":\"ListLinks\",\"state\":\"sideways\"}", "INVALID_FIELD");
    }

    @Test
    public void viewersMayListLinks() {
        TestClient viewer = core.connect("guest", org.flowsocket.api.Role.VIEWER);
        assertEquals(4, viewer.ok("{\"type\":\"ListLinks\"}").path("links").size());
    }

    @Test
    public void reservationsShowPerLinkAndWhatDoesNotFitIsRefused() {
        core.addHost("00:00:00:00:00:01", org.onlab.packet.IpAddress.valueOf("10.0.0.1"), 1);
        core.addHost("00:00:00:00:00:03", org.onlab.packet.IpAddress.valueOf("10.0.0.3"), 3);
        String flow = "{\"type\":\"InstallFlow\",\"network\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.3\","
                + "\"class\":\"CLASS\",\"qos\":{\"bandwidthKbps\":600000}}}";
        client.ok(flow.replace("CLASS", "video"));
        JsonNode forward = client.ok("{\"type\":\"ListLinks\"}").path("links").get(0);
        assertEquals(forward.toString(), 600000, forward.path("reservedKbps").asLong());
        assertEquals(forward.toString(), 400000, forward.path("availableKbps").asLong());
        JsonNode refused = client.error(flow.replace("CLASS", "voice"), "NO_CAPACITY");
        assertEquals(refused.toString(), 600000, refused.path("details").path("reservedKbps").asLong());
    }
}
