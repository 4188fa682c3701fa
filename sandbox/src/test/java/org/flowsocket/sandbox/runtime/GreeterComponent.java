/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.onlab.util.Tools;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.core.CoreService;
import org.onosproject.net.device.DeviceService;
import org.osgi.service.component.ComponentContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DS component shaped like FlowSocket's and ONOS's: protected reference
 * fields, activate/modified/deactivate with a ComponentContext, properties
 * registered with ComponentConfigService. Its DS descriptor is the test
 * resource OSGI-INF/org.flowsocket.sandbox.runtime.GreeterComponent.xml, as
 * bnd would write it from the annotations.
 */
public class GreeterComponent implements GreeterService {

    protected CoreService coreService;
    protected DeviceService deviceService;
    protected ComponentConfigService cfgService;

    private volatile int greetings;
    private final AtomicInteger modifications = new AtomicInteger();
    volatile boolean active;

    protected void activate(ComponentContext context) {
        cfgService.registerProperties(getClass());
        coreService.registerApplication("org.flowsocket.sandbox.greeter");
        read(context);
        active = true;
    }

    protected void modified(ComponentContext context) {
        modifications.incrementAndGet();
        read(context);
    }

    protected void deactivate() {
        cfgService.unregisterProperties(getClass(), false);
        active = false;
    }

    private void read(ComponentContext context) {
        Integer n = Tools.getIntegerProperty(context.getProperties(), "greetings");
        greetings = n == null ? 1 : n;
    }

    @Override
    public int greetings() {
        return greetings;
    }

    @Override
    public int modifications() {
        return modifications.get();
    }
}
