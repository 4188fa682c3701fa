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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Measures the calls FlowSocket makes to ONOS's distributed store per
 * InstallFlow and per RemoveFlow ({@link FlowSocketAdminService#storeOperations()}
 * read around each request), the times it waits for them
 * ({@link FlowSocketAdminService#storeWaits()}), and each request's latency, on ONOS's Raft store and on the memory
 * store, for a network flow of 3 rules and a flow of 32 rules sent as ONOS
 * flow JSON; docs/performance.md quotes what it prints. Each call is a Raft
 * round trip on a cluster, and each wait about one round trip of latency.
 */
public class StoreCallsPerRequestTest {

    private static final int WARM_UP = 5;
    private static final int REQUESTS = 30;
    private static final int MANY_RULES = 32;
    private static final String NETWORK_FLOW =
            "{'type':'InstallFlow','network':{'src':'10.0.0.1','dst':'10.0.0.3','class':'voice'}}";
    private static final String RULES_FLOW = rulesFlow(MANY_RULES);

    /** Store calls, waits and latency (µs) of each measured InstallFlow and RemoveFlow. */
    private static final class Measured {
        final long[] installCalls = new long[REQUESTS];
        final long[] removeCalls = new long[REQUESTS];
        final long[] installWaits = new long[REQUESTS];
        final long[] removeWaits = new long[REQUESTS];
        final long[] installMicros = new long[REQUESTS];
        final long[] removeMicros = new long[REQUESTS];
    }

    private final Map<SandboxCore.Store, List<Measured>> results = new EnumMap<>(SandboxCore.Store.class);

    @Test
    public void storeCallsPerInstallAndRemoveAreTheSameOnRaftAndMemory() throws Exception {
        for (SandboxCore.Store store : new SandboxCore.Store[]{SandboxCore.Store.RAFT, SandboxCore.Store.MEMORY}) {
            try (Sandbox sandbox = Sandbox.builder().store(store).bind(new InetSocketAddress("127.0.0.1", 0))
                    .ackLatency(Duration.ofMillis(1)).start();
                 FlowSocketClient client = FlowSocketClients.open(sandbox.web().webSocketUri(),
                                                                  ClientConfig.basic("onos", "rocks"))) {
                FlowSocketAdminService admin = (FlowSocketAdminService) sandbox.flowSocketService().orElseThrow();
                Measured network = measure(admin, client, NETWORK_FLOW);
                Measured rules = measure(admin, client, RULES_FLOW);
                String name = store.name().toLowerCase(Locale.ROOT);
                print(name, "network flow, 3 rules", network);
                print(name, "flow of " + MANY_RULES + " rules", rules);
                results.put(store, List.of(network, rules));
            }
        }
        Measured raftNetwork = results.get(SandboxCore.Store.RAFT).get(0);
        Measured raftRules = results.get(SandboxCore.Store.RAFT).get(1);
        assertTrue("InstallFlow calls the store", raftNetwork.installCalls[0] > 0);
        assertTrue("RemoveFlow calls the store", raftNetwork.removeCalls[0] > 0);
        // What FlowSocket asks of the store does not depend on which store
        // answers; a few requests also count a periodic check's calls made
        // meanwhile (the departed nodes' flows, every 5 s), hence the medians.
        for (int i = 0; i < 2; i++) {
            Measured raft = results.get(SandboxCore.Store.RAFT).get(i);
            Measured memory = results.get(SandboxCore.Store.MEMORY).get(i);
            assertEquals(median(memory.installCalls), median(raft.installCalls));
            assertEquals(median(memory.removeCalls), median(raft.removeCalls));
            assertEquals(median(memory.installWaits), median(raft.installWaits));
            assertEquals(median(memory.removeWaits), median(raft.removeWaits));
        }
        // FlowSocket's leader (this node) reserves the rules: neither calls nor waits grow with them.
        assertEquals(median(raftNetwork.installCalls), median(raftRules.installCalls));
        assertEquals(median(raftNetwork.removeCalls), median(raftRules.removeCalls));
        assertEquals(median(raftNetwork.installWaits), median(raftRules.installWaits));
        assertEquals(median(raftNetwork.removeWaits), median(raftRules.removeWaits));
    }

    // One flow installed and removed again and again: the same rules each
    // time, so every request does the same work.
    private static Measured measure(FlowSocketAdminService admin, FlowSocketClient client, String install)
            throws Exception {
        Measured m = new Measured();
        for (int i = -WARM_UP; i < REQUESTS; i++) {
            long calls = admin.storeOperations();
            long waits = admin.storeWaits();
            long start = System.nanoTime();
            String flowId = client.ok(install).path("flowId").asText();
            long installed = System.nanoTime();
            long installCalls = admin.storeOperations() - calls;
            long installWaits = admin.storeWaits() - waits;
            client.ok("{'type':'RemoveFlow','flowId':'" + flowId + "'}");
            long removed = System.nanoTime();
            if (i >= 0) {
                m.installCalls[i] = installCalls;
                m.removeCalls[i] = admin.storeOperations() - calls - installCalls;
                m.installWaits[i] = installWaits;
                m.removeWaits[i] = admin.storeWaits() - waits - installWaits;
                m.installMicros[i] = (installed - start) / 1000;
                m.removeMicros[i] = (removed - installed) / 1000;
            }
        }
        return m;
    }

    // Rules on one switch, each matching another destination.
    private static String rulesFlow(int rules) {
        String flows = IntStream.range(0, rules).mapToObj(i -> "{'priority':40000,'isPermanent':true,"
                + "'deviceId':'of:0000000000000001','treatment':{'instructions':[{'type':'OUTPUT','port':'2'}]},"
                + "'selector':{'criteria':[{'type':'ETH_TYPE','ethType':'0x800'},"
                + "{'type':'IPV4_DST','ip':'10.9." + i / 256 + "." + i % 256 + "/32'}]}}")
                .collect(Collectors.joining(","));
        return "{'type':'InstallFlow','flows':[" + flows + "]}";
    }

    private static void print(String store, String flow, Measured m) {
        System.out.printf("%s store, %s, %d requests each: store calls (waits) per InstallFlow %s (%s), "
                                  + "per RemoveFlow %s (%s); latency median InstallFlow %d µs, RemoveFlow %d µs%n",
                          store, flow, REQUESTS, summary(m.installCalls), summary(m.installWaits),
                          summary(m.removeCalls), summary(m.removeWaits),
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
