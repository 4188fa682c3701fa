/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.ClientConfig;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.FlowSocketClients;
import org.junit.AfterClass;
import org.onosproject.net.DeviceId;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The set-up the Open vSwitch tests share: bridges built by
 * {@code sandbox/ovs/ovsnet.sh}, by default three in a chain with h1 on s1
 * and h2 on s3, each host in a network namespace of its own; the sandbox's
 * OpenFlow southbound as their controller with every switch connected; and
 * a FlowSocket client that said hello. A test class starts it in its
 * {@code @BeforeClass} ({@link #startChain}, or {@link #startNetwork} for
 * another shape); it is torn down after the class: the client, the sandbox,
 * then the bridges.
 * <p>
 * Needs root and Open vSwitch: {@code mvn verify -Povs}.
 */
public abstract class OvsChainTestBase {

    /** How long a request may wait for its reply. */
    protected static final Duration REPLY = Duration.ofSeconds(20);
    protected static final DeviceId S1 = NetworkSpec.switchId(1);
    protected static final DeviceId S2 = NetworkSpec.switchId(2);
    protected static final DeviceId S3 = NetworkSpec.switchId(3);

    protected static OvsNet net;
    protected static Sandbox sandbox;
    protected static FlowSocketClient ws;
    /** The port the sandbox's OpenFlow southbound listens on, the bridges' controller. */
    protected static int ofPort;

    /**
     * Builds the chain (three bridges, h1 on s1 and h2 on s3) and starts the
     * sandbox as its controller.
     *
     * @param dirName the directory under {@code target} for the network's state and logs
     * @param prefix  ovsnet.sh's prefix of the bridges' and namespaces' names
     * @throws Exception if the chain or the sandbox does not come up
     */
    protected static void startChain(String dirName, String prefix) throws Exception {
        startNetwork(dirName, prefix, 3, "-H", "1,3");
    }

    /**
     * Builds a network with {@code ovsnet.sh up} and starts the sandbox as its
     * controller, with the network's topology.json; returns once every
     * switch is connected and the client said hello.
     *
     * @param dirName  the directory under {@code target} for the network's state and logs
     * @param prefix   ovsnet.sh's prefix of the bridges' and namespaces' names
     * @param switches how many bridges
     * @param options  further options of {@code ovsnet.sh up}, e.g. {@code -r} or {@code -H 1,2}
     * @throws Exception if the network or the sandbox does not come up
     */
    protected static void startNetwork(String dirName, String prefix, int switches, String... options)
            throws Exception {
        Path script = Path.of(System.getProperty("ovsnet.script", "ovs/ovsnet.sh")).toAbsolutePath();
        assertTrue("harness script " + script, Files.isRegularFile(script));
        assertEquals("the OVS test builds namespaces and bridges: run it as root", "0",
                new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8).trim());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ofPort = s.getLocalPort();
        }
        Path dir = Files.createDirectories(Path.of("target", dirName)).toAbsolutePath();
        List<String> up = new ArrayList<>(List.of("-n", String.valueOf(switches), "-c", String.valueOf(ofPort),
                "-p", prefix));
        up.addAll(List.of(options));
        net = new OvsNet(script, dir).up(up.toArray(new String[0]));
        sandbox = Sandbox.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .topology(NetworkSpec.parse(dir.resolve("topology.json").toString()))
                .openflow(new InetSocketAddress("127.0.0.1", ofPort))
                .start();
        assertTrue(switches + " switches connect", openflow().awaitDevices(switches, Duration.ofSeconds(30)));
        ws = FlowSocketClients.open(sandbox.web().webSocketUri(), ClientConfig.basic("onos", "rocks"));
        ws.hello().get(10, TimeUnit.SECONDS);
    }

    @AfterClass
    public static void stopChain() {
        try {
            if (ws != null) {
                ws.close();
            }
        } finally {
            try {
                if (sandbox != null) {
                    sandbox.close();
                }
            } finally {
                if (net != null) {
                    net.close();
                }
                ws = null;
                sandbox = null;
                net = null;
            }
        }
    }

    /** @return the sandbox's OpenFlow southbound, the bridges' controller */
    protected static OpenFlowSouthbound openflow() {
        return sandbox.openflow().orElseThrow();
    }

    /**
     * Tells FlowSocket of a namespace host, on port 1 of its switch.
     *
     * @param mac    the host's MAC address
     * @param ip     its IPv4 address
     * @param device its switch
     * @throws Exception if FlowSocket does not answer ok
     */
    protected static void addHost(String mac, String ip, DeviceId device) throws Exception {
        ObjectNode req = ws.newRequest("AddNode");
        req.put("kind", "host").put("mac", mac);
        req.putArray("ips").add(ip);
        req.putObject("location").put("deviceId", device.toString()).put("port", 1);
        JsonNode reply = ws.call(req, REPLY);
        assertEquals(reply.toString(), "ok", reply.path("status").asText());
    }
}
