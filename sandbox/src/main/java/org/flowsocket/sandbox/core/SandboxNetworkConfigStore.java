/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigApplyDelegate;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.InvalidConfigException;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigStore;
import org.onosproject.net.config.NetworkConfigStoreDelegate;
import org.onosproject.store.AbstractStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_ADDED;
import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_REGISTERED;
import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_REMOVED;
import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_UNREGISTERED;
import static org.onosproject.net.config.NetworkConfigEvent.Type.CONFIG_UPDATED;

/**
 * Single-instance network configuration store for the sandbox.
 * <p>
 * ONOS ships its network configuration store only in onos-core-dist, which is
 * not published for 2.x, and onos-core-common's single-instance stores have
 * none, so this store fills that gap for ONOS's real
 * {@code NetworkConfigManager}. It keeps the same contract: a configuration is
 * kept as JSON keyed by subject and config class; JSON for a config key with no
 * registered factory waits ("queued") under the subject key and is validated
 * and adopted when the factory registers; {@link Config#apply()} writes back
 * through the apply delegate; each change reaches the manager as a
 * {@link NetworkConfigEvent} with the new and previous configs.
 */
public final class SandboxNetworkConfigStore
        extends AbstractStore<NetworkConfigEvent, NetworkConfigStoreDelegate>
        implements NetworkConfigStore {

    private static final Logger log = LoggerFactory.getLogger(SandboxNetworkConfigStore.class);

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, ConfigFactory> factories = new ConcurrentHashMap<>();
    /** Validated configs: subject and config class name to JSON. */
    private final Map<Key, JsonNode> configs = new ConcurrentHashMap<>();
    /** Configs awaiting a factory: subject and config key to JSON. */
    private final Map<Key, JsonNode> queued = new ConcurrentHashMap<>();
    private final ConfigApplyDelegate applyDelegate = config -> put(config.subject(),
            config.getClass(), config.node());

    /** Key of a config: its subject plus either a config class name or a config key. */
    private static final class Key {
        final Object subject;
        final String name;

        Key(Object subject, String name) {
            this.subject = subject;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Objects.equals(subject, ((Key) o).subject)
                    && Objects.equals(name, ((Key) o).name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, name);
        }
    }

    /** Called by the runtime on activation. */
    public void activate() {
        log.debug("Started");
    }

    /** Called by the runtime on deactivation. */
    public void deactivate() {
        log.debug("Stopped");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addConfigFactory(ConfigFactory configFactory) {
        factories.put(configFactory.configClass().getName(), configFactory);
        // Adopt queued JSON for this factory's config key and subject class.
        for (Key k : new ArrayList<>(queued.keySet())) {
            if (!Objects.equals(k.name, configFactory.configKey())) {
                continue;
            }
            Object subject = k.subject;
            if (subject instanceof String
                    && !configFactory.subjectFactory().subjectClass().isInstance(subject)) {
                subject = configFactory.subjectFactory().createSubject((String) subject);
            }
            if (!configFactory.subjectFactory().subjectClass().isInstance(subject)) {
                continue;
            }
            JsonNode json = queued.remove(k);
            if (json == null) {
                continue;
            }
            try {
                Config config = createConfig(subject, configFactory.configClass(), json, true);
                if (config != null && config.isValid()) {
                    put(subject, configFactory.configClass(), json);
                } else {
                    log.warn("Dropping invalid queued {} config for {}: {}",
                            configFactory.configKey(), subject, json);
                }
            } catch (RuntimeException e) {
                log.warn("Dropping invalid queued {} config for {}: {}",
                        configFactory.configKey(), subject, e.getMessage());
            }
        }
        notifyDelegate(new NetworkConfigEvent(CONFIG_REGISTERED, configFactory.configKey(),
                configFactory.configClass()));
    }

    @Override
    public void removeConfigFactory(ConfigFactory configFactory) {
        String className = configFactory.configClass().getName();
        factories.remove(className);
        // Configs of this class go back to waiting under their config key.
        for (Key k : new ArrayList<>(configs.keySet())) {
            if (className.equals(k.name)) {
                JsonNode json = configs.remove(k);
                if (json != null) {
                    queued.put(new Key(k.subject, configFactory.configKey()), json);
                }
            }
        }
        notifyDelegate(new NetworkConfigEvent(CONFIG_UNREGISTERED, configFactory.configKey(),
                configFactory.configClass()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> ConfigFactory<S, C> getConfigFactory(Class<C> configClass) {
        return factories.get(configClass.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Set<S> getSubjects(Class<S> subjectClass) {
        ImmutableSet.Builder<S> builder = ImmutableSet.builder();
        configs.keySet().stream().map(k -> k.subject).filter(subjectClass::isInstance)
                .forEach(s -> builder.add((S) s));
        queued.keySet().stream().map(k -> k.subject).filter(subjectClass::isInstance)
                .forEach(s -> builder.add((S) s));
        return builder.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> Set<S> getSubjects(Class<S> subjectClass, Class<C> configClass) {
        ImmutableSet.Builder<S> builder = ImmutableSet.builder();
        String name = configClass.getName();
        configs.keySet().stream()
                .filter(k -> subjectClass.isInstance(k.subject) && name.equals(k.name))
                .forEach(k -> builder.add((S) k.subject));
        return builder.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Set<Class<? extends Config<S>>> getConfigClasses(S subject) {
        ImmutableSet.Builder<Class<? extends Config<S>>> builder = ImmutableSet.builder();
        configs.keySet().stream().filter(k -> Objects.equals(subject, k.subject))
                .map(k -> factories.get(k.name)).filter(Objects::nonNull)
                .forEach(f -> builder.add((Class<? extends Config<S>>) f.configClass()));
        return builder.build();
    }

    @Override
    public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
        JsonNode json = configs.get(new Key(subject, configClass.getName()));
        return json == null ? null : createConfig(subject, configClass, json, false);
    }

    @Override
    public <S, C extends Config<S>> C createConfig(S subject, Class<C> configClass) {
        ConfigFactory<S, C> factory = getConfigFactory(configClass);
        if (factory == null) {
            return null;
        }
        Key key = new Key(subject, configClass.getName());
        JsonNode json = configs.get(key);
        if (json == null) {
            json = factory.isList() ? mapper.createArrayNode() : mapper.createObjectNode();
            put(subject, configClass, json);
        }
        return createConfig(subject, configClass, json, false);
    }

    @Override
    public <S, C extends Config<S>> C applyConfig(S subject, Class<C> configClass, JsonNode json) {
        C config = createConfig(subject, configClass, json, false);
        if (config == null) {
            throw new IllegalArgumentException("No config factory for " + configClass.getName());
        }
        try {
            if (!config.isValid()) {
                throw new IllegalArgumentException("JSON node does not contain valid configuration");
            }
        } catch (RuntimeException e) {
            ConfigFactory<S, C> factory = getConfigFactory(configClass);
            throw new InvalidConfigException(factory.subjectFactory().subjectClassKey(),
                    factory.subjectFactory().subjectKey(subject), factory.configKey(), e);
        }
        put(subject, configClass, json);
        return config;
    }

    @Override
    public <S> void queueConfig(S subject, String configKey, JsonNode json) {
        queued.put(new Key(subject, configKey), json);
    }

    @Override
    public <S, C extends Config<S>> void clearConfig(S subject, Class<C> configClass) {
        remove(new Key(subject, configClass.getName()));
    }

    @Override
    public <S> void clearQueuedConfig(S subject, String configKey) {
        queued.remove(new Key(subject, configKey));
    }

    @Override
    public <S> void clearConfig(S subject) {
        queued.keySet().removeIf(k -> Objects.equals(subject, k.subject));
        new ArrayList<>(configs.keySet()).stream()
                .filter(k -> Objects.equals(subject, k.subject)).forEach(this::remove);
    }

    @Override
    public <S> void clearConfig() {
        queued.clear();
        new ArrayList<>(configs.keySet()).forEach(this::remove);
    }

    // Stores JSON for a subject and config class, and reports the change.
    @SuppressWarnings("unchecked")
    private void put(Object subject, Class configClass, JsonNode json) {
        Key key = new Key(subject, configClass.getName());
        JsonNode previous = configs.put(key, json);
        if (previous != null && previous.equals(json) && previous != json) {
            return;
        }
        Config config = createConfig(subject, configClass, json, true);
        Config prev = previous == null ? null : createConfig(subject, configClass, previous, true);
        notifyDelegate(new NetworkConfigEvent(previous == null ? CONFIG_ADDED : CONFIG_UPDATED,
                subject, config, prev, configClass));
    }

    @SuppressWarnings("unchecked")
    private void remove(Key key) {
        JsonNode previous = configs.remove(key);
        if (previous == null) {
            return;
        }
        ConfigFactory factory = factories.get(key.name);
        Class configClass = factory != null ? factory.configClass() : null;
        Config prev = configClass != null ? createConfig(key.subject, configClass, previous, true) : null;
        notifyDelegate(new NetworkConfigEvent(CONFIG_REMOVED, key.subject, null, prev, configClass));
    }

    // Makes a config object over JSON; a detached one has no apply delegate.
    @SuppressWarnings("unchecked")
    private <S, C extends Config<S>> C createConfig(S subject, Class<C> configClass,
                                                    JsonNode json, boolean detached) {
        ConfigFactory<S, C> factory = factories.get(configClass.getName());
        if (factory == null || json == null) {
            return null;
        }
        if (factory.isList() && !(json instanceof ArrayNode)) {
            throw new IllegalArgumentException("JSON node is not a list for list type config");
        }
        if (!factory.isList() && !(json instanceof ObjectNode)) {
            throw new IllegalArgumentException("JSON node is not an object for object type config");
        }
        C config = factory.createConfig();
        config.init(subject, factory.configKey(), json, mapper, detached ? null : applyDelegate);
        return config;
    }
}
