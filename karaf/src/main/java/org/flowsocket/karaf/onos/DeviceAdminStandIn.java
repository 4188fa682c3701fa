/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceAdminService;
import org.osgi.service.component.annotations.Component;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link DeviceAdminService}: the switch of {@link DeviceStandIn}; removals
 * and port changes are dropped
 * after DeviceManager's id check.
 */
@Component(immediate = true, service = DeviceAdminService.class)
public class DeviceAdminStandIn extends DeviceStandIn implements DeviceAdminService {

    @Override
    public void removeDevice(DeviceId deviceId) {
        checkNotNull(deviceId, DEVICE_ID_NULL);
    }

    @Override
    public void changePortState(DeviceId deviceId, PortNumber portNumber, boolean enable) {
    }
}
