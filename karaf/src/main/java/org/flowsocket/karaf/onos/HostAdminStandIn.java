/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.HostId;
import org.onosproject.net.host.HostAdminService;
import org.osgi.service.component.annotations.Component;

import static com.google.common.base.Preconditions.checkNotNull;
import static org.flowsocket.karaf.onos.HostProviderRegistryStandIn.HOST_ID_NULL;

/**
 * {@link HostAdminService}: the host of {@link HostStandIn}; removals are dropped after
 * HostManager's id check.
 */
@Component(immediate = true, service = HostAdminService.class)
public class HostAdminStandIn extends HostStandIn implements HostAdminService {

    @Override
    public void removeHost(HostId hostId) {
        checkNotNull(hostId, HOST_ID_NULL);
        // As ONOS 2.5.6 HostManager.removeHost: store.removeHost(hostId).
        StandInNetwork.HOSTS.remove(hostId);
    }
}
