/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.core.Version;
import org.osgi.service.component.annotations.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link CoreService}: registers application names.
 */
@Component(immediate = true, service = CoreService.class)
public class CoreStandIn extends CoreServiceAdapter {

    private final Map<String, ApplicationId> apps = new ConcurrentHashMap<>();

    @Override
    public Version version() {
        return Version.version("2.5.6");
    }

    @Override
    public ApplicationId registerApplication(String name) {
        // As ONOS 2.5.6 CoreManager.registerApplication.
        checkNotNull(name, "Application ID cannot be null");
        return apps.computeIfAbsent(name, n -> new DefaultApplicationId(apps.size() + 1, n));
    }

    @Override
    public ApplicationId registerApplication(String name, Runnable preDeactivate) {
        return registerApplication(name);
    }

    @Override
    public ApplicationId getAppId(String name) {
        return apps.get(name);
    }

    @Override
    public Set<ApplicationId> getAppIds() {
        return Set.copyOf(apps.values());
    }
}
