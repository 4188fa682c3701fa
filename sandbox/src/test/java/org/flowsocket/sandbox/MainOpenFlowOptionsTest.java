/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The command line's OpenFlow southbound options. */
public class MainOpenFlowOptionsTest {

    @Test
    public void offByDefaultWithTheSimulatedNetwork() {
        Main.Options o = Main.Options.parse(new String[]{});
        assertFalse(o.openflow);
        assertEquals("linear,3", o.topo);
    }

    @Test
    public void openflowListensOn6653AndSimulatesNothing() {
        Main.Options o = Main.Options.parse(new String[]{"--openflow"});
        assertTrue(o.openflow);
        assertEquals(6653, o.openflowPort);
        assertEquals("none", o.topo);
    }

    @Test
    public void openflowPortImpliesOpenflowAndKeepsAGivenTopology() {
        Main.Options o = Main.Options.parse(new String[]{"--topo", "net.json", "--openflow-port=16653"});
        assertTrue(o.openflow);
        assertEquals(16653, o.openflowPort);
        assertEquals("net.json", o.topo);
    }

    @Test(expected = IllegalArgumentException.class)
    public void badPortIsRefused() {
        Main.Options.parse(new String[]{"--openflow-port", "70000"});
    }
}
