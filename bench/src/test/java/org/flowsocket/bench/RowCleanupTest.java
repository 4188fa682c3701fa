/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The cleanup reads RemoveFlow's replies as protocol.md tells a client to:
 * a removal the store did not answer in time may have been made.
 */
public class RowCleanupTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode reply(String status, String code) throws Exception {
        return MAPPER.readTree("{\"kind\":\"reply\",\"id\":\"rm-1-0\",\"type\":\"RemoveFlow\",\"status\":\""
                + status + "\"" + (code == null ? "" : ",\"error\":{\"code\":\"" + code + "\"}") + "}");
    }

    @Test
    public void anUnknownFlowOnARetryWasRemovedByTheFirstRemoval() throws Exception {
        assertTrue(RowCleanup.removed(reply("ok", null), false));
        assertTrue(RowCleanup.removed(reply("error", "UNKNOWN_FLOW"), true));
    }

    @Test
    public void anUnknownFlowAtTheFirstRemovalOrAnotherErrorIsNot() throws Exception {
        assertFalse("the benchmark never made that flow", RowCleanup.removed(reply("error", "UNKNOWN_FLOW"), false));
        assertFalse(RowCleanup.removed(reply("error", "UNAVAILABLE"), true));
        assertFalse(RowCleanup.removed(reply("error", "CONFIRM_TIMEOUT"), true));
    }
}
