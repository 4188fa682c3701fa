/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The sandbox's service registry: service interface to the instances that
 * provide it, in registration order.
 * <p>
 * It plays the part of the OSGi service registry. The first instance
 * registered for a type is the one {@link #get(Class)} returns, as the
 * highest-ranked service would be in OSGi. It is also a {@link ServiceDirectory},
 * the look-up ONOS's REST resources and CLI commands use.
 */
public final class ServiceRegistry implements ServiceDirectory {

    private final Map<Class<?>, List<Object>> services = new LinkedHashMap<>();

    /**
     * Registers an instance under a service type.
     *
     * @param type     service interface (or class)
     * @param instance implementation
     * @param <T>      service type
     * @return this registry
     * @throws IllegalArgumentException if the instance does not implement the type
     */
    public synchronized <T> ServiceRegistry register(Class<T> type, T instance) {
        requireNonNull(type, "type");
        requireNonNull(instance, "instance");
        if (!type.isInstance(instance)) {
            throw new IllegalArgumentException(instance.getClass().getName()
                    + " does not implement " + type.getName());
        }
        List<Object> list = services.computeIfAbsent(type, t -> new ArrayList<>());
        if (!list.contains(instance)) {
            list.add(instance);
        }
        return this;
    }

    /**
     * Registers an instance under a service type given by name, as a
     * component descriptor names it.
     *
     * @param type     service type
     * @param instance implementation
     */
    synchronized void registerUnchecked(Class<?> type, Object instance) {
        if (!type.isInstance(instance)) {
            throw new IllegalArgumentException(instance.getClass().getName()
                    + " does not implement " + type.getName());
        }
        List<Object> list = services.computeIfAbsent(type, t -> new ArrayList<>());
        if (!list.contains(instance)) {
            list.add(instance);
        }
    }

    /**
     * Removes an instance from a service type.
     *
     * @param type     service type
     * @param instance implementation
     */
    public synchronized void unregister(Class<?> type, Object instance) {
        List<Object> list = services.get(type);
        if (list != null) {
            list.remove(instance);
            if (list.isEmpty()) {
                services.remove(type);
            }
        }
    }

    /**
     * Removes an instance from every type it is registered under.
     *
     * @param instance implementation
     */
    public synchronized void unregisterAll(Object instance) {
        services.values().forEach(list -> list.remove(instance));
        services.values().removeIf(List::isEmpty);
    }

    /**
     * Returns the first instance registered for a type.
     *
     * @param type service type
     * @param <T>  service type
     * @return the instance
     * @throws ServiceNotFoundException if none is registered
     */
    @Override
    public <T> T get(Class<T> type) {
        return find(type).orElseThrow(() ->
                new ServiceNotFoundException("Service " + type.getName() + " not found"));
    }

    /**
     * Returns the first instance registered for a type, if any.
     *
     * @param type service type
     * @param <T>  service type
     * @return the instance, or empty
     */
    public synchronized <T> Optional<T> find(Class<T> type) {
        List<Object> list = services.get(type);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(type.cast(list.get(0)));
    }

    /**
     * Returns the first instance registered under a type given by its name.
     *
     * @param typeName fully qualified name of the service type
     * @return the instance, or empty
     */
    public synchronized Optional<Object> findByName(String typeName) {
        return services.entrySet().stream()
                .filter(e -> e.getKey().getName().equals(typeName) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /**
     * Returns every instance registered under a type given by its name.
     *
     * @param typeName fully qualified name of the service type
     * @return instances; empty if none
     */
    public synchronized List<Object> getAllByName(String typeName) {
        return services.entrySet().stream()
                .filter(e -> e.getKey().getName().equals(typeName))
                .findFirst()
                .map(e -> (List<Object>) new ArrayList<>(e.getValue()))
                .orElse(Collections.emptyList());
    }

    /**
     * Returns the service types with at least one instance.
     *
     * @return service types, in registration order
     */
    public synchronized Set<Class<?>> types() {
        return new LinkedHashSet<>(services.keySet());
    }
}
