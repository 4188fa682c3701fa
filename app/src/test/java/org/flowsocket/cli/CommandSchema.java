/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The request fields of a protocol command, read from its normative JSON
 * Schema (docs/schema/commands), so that a console command can be checked
 * against every field the protocol has, including fields added later.
 */
final class CommandSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandSchema() {
    }

    /**
     * Returns the leaf fields of a command's request as dotted paths, e.g.
     * {@code network.qos.dscp}: objects its schema defines (through
     * {@code $ref} too) are entered, everything else is a leaf.
     *
     * @param command protocol command, e.g. {@code InstallFlow}
     * @return dotted field paths, sorted
     * @throws IOException if a schema file cannot be read
     */
    static Set<String> requestFields(String command) throws IOException {
        Path file = CliDocsExamplesTest.repositoryRoot().resolve("docs/schema/commands/" + command + ".json");
        Set<String> fields = new TreeSet<>();
        collect(file, pointer(file, "#/definitions/request"), "", fields);
        return fields;
    }

    private static void collect(Path file, JsonNode object, String prefix, Set<String> fields) throws IOException {
        Iterator<Map.Entry<String, JsonNode>> properties = object.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String path = prefix + property.getKey();
            Path at = file;
            JsonNode schema = property.getValue();
            while (schema.has("$ref")) {
                String ref = schema.get("$ref").asText();
                int hash = ref.indexOf('#');
                at = hash == 0 ? at : at.resolveSibling(ref.substring(0, hash)).normalize();
                schema = pointer(at, ref.substring(hash));
            }
            if (schema.has("properties")) {
                collect(at, schema, path + ".", fields);
            } else {
                fields.add(path);
            }
        }
    }

    private static JsonNode pointer(Path file, String fragment) throws IOException {
        JsonNode node = JSON.readTree(file.toFile()).at(fragment.substring(1));
        if (node.isMissingNode()) {
            throw new IOException(file + " has no " + fragment);
        }
        return node;
    }
}
