/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.core.CoreService;
import org.onosproject.net.Host;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * ONOS's network-config host provider (application
 * {@code org.onosproject.netcfghostprovider}, which many ONOS installations
 * activate): as ONOS 2.5.6 NetworkConfigHostProvider, it registers itself as the
 * primary host provider of scheme {@code host} when it activates, before any
 * application installed later. Its netcfg listening is left out: the container
 * has no host configuration.
 */
// As NetworkConfigHostProvider: registered as a HostProvider service too (DS default).
@Component(immediate = true)
public class NetworkConfigHostProviderStandIn extends AbstractProvider implements HostProvider {

    // As ONOS 2.5.6 NetworkConfigHostProvider.APP_NAME and PROVIDER_ID.
    static final String APP_NAME = "org.onosproject.netcfghost";
    static final ProviderId PROVIDER_ID = new ProviderId("host", APP_NAME);

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostProviderRegistry providerRegistry;

    private HostProviderService providerService;

    public NetworkConfigHostProviderStandIn() {
        super(PROVIDER_ID);
    }

    @Activate
    protected void activate() {
        coreService.registerApplication(APP_NAME);
        providerService = providerRegistry.register(this);
    }

    @Deactivate
    protected void deactivate() {
        providerRegistry.unregister(this);
        providerService = null;
    }

    @Override
    public void triggerProbe(Host host) {
        // As NetworkConfigHostProvider: configured hosts are not probed.
    }
}
