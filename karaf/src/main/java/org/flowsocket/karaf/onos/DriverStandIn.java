/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onosproject.net.DeviceId;
import org.onosproject.net.driver.DefaultDriver;
import org.onosproject.net.driver.Driver;
import org.onosproject.net.driver.DriverService;
import org.onosproject.net.driver.DriverServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link DriverService}: every device has a driver named {@code default}.
 */
@Component(immediate = true, service = DriverService.class)
public class DriverStandIn extends DriverServiceAdapter {

    private final Driver driver = new DefaultDriver("default", ImmutableList.of(), "FlowSocket", "stand-in", "1.0",
                                                    ImmutableMap.of(), ImmutableMap.of());

    @Override
    public Driver getDriver(DeviceId deviceId) {
        return driver;
    }

    @Override
    public Driver getDriver(String name) {
        return driver;
    }
}
