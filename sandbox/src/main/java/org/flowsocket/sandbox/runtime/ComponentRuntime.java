/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.onosproject.component.ComponentService;
import org.onosproject.core.ApplicationId;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.ComponentInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private final Map<String, Managed> byName = new LinkedHashMap<>();
    private final Deque<Managed> activationOrder = new ArrayDeque<>();

    /**
     * Creates a runtime over a registry. The runtime registers itself as
     * {@link ComponentService} and its Configuration Admin as
     * {@link ConfigurationAdmin}.
     *
     * @param registry service registry
     */
    public ComponentRuntime(ServiceRegistry registry) {
        this.registry = registry;
        this.configAdmin = new SandboxConfigurationAdmin(this::configurationUpdated);
        registry.register(ComponentService.class, this);
        registry.register(ConfigurationAdmin.class, configAdmin);
    }

    /** @return the service registry */
    public ServiceRegistry services() {
        return registry;
    }

    /** @return the Configuration Admin that feeds component properties */
    public SandboxConfigurationAdmin configurationAdmin() {
        return configAdmin;
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
        ComponentDescriptor d = ComponentDescriptor.find(instance.getClass())
                .orElseGet(() -> ComponentDescriptor.introspect(instance.getClass(), List.of()));
        return add(instance, d.withProvides(List.of(provides)));
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
        byName.put(descriptor.name(), new Managed(instance, descriptor));
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
        Managed m = managed(instance);
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
        Managed m = byName.get(name);
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
        Managed m = byName.get(name);
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
        activationOrder.descendingIterator().forEachRemaining(m -> names.add(m.descriptor.name()));
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
            Managed m = byName.get(name);
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

    private Managed managed(Object instance) {
        return byName.values().stream().filter(m -> m.instance == instance).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a component: " + instance));
    }

    private void activate(Managed m) {
        if (m.state == State.ACTIVE) {
            return;
        }
        String name = m.descriptor.name();
        bindReferences(m);
        m.context = new Context(m, properties(m));
        Method method = findLifecycleMethod(m.instance.getClass(), m.descriptor.activate());
        if (method == null && !m.descriptor.introspected()) {
            throw new IllegalStateException("Component " + name + " has no method "
                    + m.descriptor.activate());
        }
        try {
            if (method != null) {
                invokeLifecycle(method, m);
            }
        } catch (RuntimeException e) {
            unbindReferences(m);
            throw new IllegalStateException("Activation of " + name + " failed: " + e.getMessage(), e);
        }
        for (String type : m.descriptor.provides()) {
            registry.registerUnchecked(loadType(m, type), m.instance);
        }
        m.state = State.ACTIVE;
        activationOrder.push(m);
        log.debug("Activated {}", name);
    }

    private void deactivate(Managed m) {
        if (m.state != State.ACTIVE) {
            return;
        }
        // Components bound to this one through a mandatory reference go first.
        for (Managed other : new ArrayList<>(activationOrder)) {
            if (other != m && other.state == State.ACTIVE && other.dependsMandatorilyOn(m.instance)) {
                deactivate(other);
            }
        }
        registry.unregisterAll(m.instance);
        Method method = findLifecycleMethod(m.instance.getClass(), m.descriptor.deactivate());
        try {
            if (method != null) {
                invokeLifecycle(method, m);
            }
        } catch (RuntimeException e) {
            log.warn("Deactivation of {} failed", m.descriptor.name(), e);
        }
        unbindReferences(m);
        m.state = State.INACTIVE;
        activationOrder.remove(m);
        log.debug("Deactivated {}", m.descriptor.name());
    }

    private void configurationUpdated(String pid, Dictionary<String, Object> props) {
        synchronized (this) {
            Managed m = byName.get(pid);
            if (m == null || m.state != State.ACTIVE) {
                return;
            }
            if (m.descriptor.modified() != null) {
                Method method = findLifecycleMethod(m.instance.getClass(), m.descriptor.modified());
                if (method != null) {
                    m.context = new Context(m, properties(m));
                    try {
                        invokeLifecycle(method, m);
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

    private Hashtable<String, Object> properties(Managed m) {
        Hashtable<String, Object> props = new Hashtable<>();
        m.descriptor.properties().forEach((k, v) -> {
            if (v != null) {
                props.put(k, v);
            }
        });
        Dictionary<String, Object> configured = configAdmin.propertiesOf(m.descriptor.name());
        if (configured != null) {
            Enumeration<String> keys = configured.keys();
            while (keys.hasMoreElements()) {
                String k = keys.nextElement();
                props.put(k, configured.get(k));
            }
        }
        props.put("component.name", m.descriptor.name());
        return props;
    }

    // -- references

    private void bindReferences(Managed m) {
        for (ComponentDescriptor.Reference ref : m.descriptor.references()) {
            List<Object> candidates = registry.getAllByName(ref.interfaceName());
            candidates.remove(m.instance);
            Field field = ref.field() != null ? findField(m.instance.getClass(), ref.field()) : null;
            Object preset = field != null ? get(field, m.instance) : null;
            if (candidates.isEmpty() && preset == null && ref.cardinality().isMandatory()) {
                throw new IllegalStateException("Cannot activate " + m.descriptor.name()
                        + ": no service " + ref.interfaceName() + " for its mandatory reference '"
                        + ref.name() + "'");
            }
            List<Object> bound = new ArrayList<>();
            if (field != null) {
                if (preset != null && !(preset instanceof Collection)) {
                    bound.add(preset);
                } else if (!candidates.isEmpty()) {
                    if (ref.cardinality().isMultiple() || Collection.class.isAssignableFrom(field.getType())) {
                        set(field, m.instance, new CopyOnWriteArrayList<>(candidates));
                        bound.addAll(candidates);
                    } else {
                        set(field, m.instance, candidates.get(0));
                        bound.add(candidates.get(0));
                        m.injectedFields.add(field);
                    }
                }
            }
            if (ref.bind() != null) {
                List<Object> toBind = ref.cardinality().isMultiple() ? candidates
                        : candidates.isEmpty() ? List.of() : List.of(candidates.get(0));
                for (Object service : toBind) {
                    invoke(findSingleArgMethod(m.instance.getClass(), ref.bind(), service), m.instance, service);
                    bound.add(service);
                }
            }
            m.bound.put(ref, bound);
        }
    }

    private void unbindReferences(Managed m) {
        for (Map.Entry<ComponentDescriptor.Reference, List<Object>> e : m.bound.entrySet()) {
            ComponentDescriptor.Reference ref = e.getKey();
            if (ref.unbind() != null) {
                for (Object service : e.getValue()) {
                    try {
                        invoke(findSingleArgMethod(m.instance.getClass(), ref.unbind(), service),
                                m.instance, service);
                    } catch (RuntimeException ex) {
                        log.warn("Unbinding {} from {} failed", ref.name(), m.descriptor.name(), ex);
                    }
                }
            }
        }
        // Fields the runtime set are cleared so a reactivation binds afresh;
        // fields the caller preset are left as they were.
        for (Field f : m.injectedFields) {
            set(f, m.instance, null);
        }
        m.injectedFields.clear();
        m.bound.clear();
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new IllegalStateException(type.getName() + " has no field " + name);
    }

    private static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Object target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method findSingleArgMethod(Class<?> type, String name, Object arg) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == 1
                        && method.getParameterTypes()[0].isInstance(arg)) {
                    method.setAccessible(true);
                    return method;
                }
            }
        }
        throw new IllegalStateException(type.getName() + " has no method " + name + "("
                + arg.getClass().getName() + ")");
    }

    // -- life-cycle methods: (), (ComponentContext), (Map), (BundleContext), (int)

    private static Method findLifecycleMethod(Class<?> type, String name) {
        if (name == null) {
            return null;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Method best = null;
            for (Method method : c.getDeclaredMethods()) {
                if (!method.getName().equals(name) || !supportedParameters(method)) {
                    continue;
                }
                if (best == null || method.getParameterCount() > best.getParameterCount()) {
                    best = method;
                }
            }
            if (best != null) {
                best.setAccessible(true);
                return best;
            }
        }
        return null;
    }

    private static boolean supportedParameters(Method method) {
        for (Class<?> p : method.getParameterTypes()) {
            if (p != ComponentContext.class && p != Map.class && p != BundleContext.class
                    && p != int.class && p != Integer.class) {
                return false;
            }
        }
        return true;
    }

    private void invokeLifecycle(Method method, Managed m) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == ComponentContext.class) {
                args[i] = m.context;
            } else if (types[i] == Map.class) {
                Map<String, Object> map = new HashMap<>();
                Dictionary<String, Object> d = m.context.getProperties();
                for (Enumeration<String> k = d.keys(); k.hasMoreElements(); ) {
                    String key = k.nextElement();
                    map.put(key, d.get(key));
                }
                args[i] = map;
            } else if (types[i] == int.class || types[i] == Integer.class) {
                args[i] = 1; // ComponentConstants.DEACTIVATION_REASON_DISABLED
            } else {
                args[i] = null; // no BundleContext outside OSGi
            }
        }
        invoke(method, m.instance, args);
    }

    private static void invoke(Method method, Object target, Object... args) {
        try {
            method.setAccessible(true);
            method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> loadType(Managed m, String name) {
        try {
            ClassLoader cl = m.instance.getClass().getClassLoader();
            return Class.forName(name, false, cl != null ? cl : ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Component " + m.descriptor.name()
                    + " provides unknown type " + name, e);
        }
    }

    // -- per-component state

    private static final class Managed {
        final Object instance;
        final ComponentDescriptor descriptor;
        final Map<ComponentDescriptor.Reference, List<Object>> bound = new LinkedHashMap<>();
        final List<Field> injectedFields = new ArrayList<>();
        State state = State.INACTIVE;
        Context context;

        Managed(Object instance, ComponentDescriptor descriptor) {
            this.instance = instance;
            this.descriptor = descriptor;
        }

        boolean dependsMandatorilyOn(Object service) {
            return bound.entrySet().stream().anyMatch(e -> e.getKey().cardinality().isMandatory()
                    && e.getValue().stream().anyMatch(s -> s == service));
        }
    }

    private final class Context implements ComponentContext {
        private final Managed managed;
        private final Hashtable<String, Object> properties;

        Context(Managed managed, Hashtable<String, Object> properties) {
            this.managed = managed;
            this.properties = properties;
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
                    ComponentRuntime.this.deactivate(managed.descriptor.name());
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
            ComponentRuntime.this.activate(name);
        }

        @Override
        public void disableComponent(String name) {
            ComponentRuntime.this.deactivate(name);
        }

        @Override
        public ServiceReference<?> getServiceReference() {
            return null;
        }
    }
}
