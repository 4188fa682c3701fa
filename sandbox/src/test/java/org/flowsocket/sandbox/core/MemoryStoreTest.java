/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.junit.Test;
import org.onosproject.cluster.ClusterService;
import org.onosproject.store.service.StorageService;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The store is a choice of the core's builder; one Raft store runs per JVM.
 */
public class MemoryStoreTest {

    @Test
    public void memoryStoreIsOnosTestStorage() {
        try (SandboxCore core = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start()) {
            assertEquals(SandboxCore.Store.MEMORY, core.store());
            assertTrue(core.get(StorageService.class) instanceof SandboxStorageService);
            assertEquals(1, core.get(ClusterService.class).getNodes().size());
        }
    }

    @Test
    public void secondRaftCoreInOneJvmIsRefused() {
        try (SandboxCore first = SandboxCore.builder().build().start()) {
            SandboxCore second = SandboxCore.builder().build();
            try {
                second.start();
                fail("a second Raft store started in one JVM");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("already runs ONOS's Raft store"));
            }
            // The first is unaffected.
            assertEquals(1, first.get(StorageService.class).getAtomicCounter("c").incrementAndGet());
        }
    }

    @Test
    public void clusterMemberNeedsRaftStore() {
        try {
            SandboxCore.builder().store(SandboxCore.Store.MEMORY).clusterMetadata("file:///nowhere").build();
            fail("a memory-store cluster member was built");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("Raft store"));
        }
    }
}
