/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.HostId;
import org.onosproject.net.host.HostAdminService;
import org.osgi.service.component.annotations.Component;

/**
 * {@link HostAdminService}: the host of {@link HostStandIn}; removals are dropped.
 */
@Component(immediate = true, service = HostAdminService.class)
public class HostAdminStandIn extends HostStandIn implements HostAdminService {

    @Override
    public void removeHost(HostId hostId) {
    }
}
