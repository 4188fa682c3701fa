/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableSet;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.cfg.ConfigProperty;
import org.osgi.service.component.annotations.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static org.onosproject.cfg.ConfigProperty.defineProperty;

/**
 * {@link ComponentConfigService} that registers a component's property
 * definitions as ONOS 2.5.6 ComponentConfigManager does: from the
 * {@code .cfgdef} resource next to the component class (which
 * onos-maven-plugin's cfg goal writes into the bundle), refusing a component
 * without one. Values are never set: every property keeps its default.
 */
@Component(immediate = true, service = ComponentConfigService.class)
public class ComponentConfigStandIn extends ComponentConfigAdapter {

    // As ONOS 2.5.6 ComponentConfigManager.
    private static final String COMPONENT_NULL = "Component name cannot be null";
    private static final String RESOURCE_EXT = ".cfgdef";

    private final Map<String, Set<ConfigProperty>> properties = new ConcurrentHashMap<>();

    @Override
    public Set<String> getComponentNames() {
        return ImmutableSet.copyOf(properties.keySet());
    }

    @Override
    public void registerProperties(Class<?> componentClass) {
        // As ComponentConfigManager.registerProperties: MyClass.cfgdef beside the class,
        // else my/package/name/MyClass.cfgdef.
        String resourceName = componentClass.getSimpleName() + RESOURCE_EXT;
        if (componentClass.getResource(resourceName) == null) {
            resourceName = componentClass.getCanonicalName().replace('.', '/') + RESOURCE_EXT;
        }
        try (InputStream definitions = componentClass.getResourceAsStream(resourceName)) {
            checkArgument(definitions != null, "Property definitions not found at resource %s", resourceName);
            properties.put(componentClass.getName(), read(definitions));
        } catch (IOException e) {
            throw new UncheckedIOException("Unable to read property definitions from resource " + resourceName, e);
        }
    }

    @Override
    public void unregisterProperties(Class<?> componentClass, boolean clear) {
        String componentName = componentClass.getName();
        checkNotNull(componentName, COMPONENT_NULL);
        properties.remove(componentName);
    }

    @Override
    public Set<ConfigProperty> getProperties(String componentName) {
        return properties.get(componentName);
    }

    // As ONOS 2.5.6 ConfigPropertyDefinitions.read (onos-core-net): name|type|description|default
    // per line; '#' starts a comment; an unknown type is an IllegalArgumentException.
    private static Set<ConfigProperty> read(InputStream stream) throws IOException {
        ImmutableSet.Builder<ConfigProperty> builder = ImmutableSet.builder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    String[] f = line.split("\\|", 4);
                    if (f.length == 4) {
                        builder.add(defineProperty(f[0], ConfigProperty.Type.valueOf(f[1]), f[2], f[3]));
                    }
                }
            }
        }
        return builder.build();
    }
}
