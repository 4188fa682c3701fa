/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.flowsocket.sandbox.cluster.RaftStore;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.onosproject.cluster.ClusterStore;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.impl.ClusterManager;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.trivial.SimpleClusterStore;
import org.onosproject.store.trivial.SimpleLeadershipManager;

import static java.util.Objects.requireNonNull;

/**
 * The core's storage and the cluster services that come with it: with the
 * Raft store, ONOS's StorageManager on Atomix and ONOS's cluster managers
 * ({@link RaftStore}); with the memory store, ONOS's in-memory
 * TestStorageService ({@link SandboxStorageService}) and a cluster of one
 * node (ClusterManager on SimpleClusterStore, SimpleLeadershipManager and
 * ONOS's ClusterCommunicationService test adapter).
 */
final class CoreStores {

    private final SandboxCore.Store kind;
    private final RaftStore raftStore;

    /**
     * Chooses the store; nothing starts until {@link #start}.
     *
     * @param kind               the store
     * @param clusterMetadataUri the cluster metadata file of a cluster
     *                           member (Raft store), or null for a cluster of one
     */
    CoreStores(SandboxCore.Store kind, String clusterMetadataUri) {
        this.kind = requireNonNull(kind);
        if (kind == SandboxCore.Store.RAFT) {
            this.raftStore = clusterMetadataUri != null ? RaftStore.member(clusterMetadataUri)
                                                        : RaftStore.singleNode();
        } else if (clusterMetadataUri != null) {
            throw new IllegalStateException("A cluster member needs the Raft store");
        } else {
            this.raftStore = null;
        }
    }

    /** @return the store behind ONOS's StorageService */
    SandboxCore.Store kind() {
        return kind;
    }

    /**
     * Starts the storage and cluster services.
     *
     * @param runtime  where the components start
     * @param registry where the stand-ins that are not components are registered
     */
    void start(ComponentRuntime runtime, ServiceRegistry registry) {
        if (raftStore != null) {
            raftStore.start(runtime);
        } else {
            registry.register(StorageService.class, new SandboxStorageService());
            registry.register(ClusterCommunicationService.class, new ClusterCommunicationServiceAdapter());
            runtime.start(new SimpleClusterStore(), ClusterStore.class);
            runtime.start(new ClusterManager());
            runtime.start(new SimpleLeadershipManager(), LeadershipService.class);
        }
    }

    /** Deletes a single node's Raft data; call after the components stopped. */
    void close() {
        if (raftStore != null) {
            raftStore.close();
        }
    }
}
