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

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link HostProviderRegistry} on ONOS's own {@link AbstractProviderRegistry}
 * (onos-api 2.5.6), the class ONOS 2.5.6's HostManager extends: it refuses a
 * second primary provider for a URI scheme with an IllegalStateException, as
 * ONOS does. What registered providers report is checked as HostManager checks
 * it, then dropped: there is no host store behind it.
 */
@Component(immediate = true, service = HostProviderRegistry.class)
public class HostProviderRegistryStandIn
        extends AbstractProviderRegistry<HostProvider, HostProviderService>
        implements HostProviderRegistry {

    // As ONOS 2.5.6 HostManager.HOST_ID_NULL.
    static final String HOST_ID_NULL = "Host ID cannot be null";

    @Override
    protected HostProviderService createProviderService(HostProvider provider) {
        return new CheckingProviderService(provider);
    }

    /**
     * As ONOS 2.5.6 HostManager.InternalHostProviderService: each report needs
     * a host id and a provider that is still registered (checkValidity).
     */
    private static final class CheckingProviderService extends AbstractProviderService<HostProvider>
            implements HostProviderService {

        CheckingProviderService(HostProvider provider) {
            super(provider);
        }

        @Override
        public void hostDetected(HostId hostId, HostDescription hostDescription, boolean replaceIps) {
            checkReport(hostId);
            // As HostManager.hostDetected without network configuration of the host:
            // store.createOrUpdateHost(provider().id(), hostId, hostDescription, replaceIps).
            StandInNetwork.createOrUpdateHost(provider().id(), hostId, hostDescription, replaceIps);
        }

        @Override
        public void hostVanished(HostId hostId) {
            checkReport(hostId);
            // As HostManager.hostVanished: a configured host stays unless its own provider
            // reports it gone (allowedToChange); otherwise store.removeHost(hostId).
            StandInNetwork.HOSTS.computeIfPresent(hostId, (id, host) -> !host.configured()
                    || host.providerId().equals(provider().id()) ? null : host);
        }

        @Override
        public void removeIpFromHost(HostId hostId, IpAddress ipAddress) {
            checkReport(hostId);
        }

        @Override
        public void removeLocationFromHost(HostId hostId, HostLocation location) {
            checkReport(hostId);
        }

        private void checkReport(HostId hostId) {
            checkNotNull(hostId, HOST_ID_NULL);
            checkValidity();
        }
    }
}
