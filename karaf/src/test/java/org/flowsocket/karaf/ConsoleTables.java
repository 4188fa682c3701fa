/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading what Karaf's console commands print (bundle:list, feature:list and
 * bundle:requirements with --no-format), and manifest headers.
 */
final class ConsoleTables {

    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern PROVIDER = Pattern.compile("from (\\S+) \\[(\\d+)]");

    private ConsoleTables() {
    }

    /** Rows of a console table printed with --no-format, cells trimmed. */
    static List<String[]> rows(String out) {
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] cells = line.split("\t");
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].trim();
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Whether feature:list --no-format shows the feature as started. */
    static boolean featureStarted(String featureList, String feature) {
        return rows(featureList).stream().anyMatch(row -> row.length > 3 && row[0].equals(feature)
                && List.of(row).contains("Started"));
    }

    /** Symbolic name to {id, state, level, version, symbolic name}, from bundle:list -s -t 0. */
    static Map<String, String[]> bundles(String bundleList) {
        Map<String, String[]> bundles = new LinkedHashMap<>();
        for (String[] cells : rows(bundleList)) {
            if (cells.length >= 5 && cells[0].matches("\\d+")) {
                bundles.put(cells[4], cells);
            }
        }
        return bundles;
    }

    /** Bundles of bundle:list -t 0 neither active nor a resolved fragment (the list names a fragment's hosts). */
    static List<String> notStarted(String bundleList) {
        List<String> waiting = new ArrayList<>();
        for (String[] cells : rows(bundleList)) {
            if (cells.length >= 5 && cells[0].matches("\\d+") && !"Active".equals(cells[1])
                    && !("Resolved".equals(cells[1]) && cells[4].contains(", Hosts: "))) {
                waiting.add(String.join(" ", cells));
            }
        }
        return waiting;
    }

    /** Imported package to the bundle it is wired to, from bundle:requirements. */
    static Map<String, String> wires(String requirements) {
        Map<String, String> wires = new LinkedHashMap<>();
        String pending = null;
        for (String line : requirements.split("\n")) {
            Matcher pkg = PACKAGE.matcher(line);
            if (line.startsWith("osgi.wiring.package") && pkg.find()) {
                pending = line.contains("resolved by:") ? pkg.group(1) : null;
            } else if (pending != null) {
                Matcher provider = PROVIDER.matcher(line);
                if (provider.find()) {
                    wires.put(pending, provider.group(1));
                    pending = null;
                }
            }
        }
        return wires;
    }

    /** Whether bundle:requirements --namespace service lists the service class as in use. */
    static boolean usesService(String requirements, String service) {
        return Pattern.compile("^service; \\[([^]]*, )?" + Pattern.quote(service) + "(, [^]]*)?] provided by:",
                               Pattern.MULTILINE).matcher(requirements).find();
    }

    /** Package names of an Import-Package or Export-Package header; optional imports left out. */
    static Set<String> packageNames(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String text = clause.toString();
                if (!text.contains("resolution:=optional")) {
                    for (String part : text.split(";")) {
                        if (!part.contains("=") && !part.isBlank()) {
                            names.add(part.trim());
                        }
                    }
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }
}
