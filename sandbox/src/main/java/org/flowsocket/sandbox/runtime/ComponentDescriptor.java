/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the sandbox runtime needs to know about a Declarative Services
 * component: its name, life-cycle methods, default properties, the services
 * it provides and the references it needs.
 * <p>
 * ONOS's bundles (and FlowSocket's) carry this information as the DS
 * descriptor {@code OSGI-INF/<component name>.xml} that bnd writes from the
 * {@code @Component}, {@code @Reference} and {@code @Activate} annotations;
 * those annotations themselves are not visible at run time (CLASS retention).
 * {@link #of(Class)} reads that descriptor. A class without one (for example
 * ONOS's single-instance stores, which ship in a test jar) gets a descriptor
 * {@link #introspect(Class, List) by introspection}: every field whose type is
 * a registered service is treated as an optional reference, and the methods
 * named {@code activate}, {@code deactivate} and {@code modified} are the
 * life-cycle methods.
 */
public final class ComponentDescriptor {

    /** How a reference was declared. */
    public enum Cardinality {
        /** 0..1 */
        OPTIONAL,
        /** 1..1 */
        MANDATORY,
        /** 0..n */
        MULTIPLE,
        /** 1..n */
        AT_LEAST_ONE;

        static Cardinality parse(String s) {
            if (s == null || s.equals("1..1")) {
                return MANDATORY;
            }
            switch (s) {
                case "0..1":
                    return OPTIONAL;
                case "0..n":
                    return MULTIPLE;
                case "1..n":
                    return AT_LEAST_ONE;
                default:
                    throw new IllegalArgumentException("Unknown cardinality " + s);
            }
        }

        /** @return true if at least one service must be present */
        public boolean isMandatory() {
            return this == MANDATORY || this == AT_LEAST_ONE;
        }

        /** @return true if more than one service may be bound */
        public boolean isMultiple() {
            return this == MULTIPLE || this == AT_LEAST_ONE;
        }
    }

    /** A reference of a component to a service. */
    public static final class Reference {
        private final String name;
        private final String interfaceName;
        private final Cardinality cardinality;
        private final String field;
        private final String bind;
        private final String unbind;

        /**
         * Creates a reference.
         *
         * @param name          reference name
         * @param interfaceName service type name
         * @param cardinality   cardinality
         * @param field         field to inject, or null
         * @param bind          bind method name, or null
         * @param unbind        unbind method name, or null
         */
        public Reference(String name, String interfaceName, Cardinality cardinality,
                         String field, String bind, String unbind) {
            this.name = name;
            this.interfaceName = interfaceName;
            this.cardinality = cardinality;
            this.field = field;
            this.bind = bind;
            this.unbind = unbind;
        }

        /** @return reference name */
        public String name() {
            return name;
        }

        /** @return service type name */
        public String interfaceName() {
            return interfaceName;
        }

        /** @return cardinality */
        public Cardinality cardinality() {
            return cardinality;
        }

        /** @return field name, or null */
        public String field() {
            return field;
        }

        /** @return bind method name, or null */
        public String bind() {
            return bind;
        }

        /** @return unbind method name, or null */
        public String unbind() {
            return unbind;
        }

        @Override
        public String toString() {
            return name + " (" + interfaceName + ", " + cardinality + ")";
        }
    }

    private final String name;
    private final String implementation;
    private final boolean enabled;
    private final String activate;
    private final String deactivate;
    private final String modified;
    private final Map<String, Object> properties;
    private final List<String> provides;
    private final List<Reference> references;
    private final boolean introspected;

    // Made by of, find, parse, introspect and withProvides.
    ComponentDescriptor(String name, String implementation, boolean enabled,
                        String activate, String deactivate, String modified,
                        Map<String, Object> properties, List<String> provides,
                        List<Reference> references, boolean introspected) {
        this.name = name;
        this.implementation = implementation;
        this.enabled = enabled;
        this.activate = activate;
        this.deactivate = deactivate;
        this.modified = modified;
        this.properties = Collections.unmodifiableMap(properties);
        this.provides = Collections.unmodifiableList(provides);
        this.references = Collections.unmodifiableList(references);
        this.introspected = introspected;
    }

    /**
     * Returns the descriptor of a component class: its DS descriptor if the
     * class's jar has one, otherwise one made by introspection that provides
     * nothing.
     *
     * @param type component class
     * @return descriptor
     */
    public static ComponentDescriptor of(Class<?> type) {
        return find(type).orElseGet(() -> introspect(type, List.of()));
    }

    /**
     * Reads the DS descriptor {@code OSGI-INF/<class name>.xml} of a component
     * class.
     *
     * @param type component class
     * @return the descriptor, or empty if the class's jar has none
     */
    public static Optional<ComponentDescriptor> find(Class<?> type) {
        ClassLoader loader = type.getClassLoader() != null
                ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        URL url = loader.getResource("OSGI-INF/" + type.getName() + ".xml");
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(parse(in));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + url, e);
        }
    }

    /**
     * Parses a DS component descriptor.
     *
     * @param in descriptor XML
     * @return the descriptor
     */
    public static ComponentDescriptor parse(InputStream in) {
        return DescriptorXmlParser.parse(in);
    }

    /**
     * Makes a descriptor for a class that has no DS descriptor: each instance
     * field that is not final and whose type is an interface becomes an
     * optional reference bound by type; the life-cycle methods are
     * {@code activate}, {@code deactivate} and {@code modified}.
     *
     * @param type     component class
     * @param provides service types the component provides
     * @return descriptor
     */
    public static ComponentDescriptor introspect(Class<?> type, List<Class<?>> provides) {
        List<Reference> references = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isFinal(m) || !f.getType().isInterface()) {
                    continue;
                }
                if (f.getType().getName().startsWith("java.")
                        || f.getType().getName().startsWith("org.slf4j.")) {
                    continue;
                }
                references.add(new Reference(f.getName(), f.getType().getName(),
                        Cardinality.OPTIONAL, f.getName(), null, null));
            }
        }
        List<String> names = new ArrayList<>();
        provides.forEach(p -> names.add(p.getName()));
        return new ComponentDescriptor(type.getName(), type.getName(), true,
                "activate", "deactivate", "modified", new LinkedHashMap<>(), names,
                references, true);
    }

    /**
     * Returns a copy of this descriptor that also provides the given types.
     *
     * @param extra additional service types
     * @return descriptor
     */
    public ComponentDescriptor withProvides(List<Class<?>> extra) {
        List<String> all = new ArrayList<>(provides);
        extra.forEach(c -> {
            if (!all.contains(c.getName())) {
                all.add(c.getName());
            }
        });
        return new ComponentDescriptor(name, implementation, enabled, activate, deactivate,
                modified, new LinkedHashMap<>(properties), all, new ArrayList<>(references),
                introspected);
    }

    /** @return component name (the configuration PID) */
    public String name() {
        return name;
    }

    /** @return implementation class name */
    public String implementation() {
        return implementation;
    }

    /** @return false if the component waits to be enabled through ComponentService */
    public boolean enabled() {
        return enabled;
    }

    /** @return activate method name */
    public String activate() {
        return activate;
    }

    /** @return deactivate method name */
    public String deactivate() {
        return deactivate;
    }

    /** @return modified method name, or null if the component has none */
    public String modified() {
        return modified;
    }

    /** @return default component properties */
    public Map<String, Object> properties() {
        return properties;
    }

    /** @return names of the provided service types */
    public List<String> provides() {
        return provides;
    }

    /** @return references */
    public List<Reference> references() {
        return references;
    }

    /** @return true if this descriptor was made by introspection, not read */
    public boolean introspected() {
        return introspected;
    }

    @Override
    public String toString() {
        return "Component " + name + (introspected ? " (introspected)" : "");
    }
}
