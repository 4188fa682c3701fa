/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import org.flowsocket.testkit.FlowSocketClient;
import org.junit.AfterClass;
import org.junit.BeforeClass;

/**
 * Starts one sandbox (linear,3) per test class, with an administrator
 * connected, and stops it after the class.
 */
public abstract class E2eTestBase {

    protected static E2eSandbox env;
    protected static FlowSocketClient admin;

    @BeforeClass
    public static void startSandbox() throws Exception {
        env = E2eSandbox.start();
        admin = env.admin();
    }

    @AfterClass
    public static void stopSandbox() {
        if (env != null) {
            env.close();
            env = null;
        }
    }
}
