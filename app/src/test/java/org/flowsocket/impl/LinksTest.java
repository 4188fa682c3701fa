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
}
