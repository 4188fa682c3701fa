/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/** Replies are matched to requests by the JSON text of their id. */
public class ReplyMatcherTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ReplyMatcher matcher = new ReplyMatcher();

    private static JsonNode reply(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    @Test
    public void stringAndNumberIdsAreDifferentRequests() throws Exception {
        CompletableFuture<JsonNode> text = matcher.expect(ReplyMatcher.keyOf("7"));
        CompletableFuture<JsonNode> number = matcher.expect(ReplyMatcher.keyOf(7));
        JsonNode toNumber = reply("{\"kind\":\"reply\",\"id\":7}");
        assertTrue(matcher.complete(toNumber));
        assertSame(toNumber, number.getNow(null));
        assertFalse("the string id is still awaited", text.isDone());
        assertEquals(1, matcher.size());
    }

    @Test
    public void aSecondReplyToTheSameIdMatchesNothing() throws Exception {
        matcher.expect(ReplyMatcher.keyOf("a"));
        assertTrue(matcher.complete(reply("{\"id\":\"a\"}")));
        assertFalse(matcher.complete(reply("{\"id\":\"a\"}")));
        assertFalse("unknown id", matcher.complete(reply("{\"id\":\"b\"}")));
    }

    @Test
    public void nullOrMissingIdMatchesTheNullKey() throws Exception {
        CompletableFuture<JsonNode> first = matcher.expect(ReplyMatcher.keyOf((Object) null));
        assertTrue(matcher.complete(reply("{\"id\":null}")));
        assertTrue(first.isDone());
        CompletableFuture<JsonNode> second = matcher.expect(ReplyMatcher.NULL_ID);
        assertTrue(matcher.complete(reply("{\"kind\":\"reply\"}")));
        assertTrue(second.isDone());
    }

    @Test
    public void quotesInAStringIdAreEscapedAsInJson() throws Exception {
        CompletableFuture<JsonNode> f = matcher.expect(ReplyMatcher.keyOf("a\"b"));
        assertTrue(matcher.complete(reply("{\"id\":\"a\\\"b\"}")));
        assertTrue(f.isDone());
    }

    @Test
    public void anIdAlreadyAwaitedFailsAtOnceAndKeepsTheFirst() {
        CompletableFuture<JsonNode> first = matcher.expect("1");
        CompletableFuture<JsonNode> again = matcher.expect("1");
        assertTrue(again.isCompletedExceptionally());
        assertFalse(first.isDone());
        assertEquals(1, matcher.size());
    }

    @Test
    public void failAllFailsEveryAwaitedRequest() {
        CompletableFuture<JsonNode> a = matcher.expect("1");
        CompletableFuture<JsonNode> b = matcher.expect("\"b\"");
        matcher.failAll(new IllegalStateException("closed"));
        assertTrue(a.isCompletedExceptionally());
        assertTrue(b.isCompletedExceptionally());
        assertEquals(0, matcher.size());
    }
}
