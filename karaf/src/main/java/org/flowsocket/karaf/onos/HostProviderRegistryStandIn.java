/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.provider.AbstractProviderService;
import org.onosproject.net.provider.ProviderId;
import org.osgi.service.component.annotations.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link HostProviderRegistry}: providers may register; what they report is dropped.
 */
@Component(immediate = true, service = HostProviderRegistry.class)
public class HostProviderRegistryStandIn implements HostProviderRegistry {

    private final Map<ProviderId, HostProvider> providers = new ConcurrentHashMap<>();

    @Override
    public HostProviderService register(HostProvider provider) {
        providers.put(provider.id(), provider);
        return new DroppingProviderService(provider);
    }

    @Override
    public void unregister(HostProvider provider) {
        providers.remove(provider.id());
    }

    @Override
    public Set<ProviderId> getProviders() {
        return ImmutableSet.copyOf(providers.keySet());
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
