/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.Role;
import org.junit.Test;

import java.util.Collections;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Batch runs its items in order, each as if sent alone, and answers once
 * with one result per item.
 */
public class BatchTest extends CoreTestBase {

    private static final String H1 = hostRequest("00:00:00:00:00:01", "10.0.0.1", 1);
    private static final String H3 = hostRequest("00:00:00:00:00:03", "10.0.0.3", 3);
    private static final String FLOW = "{\"type\":\"InstallFlow\",\"network\":{\"src\":\"10.0.0.1\","
            + "\"dst\":\"10.0.0.3\",\"class\":\"voice\"}}";
    private static final String HELLO = "{\"type\":\"Hello\"}";


    private static String batch(String... items) {
        return "{\"type\":\"Batch\",\"requests\":[" + String.join(",", items) + "]}";
    }

    private static String withId(String item, String id) {
        return item.replaceFirst("\\{", "{\"id\":\"" + id + "\",");
    }

    @Test
    public void itemsRunInOrderSoLaterOnesSeeEarlierOnes() {
        JsonNode result = client.ok(batch(H1, H3, FLOW));
        assertEquals(3, result.path("count").asInt());
        assertEquals(0, result.path("failed").asInt());
        JsonNode results = result.path("results");
        assertEquals(3, results.size());
        String[] types = {"AddNode", "AddNode", "InstallFlow"};
        for (int i = 0; i < 3; i++) {
            JsonNode item = results.get(i);
            assertEquals("ok", item.path("status").asText());
            assertEquals(types[i], item.path("type").asText());
            assertEquals("items without an id get their index", i, item.path("id").asInt());
            assertFalse("items are not separate messages", item.has("kind"));
        }
        assertEquals("10.0.0.1", results.get(0).path("result").path("ipAddresses").get(0).asText());
        assertEquals("INSTALLED", results.get(2).path("result").path("state").asText());
        assertEquals(2, core.hosts.getHostCount());
        assertEquals(3, core.switches.ruleCount());
    }

    @Test
    public void itemsKeepTheirOwnIds() {
        JsonNode results = client.ok(batch(withId(HELLO, "first"), HELLO, "{\"id\":9,\"type\":\"Hello\"}",
                "{\"id\":null,\"type\":\"Hello\"}")).path("results");
        assertEquals("first", results.get(0).path("id").asText());
        assertEquals(1, results.get(1).path("id").asInt());
        assertEquals(9, results.get(2).path("id").asInt());
        // A null id is an absent one: the item gets its index.
        assertEquals(3, results.get(3).path("id").asInt());
        assertEquals("ok", results.get(3).path("status").asText());
    }

    @Test
    public void aFailedItemDoesNotStopOrUndoTheOthers() {
        JsonNode result = client.ok(batch(H1, hostRequest("00:00:00:00:00:02", "10.0.0.1", 2), H3, FLOW));
        assertEquals(4, result.path("count").asInt());
        assertEquals(1, result.path("failed").asInt());
        JsonNode results = result.path("results");
        assertEquals("ok", results.get(0).path("status").asText());
        assertEquals("error", results.get(1).path("status").asText());
        assertEquals("DUPLICATE_NODE", results.get(1).path("error").path("code").asText());
        assertEquals("ips[0]", results.get(1).path("error").path("field").asText());
        assertEquals("ok", results.get(2).path("status").asText());
        assertEquals("ok", results.get(3).path("status").asText());
        assertEquals(2, core.hosts.getHostCount());
        assertEquals(3, core.switches.ruleCount());
    }

    @Test
    public void failedFlowInstallIsReportedInItsItem() {
        core.switches.refuseOn(FakeDevices.id(2));
        JsonNode result = client.ok(batch(H1, H3, FLOW, HELLO));
        assertEquals(1, result.path("failed").asInt());
        assertEquals("FLOW_REFUSED", result.path("results").get(2).path("error").path("code").asText());
        assertEquals("ok", result.path("results").get(3).path("status").asText());
        assertEquals(0, core.switches.ruleCount());
    }

    @Test
    public void batchInsideBatchIsRefusedBeforeAnythingRuns() {
        JsonNode error = client.error(batch(H1, batch(HELLO)), "INVALID_FIELD");
        assertEquals("requests[1].type", error.path("field").asText());
        assertEquals("the first item must not have run", 0, core.hosts.getHostCount());
    }

    @Test
    public void malformedItemsAreRefusedBeforeAnythingRuns() {
        assertEquals("requests[1]", client.error(batch(H1, "\"Hello\""), "INVALID_FIELD").path("field").asText());
        assertEquals("requests[1].type", client.error(batch(H1, "{\"id\":\"x\"}"), "MISSING_FIELD")
                .path("field").asText());
        assertEquals("requests[1].id", client.error(batch(H1, "{\"id\":{\"a\":1},\"type\":\"Hello\"}"),
                                                    "INVALID_FIELD").path("field").asText());
        assertEquals("requests", client.error("{\"type\":\"Batch\",\"requests\":{}}", "INVALID_FIELD")
                .path("field").asText());
        assertEquals(0, core.hosts.getHostCount());
        assertEquals(0, client.ok(batch()).path("count").asInt());
    }

    @Test
    public void atMost256ItemsAreAccepted() {
        String[] full = Collections.nCopies(256, HELLO).toArray(new String[0]);
        assertEquals(256, client.ok(batch(full)).path("count").asInt());
        String[] tooMany = Collections.nCopies(257, H1).toArray(new String[0]);
        JsonNode error = client.error(batch(tooMany), "TOO_LARGE");
        assertEquals("requests", error.path("field").asText());
        assertEquals(0, core.hosts.getHostCount());
    }

    @Test
    public void viewerBatchIsForbiddenItemByItem() {
        client.ok(H1);
        TestClient guest = core.connect("guest", Role.VIEWER);
        JsonNode result = guest.ok(batch(HELLO, H3, "{\"type\":\"ListNodes\",\"kind\":\"host\"}", FLOW,
                                         "{\"type\":\"RemoveNode\",\"hostId\":\"00:00:00:00:00:01/None\"}"));
        assertEquals(5, result.path("count").asInt());
        assertEquals(3, result.path("failed").asInt());
        JsonNode results = result.path("results");
        assertEquals("ok", results.get(0).path("status").asText());
        assertEquals("FORBIDDEN", results.get(1).path("error").path("code").asText());
        assertEquals(1, results.get(2).path("result").path("hosts").size());
        assertEquals("FORBIDDEN", results.get(3).path("error").path("code").asText());
        assertEquals("FORBIDDEN", results.get(4).path("error").path("code").asText());
        assertEquals(1, core.hosts.getHostCount());
        assertEquals(0, core.switches.ruleCount());
    }
}
