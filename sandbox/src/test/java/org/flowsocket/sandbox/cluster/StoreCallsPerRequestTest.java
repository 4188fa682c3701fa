/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.junit.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Measures the synchronous calls FlowSocket makes to ONOS's distributed store
 * per InstallFlow and per RemoveFlow ({@link FlowSocketAdminService#storeOperations()}
 * read around each request), on ONOS's Raft store and on the memory store,
 * with each request's latency; docs/performance.md quotes what it prints.
 * Each call is a Raft round trip on a cluster, so the count is what a
 * request costs there.
 */
public class StoreCallsPerRequestTest {

    private static final int WARM_UP = 5;
    private static final int REQUESTS = 30;
    private static final String INSTALL =
            "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.3','class':'voice'}}";

    /** Store calls and latency (µs) of each measured InstallFlow and RemoveFlow. */
    private static final class Measured {
        final long[] installCalls = new long[REQUESTS];
        final long[] removeCalls = new long[REQUESTS];
        final long[] installMicros = new long[REQUESTS];
        final long[] removeMicros = new long[REQUESTS];
    }

    @Test
    public void storeCallsPerInstallAndRemoveAreTheSameOnRaftAndMemory() throws Exception {
        Measured raft = measure(SandboxCore.Store.RAFT);
        Measured memory = measure(SandboxCore.Store.MEMORY);
        print("raft", raft);
        print("memory", memory);
        assertTrue("InstallFlow calls the store", raft.installCalls[0] > 0);
        assertTrue("RemoveFlow calls the store", raft.removeCalls[0] > 0);
        // What FlowSocket asks of the store does not depend on which store
        // answers; a few requests also count a periodic check's calls made
        // meanwhile (the departed nodes' flows, every 5 s), hence the medians.
        assertEquals(median(memory.installCalls), median(raft.installCalls));
        assertEquals(median(memory.removeCalls), median(raft.removeCalls));
    }

    // One node, one flow installed and removed again and again: the same rules
    // each time, so every request does the same work.
    private static Measured measure(SandboxCore.Store store) throws Exception {
        Measured m = new Measured();
        try (Sandbox sandbox = Sandbox.builder().store(store).bind(new InetSocketAddress("127.0.0.1", 0))
                .ackLatency(Duration.ofMillis(1)).start();
             FlowSocketClient client = FlowSocketClients.open(sandbox.web().webSocketUri(),
                                                              ClientConfig.basic("onos", "rocks"))) {
            FlowSocketAdminService admin = (FlowSocketAdminService) sandbox.flowSocketService().orElseThrow();
            for (int i = -WARM_UP; i < REQUESTS; i++) {
                long calls = admin.storeOperations();
                long start = System.nanoTime();
                String flowId = client.ok(INSTALL).path("flowId").asText();
                long installed = System.nanoTime();
                long installCalls = admin.storeOperations() - calls;
                client.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
                long removed = System.nanoTime();
                if (i >= 0) {
                    m.installCalls[i] = installCalls;
                    m.removeCalls[i] = admin.storeOperations() - calls - installCalls;
                    m.installMicros[i] = (installed - start) / 1000;
                    m.removeMicros[i] = (removed - installed) / 1000;
                }
            }
        }
        return m;
    }

    private static void print(String store, Measured m) {
        System.out.printf("%s store, %d requests each: store calls per InstallFlow %s, per RemoveFlow %s; "
                                  + "latency median InstallFlow %d µs, RemoveFlow %d µs%n",
                          store, REQUESTS, summary(m.installCalls), summary(m.removeCalls),
                          median(m.installMicros), median(m.removeMicros));
    }

    private static String summary(long[] values) {
        long[] s = sorted(values);
        return s[0] == s[s.length - 1] ? String.valueOf(s[0])
                : "median " + median(values) + " (" + s[0] + " to " + s[s.length - 1] + ")";
    }

    private static long median(long[] values) {
        return sorted(values)[values.length / 2];
    }

    private static long[] sorted(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
