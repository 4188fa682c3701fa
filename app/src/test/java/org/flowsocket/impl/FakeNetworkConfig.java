/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigServiceAdapter;
import org.onosproject.net.config.basics.BasicDeviceConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Network configuration kept as JSON per subject and key, with the basic
 * device config readable through its class, as ONOS's registry does.
 * Changes of a device's basic config are posted as ONOS's
 * NetworkConfigManager posts them: CONFIG_ADDED, CONFIG_UPDATED (not when
 * the JSON is unchanged) and CONFIG_REMOVED, with the config and the
 * previous one.
 */
class FakeNetworkConfig extends NetworkConfigServiceAdapter {

    private static final String BASIC = "basic";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, JsonNode> configs = new ConcurrentHashMap<>();
    private final List<NetworkConfigListener> listeners = new CopyOnWriteArrayList<>();

    JsonNode json(Object subject, String key) {
        return configs.get(subject + "/" + key);
    }

    @Override
    public <S, C extends Config<S>> C applyConfig(String subjectClassKey, S subject, String configKey,
                                                  JsonNode json) {
        JsonNode previous = configs.put(subject + "/" + configKey, json);
        if (BASIC.equals(configKey) && !json.equals(previous)) {
            post(new NetworkConfigEvent(previous == null ? NetworkConfigEvent.Type.CONFIG_ADDED
                    : NetworkConfigEvent.Type.CONFIG_UPDATED, subject, basic(subject, json),
                    previous == null ? null : basic(subject, previous), BasicDeviceConfig.class));
        }
        return null;
    }

    @Override
    public <S> void removeConfig(String subjectClassKey, S subject, String configKey) {
        JsonNode previous = configs.remove(subject + "/" + configKey);
        if (BASIC.equals(configKey) && previous != null) {
            post(new NetworkConfigEvent(NetworkConfigEvent.Type.CONFIG_REMOVED, subject, null,
                    basic(subject, previous), BasicDeviceConfig.class));
        }
    }

    @Override
    public void addListener(NetworkConfigListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(NetworkConfigListener listener) {
        listeners.remove(listener);
    }

    int listenerCount() {
        return listeners.size();
    }

    // As ONOS's ListenerRegistry.process: a listener hears the events it finds relevant.
    private void post(NetworkConfigEvent event) {
        listeners.stream().filter(l -> l.isRelevant(event)).forEach(l -> l.event(event));
    }

    private BasicDeviceConfig basic(Object subject, JsonNode json) {
        BasicDeviceConfig config = new BasicDeviceConfig();
        config.init((DeviceId) subject, BASIC, (ObjectNode) json, mapper, null);
        return config;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
        JsonNode json = configs.get(subject + "/" + BASIC);
        if (configClass != BasicDeviceConfig.class || json == null) {
            return null;
        }
        return (C) basic(subject, json);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> Set<S> getSubjects(Class<S> subjectClass, Class<C> configClass) {
        ImmutableSet.Builder<S> subjects = ImmutableSet.builder();
        configs.keySet().stream().filter(k -> k.endsWith("/basic"))
                .forEach(k -> subjects.add((S) DeviceId.deviceId(k.substring(0, k.length() - "/basic".length()))));
        return subjects.build();
    }
}
