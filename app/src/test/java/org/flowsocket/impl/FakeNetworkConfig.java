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
import org.onosproject.net.config.NetworkConfigServiceAdapter;
import org.onosproject.net.config.basics.BasicDeviceConfig;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Network configuration kept as JSON per subject and key, with the basic
 * device config readable through its class, as ONOS's registry does.
 */
class FakeNetworkConfig extends NetworkConfigServiceAdapter {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, JsonNode> configs = new ConcurrentHashMap<>();

    JsonNode json(Object subject, String key) {
        return configs.get(subject + "/" + key);
    }

    @Override
    public <S, C extends Config<S>> C applyConfig(String subjectClassKey, S subject, String configKey,
                                                  JsonNode json) {
        configs.put(subject + "/" + configKey, json);
        return null;
    }

    @Override
    public <S> void removeConfig(String subjectClassKey, S subject, String configKey) {
        configs.remove(subject + "/" + configKey);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
        JsonNode json = configs.get(subject + "/basic");
        if (configClass != BasicDeviceConfig.class || json == null) {
            return null;
        }
        BasicDeviceConfig config = new BasicDeviceConfig();
        config.init((DeviceId) subject, "basic", (ObjectNode) json, mapper, null);
        return (C) config;
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
