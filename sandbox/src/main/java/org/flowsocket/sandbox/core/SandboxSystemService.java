/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.apache.karaf.system.FrameworkType;
import org.apache.karaf.system.SystemService;

/**
 * Karaf's {@code SystemService} for the sandbox, which has no Karaf: ONOS's
 * {@code ClusterManager} requires one. {@code halt} stops the sandbox through
 * the action given at construction; operations that only make sense for a
 * Karaf container (reboot, start levels, framework choice) are refused.
 */
public final class SandboxSystemService implements SystemService {

    private final Runnable halt;
    private volatile String name = "flowsocket-sandbox";

    /**
     * Creates the service.
     *
     * @param halt what {@link #halt()} does (normally: close the sandbox)
     */
    public SandboxSystemService(Runnable halt) {
        this.halt = halt;
    }

    @Override
    public void halt() {
        halt.run();
    }

    @Override
    public void halt(String time) {
        halt.run();
    }

    @Override
    public void reboot() {
        throw new UnsupportedOperationException("The sandbox cannot reboot; restart the process");
    }

    @Override
    public void reboot(String time, Swipe clean) {
        reboot();
    }

    @Override
    public void setStartLevel(int startLevel) {
        throw new UnsupportedOperationException("The sandbox has no OSGi start levels");
    }

    @Override
    public int getStartLevel() {
        return 100;
    }

    @Override
    public String getVersion() {
        return System.getProperty("java.version");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public FrameworkType getFramework() {
        throw new UnsupportedOperationException("The sandbox runs without an OSGi framework");
    }

    @Override
    public void setFramework(FrameworkType framework) {
        throw new UnsupportedOperationException("The sandbox runs without an OSGi framework");
    }

    @Override
    public void setFrameworkDebug(boolean debug) {
        throw new UnsupportedOperationException("The sandbox runs without an OSGi framework");
    }

    @Override
    public String setSystemProperty(String key, String value, boolean persist) {
        return System.setProperty(key, value);
    }
}
