/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.junit.After;
import org.junit.Before;

/**
 * Starts a fresh command core for each test, with an administrator
 * connected, and stops it afterwards.
 */
public abstract class CoreTestBase {

    protected CoreFixture core;
    protected TestClient client;

    @Before
    public void startCore() {
        core = new CoreFixture();
        client = core.admin();
    }

    @After
    public void stopCore() {
        core.stop();
    }

    /**
     * Returns an AddNode request for a host on port 3 of switch n.
     *
     * @param mac    MAC address
     * @param ip     IP address
     * @param device switch number
     * @return request text
     */
    static String hostRequest(String mac, String ip, int device) {
        return "{\"type\":\"AddNode\",\"kind\":\"host\",\"mac\":\"" + mac + "\",\"ips\":[\"" + ip
                + "\"],\"location\":{\"deviceId\":\"" + FakeDevices.id(device) + "\",\"port\":3}}";
    }
}
