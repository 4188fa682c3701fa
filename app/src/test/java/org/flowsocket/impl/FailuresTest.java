/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import io.atomix.primitive.PrimitiveException;
import org.junit.Test;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.StorageException;

import java.util.concurrent.CompletionException;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/**
 * The typed errors a failure becomes.
 */
public class FailuresTest {

    @Test
    public void storeNotAnsweringInTimeIsUnavailableAndSaysTheOutcomeIsUnknown() {
        // What ONOS's DefaultConsistentMap throws after its 15 s, wrapped as a dependent stage wraps it.
        FlowSocketException typed = Failures.typed(
                new CompletionException(new ConsistentMapException.Timeout("flowsocket-flows")), "ListFlows");
        assertEquals(ErrorCode.UNAVAILABLE, typed.code());
        assertTrue(typed.getMessage(), typed.getMessage().startsWith("ListFlows failed: ONOS's distributed store"));
        assertTrue(typed.getMessage(), typed.getMessage().contains("GetFlow or ListFlows"));
        assertFalse("names no server class: " + typed.getMessage(), typed.getMessage().contains("Exception"));
        assertEquals(ErrorCode.UNAVAILABLE, Failures.typed(new StorageException.Unavailable(), "AddNode").code());
    }

    @Test
    public void atomixsOwnExceptionFromIteratingTheStoreIsUnavailableToo() {
        // Iterating ConsistentMap.values() on ONOS 2.5.6 throws Atomix's
        // exception unadapted (BlockingIterator.complete after its timeout).
        FlowSocketException typed = Failures.typed(new PrimitiveException.Timeout(), "ListFlows");
        assertEquals(ErrorCode.UNAVAILABLE, typed.code());
        assertTrue(typed.getMessage(), typed.getMessage().startsWith("ListFlows failed: ONOS's distributed store"));
        assertEquals(ErrorCode.UNAVAILABLE, Failures.typed(
                new CompletionException(new PrimitiveException.Unavailable()), "GetFlow").code());
    }

    @Test
    public void anythingElseIsAnInternalErrorNamingTheCommandOnly() {
        FlowSocketException typed = Failures.typed(new IllegalStateException("secret detail"), "InstallFlow");
        assertEquals(ErrorCode.INTERNAL_ERROR, typed.code());
        assertEquals("InstallFlow failed; the server log has details", typed.getMessage());
    }

    @Test
    public void typedErrorsPassAsTheyAre() {
        FlowSocketException own = FlowSocketException.unknownFlow("fs-1");
        assertSame(own, Failures.typed(new CompletionException(own), "GetFlow"));
    }
}
