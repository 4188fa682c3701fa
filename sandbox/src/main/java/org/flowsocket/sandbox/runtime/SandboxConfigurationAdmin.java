/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory OSGi Configuration Admin.
 * <p>
 * ONOS's {@code ComponentConfigManager} keeps component properties in a
 * {@code ComponentConfigStore} and pushes them to components through
 * Configuration Admin, which in OSGi hands them to the Service Component
 * Runtime, which calls the component's {@code modified} method. Here an update
 * is handed to the {@link ComponentRuntime} in the same way.
 */
public final class SandboxConfigurationAdmin implements ConfigurationAdmin {

    private static final Pattern PID_FILTER = Pattern.compile("\\(service\\.pid=([^)]+)\\)");

    private final Map<String, SandboxConfiguration> configurations = new ConcurrentHashMap<>();
    private final AtomicLong factoryCounter = new AtomicLong();
    private final BiConsumer<String, Dictionary<String, Object>> updateListener;

    /**
     * Creates a Configuration Admin that reports each update.
     *
     * @param updateListener receives the PID and the new properties (null once deleted)
     */
    public SandboxConfigurationAdmin(BiConsumer<String, Dictionary<String, Object>> updateListener) {
        this.updateListener = updateListener;
    }

    /**
     * Returns a copy of the properties stored for a PID.
     *
     * @param pid configuration PID (the component name)
     * @return properties, or null if none were ever set
     */
    public Dictionary<String, Object> propertiesOf(String pid) {
        SandboxConfiguration c = configurations.get(pid);
        return c == null ? null : c.getProperties();
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        return createFactoryConfiguration(factoryPid, null);
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) {
        String pid = factoryPid + "." + factoryCounter.incrementAndGet();
        SandboxConfiguration c = new SandboxConfiguration(pid, factoryPid, location);
        configurations.put(pid, c);
        return c;
    }

    @Override
    public Configuration getConfiguration(String pid, String location) {
        return configurations.computeIfAbsent(pid, p -> new SandboxConfiguration(p, null, location));
    }

    @Override
    public Configuration getConfiguration(String pid) {
        return getConfiguration(pid, null);
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        return configurations.computeIfAbsent(factoryPid + "~" + name,
                p -> new SandboxConfiguration(p, factoryPid, location));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        return getFactoryConfiguration(factoryPid, name, null);
    }

    /**
     * Lists configurations that have properties. Supports no filter (all of
     * them) and the filter {@code (service.pid=PID)}.
     */
    @Override
    public Configuration[] listConfigurations(String filter) throws InvalidSyntaxException {
        if (filter == null) {
            return configurations.values().stream()
                    .filter(c -> c.getProperties() != null)
                    .toArray(Configuration[]::new);
        }
        Matcher m = PID_FILTER.matcher(filter.trim());
        if (!m.matches()) {
            throw new InvalidSyntaxException("Only (service.pid=...) filters are supported", filter);
        }
        SandboxConfiguration c = configurations.get(m.group(1));
        return c == null || c.getProperties() == null ? null : new Configuration[]{c};
    }

    private final class SandboxConfiguration implements Configuration {
        private final String pid;
        private final String factoryPid;
        private volatile String location;
        private volatile Hashtable<String, Object> properties;
        private final AtomicLong changeCount = new AtomicLong();
        private final Set<ConfigurationAttribute> attributes =
                Collections.synchronizedSet(EnumSet.noneOf(ConfigurationAttribute.class));
        private volatile boolean deleted;

        SandboxConfiguration(String pid, String factoryPid, String location) {
            this.pid = pid;
            this.factoryPid = factoryPid;
            this.location = location;
        }

        @Override
        public String getPid() {
            checkDeleted();
            return pid;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            Hashtable<String, Object> p = properties;
            return p == null ? null : new Hashtable<>(p);
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            return getProperties();
        }

        @Override
        public void update(Dictionary<String, ?> newProperties) throws IOException {
            checkDeleted();
            if (attributes.contains(ConfigurationAttribute.READ_ONLY)) {
                throw new IOException("Configuration " + pid + " is read-only");
            }
            Hashtable<String, Object> copy = new Hashtable<>();
            if (newProperties != null) {
                Enumeration<String> keys = newProperties.keys();
                while (keys.hasMoreElements()) {
                    String k = keys.nextElement();
                    copy.put(k, newProperties.get(k));
                }
            }
            copy.put("service.pid", pid);
            if (factoryPid != null) {
                copy.put("service.factoryPid", factoryPid);
            }
            properties = copy;
            changeCount.incrementAndGet();
            updateListener.accept(pid, getProperties());
        }

        @Override
        public void update() throws IOException {
            checkDeleted();
            if (properties != null) {
                changeCount.incrementAndGet();
                updateListener.accept(pid, getProperties());
            }
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> newProperties) throws IOException {
            Hashtable<String, Object> current = properties;
            if (current != null && newProperties != null) {
                Hashtable<String, Object> other = new Hashtable<>();
                Enumeration<String> keys = newProperties.keys();
                while (keys.hasMoreElements()) {
                    String k = keys.nextElement();
                    other.put(k, newProperties.get(k));
                }
                Hashtable<String, Object> mine = new Hashtable<>(current);
                mine.remove("service.pid");
                mine.remove("service.factoryPid");
                other.remove("service.pid");
                other.remove("service.factoryPid");
                if (Objects.equals(mine, other)) {
                    return false;
                }
            }
            update(newProperties);
            return true;
        }

        @Override
        public void delete() {
            checkDeleted();
            deleted = true;
            properties = null;
            configurations.remove(pid);
            updateListener.accept(pid, null);
        }

        @Override
        public String getFactoryPid() {
            checkDeleted();
            return factoryPid;
        }

        @Override
        public void setBundleLocation(String location) {
            checkDeleted();
            this.location = location;
        }

        @Override
        public String getBundleLocation() {
            checkDeleted();
            return location;
        }

        @Override
        public long getChangeCount() {
            return changeCount.get();
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
            Collections.addAll(attributes, attrs);
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            return Set.copyOf(attributes);
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
            for (ConfigurationAttribute a : attrs) {
                attributes.remove(a);
            }
        }

        private void checkDeleted() {
            if (deleted) {
                throw new IllegalStateException("Configuration " + pid + " was deleted");
            }
        }
    }
}
