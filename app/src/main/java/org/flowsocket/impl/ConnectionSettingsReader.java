/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSet;
import org.slf4j.Logger;

import java.util.Dictionary;
import java.util.Set;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Reads component properties defensively: a value that is missing, not a
 * number or out of range keeps the default, and the log says so.
 */
final class ConnectionSettingsReader {

    private final Logger log = getLogger(getClass());
    private final Dictionary<?, ?> properties;

    ConnectionSettingsReader(Dictionary<?, ?> properties) {
        this.properties = properties;
    }

    int integer(String name, int defaultValue, int min, int max) {
        Object raw = properties == null ? null : properties.get(name);
        if (raw == null || raw.toString().isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.toString().trim());
            if (value >= min && value <= max) {
                return value;
            }
            log.warn("Ignoring {}={}: it must be from {} to {}; keeping {}", name, raw, min, max, defaultValue);
        } catch (NumberFormatException e) {
            log.warn("Ignoring {}={}: not a whole number; keeping {}", name, raw, defaultValue);
        }
        return defaultValue;
    }

    String text(String name, String defaultValue) {
        Object raw = properties == null ? null : properties.get(name);
        return raw == null ? defaultValue : raw.toString().trim();
    }

    static Set<String> origins(String list) {
        return ImmutableSet.copyOf(Splitter.on(',').trimResults().omitEmptyStrings().split(list));
    }
}
