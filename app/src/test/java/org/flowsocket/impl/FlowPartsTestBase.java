/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.junit.After;
import org.junit.Before;

/**
 * Fresh flow parts for each test, with hosts 10.0.0.1 on switch 1 and
 * 10.0.0.3 on switch 3, stopped afterwards.
 */
public abstract class FlowPartsTestBase {

    protected FlowParts parts;

    @Before
    public void startParts() {
        parts = FlowParts.withEndHosts();
    }

    @After
    public void stopParts() {
        parts.stop();
    }
}
