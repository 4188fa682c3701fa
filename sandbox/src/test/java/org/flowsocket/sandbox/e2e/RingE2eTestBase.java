/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.testkit.FlowSocketClient;
import org.junit.AfterClass;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.List;

/**
 * The set-up the tests of paths that change share: one sandbox per test
 * class on a ring of simulated switches, where every pair of switches has
 * two paths, with an administrator subscribed to {@code flows}, and the
 * helpers to cut and mend the ring and read paths. In a ring (NetworkSpec's
 * numbering) host i is on port 1 of switch i; switch 1 reaches 2 on port 2
 * and the last switch on port 3, switch i &gt; 1 reaches i-1 on port 2 and
 * i+1 (or 1) on port 3. Links go down as a cut cable does: the ports report
 * down and ONOS removes the links and computes a new topology.
 */
public abstract class RingE2eTestBase {

    static final DeviceId S1 = NetworkSpec.switchId(1);
    static final DeviceId S2 = NetworkSpec.switchId(2);
    static final DeviceId S3 = NetworkSpec.switchId(3);
    static final DeviceId S4 = NetworkSpec.switchId(4);
    static final ConnectPoint S1_TO_S2 = ConnectPoint.deviceConnectPoint(S1 + "/2");
    static final ConnectPoint S2_TO_S1 = ConnectPoint.deviceConnectPoint(S2 + "/2");
    static final ConnectPoint S3_TO_S4 = ConnectPoint.deviceConnectPoint(S3 + "/3");
    static final ConnectPoint S4_TO_S3 = ConnectPoint.deviceConnectPoint(S4 + "/2");

    /** A little more than FlowSocket's default reroute hold-down of a link that came back (2000 ms). */
    static final long PAST_HOLD_DOWN_MS = 2200;

    protected static E2eSandbox env;
    protected static FlowSocketClient admin;

    /**
     * Starts the sandbox on a ring and connects an administrator subscribed
     * to {@code flows}.
     *
     * @param switches how many switches the ring has
     * @throws Exception if the sandbox does not start
     */
    protected static void startRing(int switches) throws Exception {
        env = E2eSandbox.start(NetworkSpec.ring(switches));
        admin = env.admin();
        admin.ok("{'type':'Subscribe','topics':['flows']}");
    }

    @AfterClass
    public static void stopRing() {
        if (env != null) {
            env.close();
            env = null;
        }
    }

    /**
     * Removes every flow handle, without waiting for the switches.
     *
     * @throws Exception if FlowSocket refuses
     */
    static void removeAllFlows() throws Exception {
        for (JsonNode f : admin.ok("{'type':'ListFlows'}").path("flows")) {
            admin.ok("{'type':'RemoveFlow','flowId':'" + f.path("flowId").asText() + "','force':true}");
        }
    }

    /** Mends the links the tests cut: s1-s2 and s3-s4. */
    static void mendLinks() {
        env.network().linkUp(S1_TO_S2, S2_TO_S1);
        env.network().linkUp(S3_TO_S4, S4_TO_S3);
    }

    /**
     * A connect point.
     *
     * @param device the device's id
     * @param port   the port's number
     * @return device/port
     */
    static ConnectPoint point(String device, String port) {
        return ConnectPoint.deviceConnectPoint(device + "/" + port);
    }

    /**
     * A path as FlowSocket reports it, one "device in&gt;out" per hop.
     *
     * @param path a path's JSON array of hops
     * @return its hops
     */
    static List<String> hops(JsonNode path) {
        List<String> out = new ArrayList<>();
        path.forEach(h -> out.add(h.path("deviceId").asText() + " " + h.path("inPort").asText() + ">"
                + h.path("outPort").asText()));
        return out;
    }
}
