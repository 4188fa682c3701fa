/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@link ComponentRuntime} keeps about one component: its instance
 * and descriptor, its state, its context while active and the services bound
 * to its references.
 */
final class ManagedComponent {

    final Object instance;
    final ComponentDescriptor descriptor;
    /** Services bound to each reference, in binding order. */
    final Map<ComponentDescriptor.Reference, List<Object>> bound = new LinkedHashMap<>();
    /** Fields the runtime set (and clears again on deactivation). */
    final List<Field> injectedFields = new ArrayList<>();
    ComponentRuntime.State state = ComponentRuntime.State.INACTIVE;
    SandboxComponentContext context;

    ManagedComponent(Object instance, ComponentDescriptor descriptor) {
        this.instance = instance;
        this.descriptor = descriptor;
    }

    /** @return component name */
    String name() {
        return descriptor.name();
    }

    /**
     * Tells whether a service is bound to one of this component's mandatory
     * references.
     *
     * @param service service instance
     * @return true if this component depends on it
     */
    boolean dependsMandatorilyOn(Object service) {
        return bound.entrySet().stream().anyMatch(e -> e.getKey().cardinality().isMandatory()
                && e.getValue().stream().anyMatch(s -> s == service));
    }
}
