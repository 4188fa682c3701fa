/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.flowsocket.sandbox.runtime.Reflection.findField;
import static org.flowsocket.sandbox.runtime.Reflection.findSingleArgMethod;
import static org.flowsocket.sandbox.runtime.Reflection.get;
import static org.flowsocket.sandbox.runtime.Reflection.invoke;
import static org.flowsocket.sandbox.runtime.Reflection.set;

/**
 * Binds a component's references to services from a {@link ServiceRegistry},
 * through the reference's field or its bind method, and unbinds them again.
 * <p>
 * A field the caller set before activation is left alone; a mandatory
 * reference with neither a service nor a preset field is an error naming the
 * component and the missing service.
 */
final class ReferenceBinder {

    private static final Logger log = LoggerFactory.getLogger(ReferenceBinder.class);

    private final ServiceRegistry registry;

    /**
     * Creates a binder over a registry.
     *
     * @param registry where the services come from
     */
    ReferenceBinder(ServiceRegistry registry) {
        this.registry = registry;
    }

    /**
     * Binds every reference of a component.
     *
     * @param m component
     * @throws IllegalStateException if a mandatory reference cannot be bound
     */
    void bind(ManagedComponent m) {
        for (ComponentDescriptor.Reference ref : m.descriptor.references()) {
            List<Object> candidates = registry.getAllByName(ref.interfaceName());
            candidates.remove(m.instance);
            Field field = ref.field() != null ? findField(m.instance.getClass(), ref.field()) : null;
            Object preset = field != null ? get(field, m.instance) : null;
            if (candidates.isEmpty() && preset == null && ref.cardinality().isMandatory()) {
                throw new IllegalStateException("Cannot activate " + m.name()
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

    /**
     * Unbinds every reference of a component; a failing unbind method is
     * logged, not thrown.
     *
     * @param m component
     */
    void unbind(ManagedComponent m) {
        for (Map.Entry<ComponentDescriptor.Reference, List<Object>> e : m.bound.entrySet()) {
            ComponentDescriptor.Reference ref = e.getKey();
            if (ref.unbind() != null) {
                for (Object service : e.getValue()) {
                    try {
                        invoke(findSingleArgMethod(m.instance.getClass(), ref.unbind(), service),
                                m.instance, service);
                    } catch (RuntimeException ex) {
                        log.warn("Unbinding {} from {} failed", ref.name(), m.name(), ex);
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
}
