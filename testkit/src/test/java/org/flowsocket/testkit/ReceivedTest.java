/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

/** Sequence checks and event consumption of what a connection received. */
public class ReceivedTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode event(long seq, String type) throws Exception {
        return MAPPER.readTree("{\"kind\":\"event\",\"seq\":" + seq + ",\"topic\":\"flows\",\"event\":\""
                                       + type + "\"}");
    }

    @Test
    public void aSkippedSequenceNumberIsAGapAndAProblem() throws Exception {
        Received r = new Received("t", true);
        r.event(event(1, "A"));
        r.event(event(2, "B"));
        r.event(event(4, "C"));
        assertEquals(1, r.seqGaps());
        assertEquals(4, r.lastSeq());
        assertEquals(List.of("event seq 4 after 2"), r.problems());
    }

    @Test
    public void pollEventConsumesUpToTheMatchAndSkipEventsDropsTheRest() throws Exception {
        Received r = new Received("t", true);
        r.event(event(1, "A"));
        r.event(event(2, "B"));
        r.event(event(3, "A"));
        assertEquals(2, r.pollEvent(e -> "B".equals(e.path("event").asText()), Duration.ZERO)
                .path("seq").asLong());
        assertEquals(3, r.pollEvent(e -> "A".equals(e.path("event").asText()), Duration.ZERO)
                .path("seq").asLong());
        r.event(event(4, "A"));
        r.skipEvents();
        assertNull(r.pollEvent(e -> true, Duration.ofMillis(20)));
    }

    @Test
    public void aCountingOnlyConnectionKeepsNoEventButCountsThem() throws Exception {
        Received r = new Received("t", false);
        r.event(event(1, "A"));
        assertEquals(1, r.eventCount());
        assertEquals(List.of(), r.events("flows"));
    }
}
