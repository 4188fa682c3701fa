/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.ComponentInstance;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;

/**
 * The {@link ComponentContext} the {@link ComponentRuntime} hands a
 * component's life-cycle methods. Its properties are the descriptor's
 * defaults overlaid with what Configuration Admin holds for the component,
 * plus {@code component.name}; its located services are those bound to the
 * component's references. There is no bundle outside OSGi.
 */
final class SandboxComponentContext implements ComponentContext {

    private final ComponentRuntime runtime;
    private final ManagedComponent managed;
    private final Hashtable<String, Object> properties = new Hashtable<>();

    /**
     * Creates the context of a component.
     *
     * @param runtime    the runtime that enables and disables components
     * @param managed    the component
     * @param configured its configured properties, or null
     */
    SandboxComponentContext(ComponentRuntime runtime, ManagedComponent managed,
                            Dictionary<String, Object> configured) {
        this.runtime = runtime;
        this.managed = managed;
        managed.descriptor.properties().forEach((k, v) -> {
            if (v != null) {
                properties.put(k, v);
            }
        });
        if (configured != null) {
            Enumeration<String> keys = configured.keys();
            while (keys.hasMoreElements()) {
                String k = keys.nextElement();
                properties.put(k, configured.get(k));
            }
        }
        properties.put("component.name", managed.name());
    }

    @Override
    public Dictionary<String, Object> getProperties() {
        return new Hashtable<>(properties);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S locateService(String name) {
        return (S) managed.bound.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    @Override
    public <S> S locateService(String name, ServiceReference<S> reference) {
        return locateService(name);
    }

    @Override
    public Object[] locateServices(String name) {
        return managed.bound.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .map(e -> e.getValue().toArray()).findFirst().orElse(null);
    }

    @Override
    public BundleContext getBundleContext() {
        return null;
    }

    @Override
    public Bundle getUsingBundle() {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> ComponentInstance<S> getComponentInstance() {
        return new ComponentInstance<S>() {
            @Override
            public void dispose() {
                runtime.deactivate(managed.name());
            }

            @Override
            public S getInstance() {
                return (S) managed.instance;
            }
        };
    }

    @Override
    public void enableComponent(String name) {
        if (name == null) {
            return;
        }
        runtime.activate(name);
    }

    @Override
    public void disableComponent(String name) {
        runtime.deactivate(name);
    }

    @Override
    public ServiceReference<?> getServiceReference() {
        return null;
    }
}
