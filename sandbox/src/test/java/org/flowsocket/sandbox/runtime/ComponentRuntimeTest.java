/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.flowsocket.sandbox.core.SandboxCore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.net.device.DeviceService;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Wiring a DS component into the core the way FlowSocket's component is wired:
 * references bound from its descriptor, properties from its descriptor and
 * from ComponentConfigService, reverse-order deactivation.
 */
public class ComponentRuntimeTest {

    private static final String NAME = GreeterComponent.class.getName();
    private SandboxCore core;

    @Before
    public void setUp() {
        // The runtime, not the store, is under test: the quicker memory store.
        core = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start();
    }

    @After
    public void tearDown() {
        core.close();
    }

    @Test
    public void componentIsWiredFromItsDescriptor() {
        GreeterComponent greeter = core.runtime().start(new GreeterComponent());
        assertTrue(greeter.active);
        assertSame(core.get(DeviceService.class), greeter.deviceService);
        assertSame(greeter, core.get(GreeterService.class));
        assertEquals("descriptor default", 2, greeter.greetings());
        assertTrue(core.runtime().activeComponents().contains(NAME));

        core.runtime().deactivate(NAME);
        assertFalse(greeter.active);
        assertFalse(core.services().find(GreeterService.class).isPresent());
    }

    @Test
    public void componentConfigServiceReconfiguresIt() throws Exception {
        GreeterComponent greeter = core.runtime().start(new GreeterComponent());
        ComponentConfigService cfg = core.get(ComponentConfigService.class);
        assertEquals("2", cfg.getProperty(NAME, "greetings").value());

        cfg.setProperty(NAME, "greetings", "7");
        long deadline = System.currentTimeMillis() + 5000;
        while (greeter.greetings() != 7 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(7, greeter.greetings());
        assertTrue(greeter.modifications() >= 1);
    }

    @Test
    public void missingMandatoryServiceIsNamed() {
        ComponentRuntime bare = new ComponentRuntime(new ServiceRegistry());
        try {
            bare.start(new GreeterComponent());
            fail("activated without its services");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(NAME));
            assertTrue(e.getMessage(), e.getMessage().contains("ComponentConfigService"));
        }
    }

    @Test
    public void closeDeactivatesInReverseOrder() {
        GreeterComponent greeter = core.runtime().start(new GreeterComponent());
        assertEquals(NAME, core.runtime().activeComponents()
                .get(core.runtime().activeComponents().size() - 1));
        core.close();
        assertFalse(greeter.active);
        assertTrue(core.runtime().activeComponents().isEmpty());
    }
}
