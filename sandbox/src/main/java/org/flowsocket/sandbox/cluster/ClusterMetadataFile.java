/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * ONOS's cluster metadata file ({@code cluster.json}), as ONOS's
 * {@code ConfigFileBasedClusterMetadataProvider} reads it: the cluster's name,
 * this node, the controller nodes (id, address, Atomix messaging port) and the
 * storage nodes (Atomix servers). Without storage nodes ONOS 2.5.6's
 * {@code AtomixManager} forms an embedded Raft management group
 * ({@code system}, one partition) and partition group ({@code raft}, one
 * partition per controller) among the controller nodes, as a single ONOS
 * without Atomix servers does; but its node discovery then knows no other
 * node (it bootstraps from the storage nodes only), so several controllers
 * never meet: a cluster of several nodes names its storage nodes.
 */
public final class ClusterMetadataFile {

    /** A controller node: its id and the address and port of its Atomix messaging. */
    public static final class Member {
        private final String id;
        private final String host;
        private final int port;

        /**
         * @param id   node id
         * @param host address other nodes reach it on
         * @param port its Atomix messaging port
         */
        public Member(String id, String host, int port) {
            checkArgument(port > 0 && port < 65536, "Bad port %s", port);
            this.id = Objects.requireNonNull(id);
            this.host = Objects.requireNonNull(host);
            this.port = port;
        }

        /** @return node id */
        public String id() {
            return id;
        }

        /** @return address */
        public String host() {
            return host;
        }

        /** @return Atomix messaging port */
        public int port() {
            return port;
        }
    }

    private final String name;
    private final List<Member> controllers;
    private final List<Member> storage;

    /**
     * @param name        cluster name (Atomix's cluster id)
     * @param controllers the controller nodes
     * @param storage     the storage nodes (Atomix servers), or none
     */
    public ClusterMetadataFile(String name, List<Member> controllers, List<Member> storage) {
        checkArgument(!controllers.isEmpty(), "A cluster needs a node");
        this.name = Objects.requireNonNull(name);
        this.controllers = ImmutableList.copyOf(controllers);
        this.storage = ImmutableList.copyOf(storage);
    }

    /** @return the cluster's name */
    public String name() {
        return name;
    }

    /** @return the storage nodes */
    public List<Member> storage() {
        return storage;
    }

    /** @return the controller nodes */
    public List<Member> controllers() {
        return controllers;
    }

    /**
     * Writes the file a node reads: ONOS's format, with this node as
     * {@code node}.
     *
     * @param localId this node's id (one of the controllers)
     * @param file    where to write
     * @return the file's {@code file://} URI, the value of ONOS's
     *         {@code onos.cluster.metadata.uri} system property
     * @throws IOException if the file cannot be written
     */
    public String write(String localId, Path file) throws IOException {
        Member local = controllers.stream().filter(m -> m.id.equals(localId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No controller node " + localId));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("name", name);
        root.set("node", node(mapper, local));
        ArrayNode controller = root.putArray("controller");
        controllers.forEach(m -> controller.add(node(mapper, m)));
        ArrayNode storageNodes = root.putArray("storage");
        storage.forEach(m -> storageNodes.add(node(mapper, m)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        // ONOS strips "file://" and opens the rest as a path
        return "file://" + file.toAbsolutePath();
    }

    private static ObjectNode node(ObjectMapper mapper, Member m) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", m.id);
        n.put("ip", m.host);
        n.put("port", m.port);
        return n;
    }
}
