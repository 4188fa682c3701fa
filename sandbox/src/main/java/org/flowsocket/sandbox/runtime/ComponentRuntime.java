/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.onosproject.component.ComponentService;
import org.onosproject.core.ApplicationId;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small Declarative Services runtime: it wires components (ONOS's managers,
 * stores and FlowSocket's own) into one another through a
 * {@link ServiceRegistry}, and drives their life cycle as OSGi's Service
 * Component Runtime would.
 * <p>
 * For each component it reads the {@link ComponentDescriptor}, and on
 * activation
 * <ol>
 * <li>binds every reference from the registry (sets the field, or calls the
 * bind method); a mandatory reference with no service is an error naming the
 * component and the missing service; a field that is already set is left
 * alone, so a caller can hand a component a particular instance first;</li>
 * <li>calls the activate method with a {@link ComponentContext} whose
 * properties are the descriptor's defaults overlaid with what Configuration
 * Admin holds for the component's name;</li>
 * <li>registers the instance under the services the component provides.</li>
 * </ol>
 * {@link #close()} deactivates every active component in the reverse order of
 * activation. A component whose descriptor says {@code enabled="false"}
 * (ONOS's {@code DriverManager}) is only activated through
 * {@link ComponentService#activate(ApplicationId, String)}, as in ONOS.
 * Deactivating a component first deactivates the active components bound to
 * it through a mandatory reference.
 */
public final class ComponentRuntime implements ComponentService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ComponentRuntime.class);

    /** Life-cycle state of a component. */
    public enum State {
        /** Added, not active. */
        INACTIVE,
        /** Activated; its services are registered. */
        ACTIVE
    }

    private final ServiceRegistry registry;
    private final SandboxConfigurationAdmin configAdmin;
    private final Map<String, ManagedComponent> byName = new LinkedHashMap<>();
    private final Deque<ManagedComponent> activationOrder = new ArrayDeque<>();
    private final ReferenceBinder binder;

    /**
     * Creates a runtime over a registry. The runtime registers itself as
     * {@link ComponentService} and its Configuration Admin as
     * {@link ConfigurationAdmin}.
     *
     * @param registry service registry
     */
    public ComponentRuntime(ServiceRegistry registry) {
        this.registry = registry;
        this.binder = new ReferenceBinder(registry);
        this.configAdmin = new SandboxConfigurationAdmin(this::configurationUpdated);
        registry.register(ComponentService.class, this);
        registry.register(ConfigurationAdmin.class, configAdmin);
    }

    /** @return the service registry */
    public ServiceRegistry services() {
        return registry;
    }

    /**
     * Adds a component without activating it.
     *
     * @param instance component instance
     * @param provides service types it provides in addition to those its
     *                 descriptor lists (for classes without a descriptor)
     * @param <T>      component type
     * @return the instance
     */
    public synchronized <T> T add(T instance, Class<?>... provides) {
        return add(instance, ComponentDescriptor.of(instance.getClass()).withProvides(List.of(provides)));
    }

    /**
     * Adds a component with an explicit descriptor, without activating it.
     *
     * @param instance   component instance
     * @param descriptor its descriptor
     * @param <T>        component type
     * @return the instance
     */
    public synchronized <T> T add(T instance, ComponentDescriptor descriptor) {
        if (byName.containsKey(descriptor.name())) {
            throw new IllegalStateException("Component " + descriptor.name() + " was already added");
        }
        byName.put(descriptor.name(), new ManagedComponent(instance, descriptor));
        return instance;
    }

    /**
     * Adds a component and activates it, unless its descriptor says it is
     * disabled until someone enables it.
     *
     * @param instance component instance
     * @param provides service types it provides beyond its descriptor's
     * @param <T>      component type
     * @return the instance
     * @throws IllegalStateException if a mandatory reference cannot be bound
     *                               or activation fails
     */
    public synchronized <T> T start(T instance, Class<?>... provides) {
        add(instance, provides);
        ManagedComponent m = managed(instance);
        if (m.descriptor.enabled()) {
            activate(m);
        }
        return instance;
    }

    /**
     * Activates a component that was added.
     *
     * @param name component name
     */
    public synchronized void activate(String name) {
        ManagedComponent m = byName.get(name);
        if (m == null) {
            throw new IllegalArgumentException("No component " + name);
        }
        activate(m);
    }

    /**
     * Deactivates a component and the components that depend on it.
     *
     * @param name component name
     */
    public synchronized void deactivate(String name) {
        ManagedComponent m = byName.get(name);
        if (m != null) {
            deactivate(m);
        }
    }

    /**
     * Returns a component's state.
     *
     * @param name component name
     * @return state, or empty if no such component was added
     */
    public synchronized Optional<State> state(String name) {
        return Optional.ofNullable(byName.get(name)).map(m -> m.state);
    }

    /**
     * Returns the names of the active components in activation order.
     *
     * @return component names
     */
    public synchronized List<String> activeComponents() {
        List<String> names = new ArrayList<>();
        activationOrder.descendingIterator().forEachRemaining(m -> names.add(m.name()));
        return names;
    }

    /**
     * Returns the instance of a component by name.
     *
     * @param name component name
     * @return the instance, or empty
     */
    public synchronized Optional<Object> component(String name) {
        return Optional.ofNullable(byName.get(name)).map(m -> m.instance);
    }

    @Override
    public void activate(ApplicationId appId, String name) {
        synchronized (this) {
            ManagedComponent m = byName.get(name);
            if (m == null) {
                log.warn("Cannot activate unknown component {}", name);
                return;
            }
            activate(m);
        }
    }

    @Override
    public void deactivate(ApplicationId appId, String name) {
        deactivate(name);
    }

    /** Deactivates every active component, last activated first. */
    @Override
    public synchronized void close() {
        while (!activationOrder.isEmpty()) {
            deactivate(activationOrder.peek());
        }
    }

    // -- life cycle

    private ManagedComponent managed(Object instance) {
        return byName.values().stream().filter(m -> m.instance == instance).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a component: " + instance));
    }

    private void activate(ManagedComponent m) {
        if (m.state == State.ACTIVE) {
            return;
        }
        String name = m.name();
        binder.bind(m);
        m.context = newContext(m);
        Method method = LifecycleMethods.find(m.instance.getClass(), m.descriptor.activate());
        if (method == null && !m.descriptor.introspected()) {
            throw new IllegalStateException("Component " + name + " has no method "
                    + m.descriptor.activate());
        }
        try {
            if (method != null) {
                LifecycleMethods.invoke(method, m);
            }
        } catch (RuntimeException e) {
            binder.unbind(m);
            throw new IllegalStateException("Activation of " + name + " failed: " + e.getMessage(), e);
        }
        for (String type : m.descriptor.provides()) {
            registry.registerUnchecked(loadType(m, type), m.instance);
        }
        m.state = State.ACTIVE;
        activationOrder.push(m);
        log.debug("Activated {}", name);
    }

    private void deactivate(ManagedComponent m) {
        if (m.state != State.ACTIVE) {
            return;
        }
        // Components bound to this one through a mandatory reference go first.
        for (ManagedComponent other : new ArrayList<>(activationOrder)) {
            if (other != m && other.state == State.ACTIVE && other.dependsMandatorilyOn(m.instance)) {
                deactivate(other);
            }
        }
        registry.unregisterAll(m.instance);
        Method method = LifecycleMethods.find(m.instance.getClass(), m.descriptor.deactivate());
        try {
            if (method != null) {
                LifecycleMethods.invoke(method, m);
            }
        } catch (RuntimeException e) {
            log.warn("Deactivation of {} failed", m.name(), e);
        }
        binder.unbind(m);
        m.state = State.INACTIVE;
        activationOrder.remove(m);
        log.debug("Deactivated {}", m.name());
    }

    private void configurationUpdated(String pid, Dictionary<String, Object> props) {
        synchronized (this) {
            ManagedComponent m = byName.get(pid);
            if (m == null || m.state != State.ACTIVE) {
                return;
            }
            if (m.descriptor.modified() != null) {
                Method method = LifecycleMethods.find(m.instance.getClass(), m.descriptor.modified());
                if (method != null) {
                    m.context = newContext(m);
                    try {
                        LifecycleMethods.invoke(method, m);
                    } catch (RuntimeException e) {
                        log.warn("Reconfiguring {} failed", pid, e);
                    }
                    return;
                }
            }
            if (!m.descriptor.introspected()) {
                // Without a modified method, DS reactivates the component.
                deactivate(m);
                activate(m);
            }
        }
    }

    private SandboxComponentContext newContext(ManagedComponent m) {
        return new SandboxComponentContext(this, m, configAdmin.propertiesOf(m.name()));
    }

    private static Class<?> loadType(ManagedComponent m, String name) {
        try {
            ClassLoader cl = m.instance.getClass().getClassLoader();
            return Class.forName(name, false, cl != null ? cl : ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Component " + m.name()
                    + " provides unknown type " + name, e);
        }
    }
}
