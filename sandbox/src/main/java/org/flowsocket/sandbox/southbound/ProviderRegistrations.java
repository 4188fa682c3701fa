/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.southbound;

import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.onosproject.net.provider.Provider;
import org.onosproject.net.provider.ProviderRegistry;
import org.onosproject.net.provider.ProviderService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A southbound's providers, registered with ONOS's provider registries found
 * in the sandbox's {@link ServiceRegistry}, and unregistered in the reverse
 * order. Not thread-safe: a southbound calls it from its own thread.
 */
public final class ProviderRegistrations {

    private final ServiceRegistry services;
    private final List<Runnable> unregistrations = new ArrayList<>();

    /**
     * @param services where the provider registries are found
     */
    public ProviderRegistrations(ServiceRegistry services) {
        this.services = requireNonNull(services, "services");
    }

    /**
     * Registers a provider with a registry that must be present.
     *
     * @param registryType the registry's type
     * @param provider     the provider
     * @param <P>          provider type
     * @param <S>          provider service type
     * @param <R>          registry type
     * @return the provider service ONOS gives the provider
     * @throws IllegalStateException if there is no such registry
     */
    public <P extends Provider, S extends ProviderService<P>, R extends ProviderRegistry<P, S>> S register(
            Class<R> registryType, P provider) {
        addUnregistration(registryType, provider);
        return services.get(registryType).register(provider);
    }

    /**
     * Registers a provider with a registry if it is present.
     *
     * @param registryType the registry's type
     * @param provider     the provider
     * @param <P>          provider type
     * @param <S>          provider service type
     * @param <R>          registry type
     * @return the provider service, or empty if there is no such registry
     */
    public <P extends Provider, S extends ProviderService<P>, R extends ProviderRegistry<P, S>>
            Optional<S> registerIfPresent(Class<R> registryType, P provider) {
        addUnregistration(registryType, provider);
        return services.find(registryType).map(r -> r.register(provider));
    }

    /**
     * Unregisters the providers, last registered first, from those of their
     * registries still present, and forgets them.
     */
    public void unregisterAll() {
        for (int i = unregistrations.size() - 1; i >= 0; i--) {
            unregistrations.get(i).run();
        }
        unregistrations.clear();
    }

    private <P extends Provider, R extends ProviderRegistry<P, ?>> void addUnregistration(
            Class<R> registryType, P provider) {
        requireNonNull(provider, "provider");
        unregistrations.add(() -> services.find(registryType).ifPresent(r -> r.unregister(provider)));
    }
}
