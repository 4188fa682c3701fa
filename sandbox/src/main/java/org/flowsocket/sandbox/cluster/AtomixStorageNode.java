/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomix.core.Atomix;
import io.atomix.core.AtomixConfig;
import io.atomix.core.AtomixRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An Atomix storage node, as ONOS 2.x clusters run them beside the ONOS
 * nodes: Atomix 3.1.9's own server, configured from the file ONOS's
 * {@code tools/test/bin/atomix-gen-config} (2.5.6) writes for
 * {@code atomix-agent}: cluster id, this member and its address, bootstrap
 * discovery of every storage node, a Raft management group {@code system}
 * (one partition over all members) and a Raft partition group {@code raft}
 * (one partition per member, three members each), mapped storage. The Raft
 * logs go under the given data directory, so a restarted node finds its log
 * again. {@link #start} returns once the node has joined its Raft groups,
 * which takes a quorum of the storage nodes.
 */
public final class AtomixStorageNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AtomixStorageNode.class);
    private static final int PARTITION_SIZE = 3;

    private final Atomix atomix;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AtomixStorageNode(Atomix atomix) {
        this.atomix = atomix;
    }

    /**
     * Starts a storage node from its configuration file
     * ({@link #writeConfig}).
     *
     * @param configFile the node's {@code atomix.json}
     * @return the running node
     */
    public static AtomixStorageNode start(Path configFile) {
        AtomixRegistry registry = RaftStore.atomixRegistry();
        AtomixConfig config = Atomix.config(registry, List.of(configFile.toFile()));
        Atomix atomix = Atomix.builder(config, registry).build();
        atomix.start().join();
        log.info("Atomix storage node {} started", config.getClusterConfig().getNodeConfig().getId());
        return new AtomixStorageNode(atomix);
    }

    /**
     * Writes a storage node's configuration as ONOS's atomix-gen-config
     * does, with the storage directories under {@code dataDir}.
     *
     * @param metadata the cluster (its storage nodes)
     * @param localId  this storage node's id
     * @param dataDir  where its configuration and Raft logs go
     * @return the configuration file, {@code dataDir/atomix.json}
     * @throws IOException if it cannot be written
     */
    public static Path writeConfig(ClusterMetadataFile metadata, String localId, Path dataDir) throws IOException {
        List<ClusterMetadataFile.Member> nodes = metadata.storage();
        ClusterMetadataFile.Member local = nodes.stream().filter(m -> m.id().equals(localId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No storage node " + localId));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode cluster = root.putObject("cluster");
        cluster.put("clusterId", metadata.name());
        cluster.putObject("node").put("id", local.id()).put("address", local.host() + ":" + local.port());
        ObjectNode discovery = cluster.putObject("discovery");
        discovery.put("type", "bootstrap");
        ArrayNode bootstrap = discovery.putArray("nodes");
        nodes.forEach(m -> bootstrap.addObject().put("id", m.id()).put("address", m.host() + ":" + m.port()));

        ObjectNode management = root.putObject("managementGroup");
        management.put("type", "raft");
        management.put("partitions", 1);
        management.put("partitionSize", nodes.size());
        members(management, nodes);
        storage(management, dataDir.resolve("system"));

        ObjectNode raft = root.putObject("partitionGroups").putObject("raft");
        raft.put("type", "raft");
        raft.put("partitions", nodes.size());
        raft.put("partitionSize", Math.min(PARTITION_SIZE, nodes.size()));
        members(raft, nodes);
        storage(raft, dataDir.resolve("data"));

        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("atomix.json");
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    private static void members(ObjectNode group, List<ClusterMetadataFile.Member> nodes) {
        ArrayNode members = group.putArray("members");
        nodes.forEach(m -> members.add(m.id()));
    }

    private static void storage(ObjectNode group, Path directory) {
        group.putObject("storage").put("level", "mapped").put("directory", directory.toAbsolutePath().toString());
    }

    /** Stops the node (its Raft logs stay). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            atomix.stop().join();
        }
    }
}
