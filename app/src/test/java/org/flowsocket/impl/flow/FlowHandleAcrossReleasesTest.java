/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.impl.release.OnosReleaseLoader;
import org.junit.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.Assert.assertEquals;

/**
 * In a rolling upgrade, nodes of different ONOS releases share the flow
 * handle map: a handle one release wrote must read the same on another.
 * Each release runs in a class loader of its own with that release's ONOS
 * jars and FlowSocket's classes, as two nodes would.
 */
public class FlowHandleAcrossReleasesTest {

    private static final List<Path> FLOWSOCKET = List.of(
            OnosReleaseLoader.locationOf(DistributedQosFlowStore.class),
            OnosReleaseLoader.locationOf(FlowHandleStorageProbe.class));

    private static String writeAndRead(String writer, String reader) throws Exception {
        try (OnosReleaseLoader w = OnosReleaseLoader.of(writer, FLOWSOCKET);
             OnosReleaseLoader r = OnosReleaseLoader.of(reader, FLOWSOCKET)) {
            byte[][] stored = (byte[][]) w.instantiate(FlowHandleStorageProbe.class, Supplier.class).get();
            @SuppressWarnings("unchecked")
            Function<byte[][], String> read = r.instantiate(FlowHandleStorageProbe.class, Function.class);
            return read.apply(stored);
        }
    }

    @Test
    public void handlesWrittenOnOnos250ReadTheSameOnOnos270() throws Exception {
        assertEquals("", writeAndRead("2.5.0", "2.7.0"));
    }

    @Test
    public void handlesWrittenOnOnos270ReadTheSameOnOnos250() throws Exception {
        assertEquals("", writeAndRead("2.7.0", "2.5.0"));
    }

    @Test
    public void eachReleaseReadsItsOwnHandles() throws Exception {
        assertEquals("", writeAndRead("2.5.0", "2.5.0"));
        assertEquals("", writeAndRead("2.7.0", "2.7.0"));
    }
}
