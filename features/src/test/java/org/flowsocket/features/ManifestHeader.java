/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an OSGi manifest header such as Import-Package into its clauses:
 * package name to attributes (version range unquoted).
 */
final class ManifestHeader {

    private ManifestHeader() {
    }

    static Map<String, Map<String, String>> clauses(String header) {
        Map<String, Map<String, String>> clauses = new LinkedHashMap<>();
        if (header == null) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String part : parts.subList(1, parts.size())) {
                int eq = part.indexOf('=');
                String name = part.substring(0, eq).replace(":", "").trim();
                attributes.put(name, part.substring(eq + 1).trim().replace("\"", ""));
            }
            clauses.put(parts.get(0).trim(), attributes);
        }
        return clauses;
    }

    // Splits outside double quotes, where version ranges hide their commas.
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
