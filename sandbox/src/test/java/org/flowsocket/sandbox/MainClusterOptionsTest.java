/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.flowsocket.sandbox.core.SandboxCore;
import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The command line's store and cluster options. */
public class MainClusterOptionsTest {

    @Test
    public void raftStoreByDefaultMemoryOnRequest() {
        assertEquals(SandboxCore.Store.RAFT, Main.Options.parse(new String[]{}).store);
        assertEquals(SandboxCore.Store.MEMORY, Main.Options.parse(new String[]{"--store", "memory"}).store);
        assertEquals(SandboxCore.Store.RAFT, Main.Options.parse(new String[]{"--store=raft"}).store);
        refused("--store must be raft or memory, not 'disk'", "--store", "disk");
    }

    @Test
    public void clusterHandsTheNetworkOptionsToEveryNode() {
        Main.Options o = Main.Options.parse(new String[]{"--cluster", "3", "--port", "9000", "--topo", "linear,4",
                                                         "--ack-latency", "50", "--verbose"});
        assertEquals(3, o.cluster);
        assertEquals(9000, o.port);
        assertEquals(List.of("--topo", "linear,4", "--ack-latency", "50", "--verbose"), o.passOn);
    }

    @Test
    public void clusterOptionsThatCannotWorkAreRefused() {
        refused("--cluster needs the raft store", "--cluster", "3", "--store", "memory");
        refused("--cluster must be between 1 and 7", "--cluster", "8");
        refused("--port leaves no room for 3 nodes", "--cluster", "3", "--port", "65534");
        refused("--cluster-node and --cluster-dir go together", "--cluster-node", "2");
    }

    @Test
    public void usageMentionsTheOptions() {
        assertTrue(Main.USAGE.contains("--store KIND"));
        assertTrue(Main.USAGE.contains("--cluster N"));
    }

    private static void refused(String message, String... args) {
        try {
            Main.Options.parse(args);
            fail("accepted " + List.of(args));
        } catch (IllegalArgumentException e) {
            assertEquals(message, e.getMessage());
        }
    }
}
