/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import io.atomix.core.AtomixRegistry;
import io.atomix.core.registry.ClasspathScanningRegistry;
import org.flowsocket.sandbox.runtime.ComponentRuntime;
import org.onosproject.cluster.ClusterStore;
import org.onosproject.cluster.LeadershipStore;
import org.onosproject.cluster.impl.ClusterManager;
import org.onosproject.cluster.impl.ClusterMetadataManager;
import org.onosproject.cluster.impl.ConfigFileBasedClusterMetadataProvider;
import org.onosproject.cluster.impl.DefaultClusterMetadataProvider;
import org.onosproject.cluster.impl.LeadershipManager;
import org.onosproject.cluster.impl.MembershipManager;
import org.onosproject.persistence.PersistenceService;
import org.onosproject.store.atomix.ClusterActivator;
import org.onosproject.store.atomix.cluster.impl.AtomixClusterStore;
import org.onosproject.store.atomix.cluster.messaging.impl.AtomixMessagingManager;
import org.onosproject.store.atomix.impl.AtomixManager;
import org.onosproject.store.atomix.primitives.impl.CoordinationManager;
import org.onosproject.store.atomix.primitives.impl.PartitionManager;
import org.onosproject.store.atomix.primitives.impl.StorageManager;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.persistence.TestPersistenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * ONOS 2.5.6's real distributed store in a sandbox core: ONOS's cluster
 * metadata, Atomix and the storage services from onos-core-primitives,
 * started in a {@link ComponentRuntime} in the order ONOS's components
 * activate:
 * <ol>
 * <li>{@code ClusterActivator}, {@code ClusterMetadataManager}, and its two
 * required providers {@code ConfigFileBasedClusterMetadataProvider} (reading
 * the file named by ONOS's {@code onos.cluster.metadata.uri} system property)
 * and {@code DefaultClusterMetadataProvider}; once both are
 * registered ONOS's {@code ClusterActivator} enables {@code AtomixManager},
 * which starts Atomix: with no storage nodes in the metadata, an embedded Raft
 * management group and partition group among the controller nodes;</li>
 * <li>{@code AtomixClusterStore} and {@code ClusterManager},
 * {@code AtomixMessagingManager} and the cluster communication service
 * ({@link SandboxClusterCommunicationManager}, ONOS's own is in the unpublished
 * onos-core-dist), {@code MembershipManager}, {@code PartitionManager};</li>
 * <li>{@code StorageManager} (the {@code StorageService} on the {@code raft}
 * partition group) and {@code CoordinationManager} (on the {@code system}
 * group);</li>
 * <li>{@code LeadershipManager} on {@link SandboxLeadershipStore} (ONOS's
 * {@code DistributedLeadershipStore}, in onos-core-dist, on the coordination
 * service's leader elector).</li>
 * </ol>
 * ONOS's {@code PersistenceManager} (MapDB files, only for persistent
 * eventually consistent maps) is not published; ONOS's in-memory
 * {@code TestPersistenceService} stands in.
 * <p>
 * Atomix keeps its Raft logs under ONOS's {@code karaf.data} system property
 * ({@code db/partitions}), which ONOS's {@code AtomixManager} reads once, when
 * its class loads. Unless that property is set, this class points it to a
 * temporary directory of its own, deleted when the JVM exits. Because that
 * directory is one per JVM, a JVM runs one Raft store at a time; a
 * {@link #singleNode() single node}'s logs are deleted when it stops, a
 * {@link #member(String) cluster member} keeps them, so that it finds its
 * state again when it restarts, as an ONOS node does.
 */
public final class RaftStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RaftStore.class);

    /** ONOS's system property naming the cluster metadata file. */
    public static final String METADATA_URI_PROPERTY = "onos.cluster.metadata.uri";
    /** Karaf's data directory, under which ONOS's AtomixManager keeps Atomix's data. */
    public static final String DATA_PROPERTY = "karaf.data";

    private static final AtomicBoolean IN_USE = new AtomicBoolean();
    private static Path dataRoot;

    private final String memberMetadataUri;
    private final boolean keepData;
    private Path scratch;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Path partitions;

    private RaftStore(String memberMetadataUri, boolean keepData) {
        this.memberMetadataUri = memberMetadataUri;
        this.keepData = keepData;
    }

    /**
     * A cluster of one: its metadata names this node alone, on a free port of
     * the loopback address, and its Raft data goes when it stops.
     *
     * @return the store, not yet started
     */
    public static RaftStore singleNode() {
        return new RaftStore(null, false);
    }

    /**
     * A member of a cluster described by a metadata file, which keeps its
     * Raft data when it stops (a restarted node catches up from it and from
     * the others).
     *
     * @param metadataUri the metadata file's {@code file://} URI
     * @return the store, not yet started
     */
    public static RaftStore member(String metadataUri) {
        return new RaftStore(metadataUri, true);
    }

    /**
     * Starts ONOS's cluster and storage components in the runtime. They stop
     * with the runtime; call {@link #close()} after that.
     *
     * @param runtime the core's component runtime
     * @throws IllegalStateException if this JVM already runs a Raft store
     */
    public void start(ComponentRuntime runtime) {
        if (!IN_USE.compareAndSet(false, true)) {
            throw new IllegalStateException("This JVM already runs ONOS's Raft store (one per JVM: Atomix's "
                    + "data directory is ONOS's karaf.data); use the memory store for a second core");
        }
        partitions = dataRoot().resolve("db").resolve("partitions");
        if (!keepData) {
            deleteTree(partitions);
        }
        // Read by ONOS's ConfigFileBasedClusterMetadataProvider when it activates.
        System.setProperty(METADATA_URI_PROPERTY,
                           memberMetadataUri != null ? memberMetadataUri : writeSingleNodeMetadata());

        atomixRegistry();
        runtime.start(new ClusterActivator());
        runtime.add(new AtomixManager());      // disabled until ClusterActivator enables it
        runtime.start(new ClusterMetadataManager());
        // The file provider first: it registers before it reads the metadata
        // URI, and the second registration releases Atomix, which must then
        // find the file provider ready (in ONOS the default provider also
        // waits for the version service).
        runtime.start(new ConfigFileBasedClusterMetadataProvider());
        runtime.start(new DefaultClusterMetadataProvider());
        if (runtime.state(AtomixManager.class.getName()).orElse(null) != ComponentRuntime.State.ACTIVE) {
            throw new IllegalStateException("AtomixManager was not activated by ONOS's ClusterActivator");
        }

        runtime.start(new AtomixClusterStore(), ClusterStore.class);
        runtime.start(new ClusterManager());
        runtime.start(new AtomixMessagingManager());
        runtime.start(new SandboxClusterCommunicationManager(), ClusterCommunicationService.class);
        runtime.start(new MembershipManager());
        runtime.start(new PartitionManager());
        runtime.services().register(PersistenceService.class, new TestPersistenceService());
        runtime.start(new StorageManager());
        runtime.start(new CoordinationManager());

        // Leadership on Atomix's leader elector
        runtime.start(new SandboxLeadershipStore(), LeadershipStore.class);
        runtime.start(new LeadershipManager());
    }

    // This node alone, on a free port of the loopback address.
    private String writeSingleNodeMetadata() {
        try {
            scratch = Files.createTempDirectory("flowsocket-onos-");
            ClusterMetadataFile metadata = new ClusterMetadataFile("flowsocket-sandbox", List.of(
                    new ClusterMetadataFile.Member("127.0.0.1", "127.0.0.1", ListeningPorts.freePort())), List.of());
            return metadata.write("127.0.0.1", scratch.resolve("cluster.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the cluster metadata", e);
        }
    }

    // Atomix.builder(ClassLoader), which ONOS's AtomixManager calls, finds
    // Atomix's primitive, protocol and partition group types by scanning
    // every class its loader sees, once per loader. Over the sandbox's whole
    // class path that takes about 10 s; every such type is in Atomix's own
    // packages, so the same registry is built from those alone and cached
    // for AtomixManager's loader first.
    static AtomixRegistry atomixRegistry() {
        return ClasspathScanningRegistry.builder()
                .withClassLoader(AtomixManager.class.getClassLoader())
                .withWhitelistPackages("io.atomix")
                .build();
    }

    /** Deletes a single node's Raft data and metadata. Call after the runtime stopped. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (partitions != null) {
                if (!keepData) {
                    deleteTree(partitions);
                }
                IN_USE.set(false);
            }
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    // Karaf's data directory, fixed for this JVM before AtomixManager's class loads.
    private static synchronized Path dataRoot() {
        if (dataRoot == null) {
            String configured = System.getProperty(DATA_PROPERTY);
            if (configured != null) {
                dataRoot = Paths.get(configured);
            } else {
                try {
                    Path temp = Files.createTempDirectory("flowsocket-onos-data-");
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(temp), "onos-data-cleanup"));
                    System.setProperty(DATA_PROPERTY, temp.toString());
                    dataRoot = temp;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create ONOS's data directory", e);
                }
            }
        }
        return dataRoot;
    }

    /**
     * Deletes a directory tree; what cannot be deleted is logged.
     *
     * @param root directory
     */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("Cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", root, e.toString());
        }
    }
}
