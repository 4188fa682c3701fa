/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import org.junit.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.junit.Assert.assertTrue;

public class ListeningPortsTest {

    @Test
    public void portsAreFreeDistinctAndOutsideTheEphemeralRange() throws Exception {
        int[] ephemeral = ListeningPorts.ephemeralRange();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = ListeningPorts.freePort();
            assertTrue("port " + port + " handed out twice", seen.add(port));
            assertTrue("port " + port + " in the ephemeral range " + ephemeral[0] + "-" + ephemeral[1],
                       port < ephemeral[0] || port > ephemeral[1]);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(s.isBound());
            }
        }
    }
}
