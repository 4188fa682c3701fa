/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for the sandbox's listeners, chosen outside the kernel's
 * ephemeral range. A port is chosen before the node that listens on it
 * starts (and again when a killed node restarts on the same ports);
 * meanwhile every outgoing connection of the machine (Atomix's, the tests'
 * clients) takes a local port from the ephemeral range, so a port chosen
 * there can be taken before its node binds it ("Address already in use").
 */
public final class ListeningPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    // Linux's default ephemeral range, where /proc does not tell.
    private static final int[] DEFAULT_EPHEMERAL = {32768, 60999};
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;
    // Ports this JVM handed out: another node may not have bound its own yet.
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private ListeningPorts() {
    }

    /**
     * Returns a TCP port of the loopback address that nothing listens on,
     * below the ephemeral range when there is room there, and not handed
     * out before by this JVM.
     *
     * @return the port
     * @throws IOException if no port can be found
     */
    public static int freePort() throws IOException {
        int below = ephemeralRange()[0];
        if (below - LOWEST >= 1_000) {
            for (int i = 0; i < ATTEMPTS; i++) {
                int port = LOWEST + ThreadLocalRandom.current().nextInt(below - LOWEST);
                if (!HANDED_OUT.contains(port) && canListenOn(port)) {
                    HANDED_OUT.add(port);
                    return port;
                }
            }
        }
        // No room below the ephemeral range: any free port, as the kernel gives.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(s.getLocalPort());
            return s.getLocalPort();
        }
    }

    private static boolean canListenOn(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int[] ephemeralRange() {
        try {
            String[] bounds = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return new int[]{Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL;
        }
    }
}
