/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onlab.packet.IpAddress;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.provider.AbstractProviderRegistry;
import org.onosproject.net.provider.AbstractProviderService;
import org.osgi.service.component.annotations.Component;


/**
 * {@link HostProviderRegistry}: providers may register; what they report is dropped.
 */
@Component(immediate = true, service = HostProviderRegistry.class)
public class HostProviderRegistryStandIn extends AbstractProviderRegistry<HostProvider, HostProviderService>
        implements HostProviderRegistry {

    // ONOS's own registry: one primary provider per URI scheme, as in ONOS.
    @Override
    protected HostProviderService createProviderService(HostProvider provider) {
        return new DroppingProviderService(provider);
    }

    private static final class DroppingProviderService extends AbstractProviderService<HostProvider>
            implements HostProviderService {

        DroppingProviderService(HostProvider provider) {
            super(provider);
        }

        @Override
        public void hostDetected(HostId hostId, HostDescription hostDescription, boolean replaceIps) {
        }

        @Override
        public void hostVanished(HostId hostId) {
        }

        @Override
        public void removeIpFromHost(HostId hostId, IpAddress ipAddress) {
        }

        @Override
        public void removeLocationFromHost(HostId hostId, HostLocation location) {
        }
    }
}
