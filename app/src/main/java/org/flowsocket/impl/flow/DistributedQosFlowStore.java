/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableList;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowStore;
import org.flowsocket.api.QosFlowStoreDelegate;
import org.flowsocket.impl.codec.RuleForms;
import org.onlab.packet.IpAddress;
import org.onlab.util.KryoNamespace;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.store.AbstractStore;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapException;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Flow handles in ONOS's distributed store: any node of the cluster can
 * get, list and remove the flows made through another. Rules are reserved
 * cluster-wide by FlowSocket's leader ({@link RuleReservations}) and ids come in blocks
 * ({@link HandleIdBlocks}). Keeps a local index from rule to handle, fed by
 * the map's events, so rule and device events find their handle without
 * asking the cluster.
 */
public final class DistributedQosFlowStore extends AbstractStore<QosFlowEvent, QosFlowStoreDelegate>
        implements QosFlowStore {

    private static final String MAP_NAME = "flowsocket-flow-handles";
    private static final String COUNTER_NAME = "flowsocket-flow-handle-ids";

    // Attempts of a change that other nodes' changes keep overtaking.
    private static final int UPDATE_ATTEMPTS = 10;

    private final StoreOperations operations = new StoreOperations();
    private final ConsistentMap<String, QosFlow> handles;
    private final HandleIdBlocks ids;
    private final RuleReservations reservations;
    private final Predicate<String> activeNodes;
    private final LocalFlowIndex index = new LocalFlowIndex();
    private final MapEventListener<String, QosFlow> indexer = index::index;
    private final MapEventListener<String, QosFlow> forwarder = this::forward;

    /**
     * Returns the serializer of the handle map: keys are strings, values
     * {@link QosFlowSerializer}'s documents. Its class ids are fixed here,
     * not appended to ONOS's namespaces, so nodes of different ONOS releases
     * (a rolling upgrade) read each other's handles.
     *
     * @param codecs ONOS codec context, for the rules' match and actions
     * @param forms  the JSON rules were read from, taken as their stored form
     * @return the serializer
     */
    public static Serializer serializer(CodecContext codecs, RuleForms forms) {
        return Serializer.using(KryoNamespace.newBuilder()
                .nextId(KryoNamespace.INITIAL_ID)
                .register(new QosFlowSerializer(codecs, forms), QosFlow.class)
                // ONOS's TestConsistentMap (under the sandbox and the tests)
                // copies a Versioned value through the map's serializer.
                .register(Versioned.class)
                .build(MAP_NAME));
    }

    /**
     * Opens the store.
     *
     * @param storageService ONOS storage service
     * @param codecs         ONOS codec context, for the rules' match and actions
     * @param forms          the JSON rules were read from, taken as their stored form
     * @param leadershipService ONOS leadership service, to find FlowSocket's leader
     * @param clusterService ONOS cluster membership
     * @param messaging      ONOS cluster messaging, to reach FlowSocket's leader
     */
    public DistributedQosFlowStore(StorageService storageService, CodecContext codecs, RuleForms forms,
                                   LeadershipService leadershipService, ClusterService clusterService,
                                   ClusterCommunicationService messaging) {
        this.activeNodes = node -> {
            ControllerNode.State state = clusterService.getState(NodeId.nodeId(node));
            return state != null && state.isActive();
        };
        this.handles = storageService.<String, QosFlow>consistentMapBuilder()
                .withName(MAP_NAME).withSerializer(serializer(codecs, forms)).build();
        this.ids = new HandleIdBlocks(storageService.getAtomicCounter(COUNTER_NAME), operations);
        this.reservations = new RuleReservations(leadershipService, clusterService, messaging,
                                                 this::ownsItsRules, operations, RuleReservations.WAIT_MILLIS);
        handles.values().forEach(v -> {
            index.add(v.value());
            reservations.flowStored(null, v.value());
        });
        handles.addListener(indexer);
        handles.addListener(forwarder);
        reservations.start();
    }

    /** Stops listening to the store. */
    public void close() {
        reservations.stop();
        handles.removeListener(forwarder);
        handles.removeListener(indexer);
        index.clear();
    }

    /**
     * Returns a new cluster-wide unique handle id.
     *
     * @return handle id such as {@code fs-17}
     */
    @Override
    public String nextId() {
        return "fs-" + ids.next();
    }

    @Override
    public Optional<String> create(QosFlow handle) {
        String node = String.valueOf(handle.actingNode());
        Optional<String> owner = reservations.reserve(handle.id(), node, handle.rules());
        if (owner.isPresent()) {
            return owner;
        }
        Versioned<QosFlow> taken;
        try {
            taken = operations.count(() -> handles.putIfAbsent(handle.id(), handle));
        } catch (RuntimeException e) {
            // Not stored (or not known to be): its reservations would hold
            // the rules for as long as this node is active.
            releaseAfterFailure(handle, e);
            throw e;
        }
        if (taken != null) {
            reservations.release(handle.id(), handle.rules());
            throw new IllegalStateException("flow id " + handle.id() + " is taken");
        }
        reservations.stored(handle.id());
        // ONOS's distributed map tells its listeners after the change has
        // returned: index now, so this node's next request already sees it.
        index.add(handle);
        return Optional.empty();
    }

    private void releaseAfterFailure(QosFlow handle, RuntimeException failure) {
        try {
            reservations.release(handle.id(), handle.rules());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public Optional<String> reserveRules(String flowId, List<FlowRule> rules) {
        // The flow is stored, so it owns the rules whichever node reserves them;
        // once it is deleted, an entry left behind is free to take over.
        return reservations.reserve(flowId, RuleIndex.STORED_FLOW, rules);
    }

    @Override
    public void releaseRules(String flowId, List<FlowRule> rules) {
        reservations.release(flowId, rules);
    }

    // A FAILED flow's rules were withdrawn: it only stays to be seen. A flow
    // not stored (yet) owns its rules while the node storing it is active.
    private boolean ownsItsRules(String id, String reservingNode) {
        QosFlow owner = Versioned.valueOrNull(operations.count(() -> handles.get(id)));
        return owner != null ? owner.state() != QosFlow.State.FAILED : activeNodes.test(reservingNode);
    }

    // ONOS's distributed map answers size() and the iteration with
    // separate reads: a stream sized from the one overflows while the
    // map grows (ArrayIndexOutOfBoundsException in sorted()). Iterate.
    private Collection<QosFlow> storedFlows() {
        List<QosFlow> all = new ArrayList<>();
        for (Versioned<QosFlow> v : operations.count(handles::values)) {
            all.add(v.value());
        }
        return all;
    }

    @Override
    public long operations() {
        return operations.total();
    }

    @Override
    public long operationWaits() {
        return operations.waits();
    }

    /**
     * Returns a handle.
     *
     * @param id handle id
     * @return the handle, if it exists
     */
    @Override
    public Optional<QosFlow> get(String id) {
        return Optional.ofNullable(Versioned.valueOrNull(operations.count(() -> handles.get(id))));
    }

    /**
     * Changes a handle atomically.
     *
     * @param id     handle id
     * @param change how to change it
     * @return the changed handle, if it exists
     */
    @Override
    public Optional<QosFlow> update(String id, UnaryOperator<QosFlow> change) {
        // Atomix's computeIfPresent is this read and versioned replace too
        // (Atomix 3.1 AbstractAtomicMapProxy.computeIf), but writes, and
        // announces, even a value computed equal to the current one: an
        // unchanged flow costs only the read here. A change another node made
        // in between fails the replace, and the change is computed again.
        for (int attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
            Versioned<QosFlow> read = operations.count(() -> handles.get(id));
            if (read == null) {
                return Optional.empty();
            }
            QosFlow changed = change.apply(read.value());
            if (changed.equals(read.value())
                    || operations.count(() -> handles.replace(id, read.version(), changed))) {
                return Optional.of(changed);
            }
        }
        throw new ConsistentMapException.ConcurrentModification();
    }

    @Override
    public boolean replace(QosFlow expected, QosFlow next) {
        // Atomix compares the stored form, which is the same for equal handles.
        return operations.count(() -> handles.replace(expected.id(), expected, next));
    }

    /**
     * Deletes a handle.
     *
     * @param id handle id
     * @return the deleted handle, if it existed
     */
    @Override
    public Optional<QosFlow> remove(String id) {
        QosFlow removed = Versioned.valueOrNull(operations.count(() -> handles.remove(id)));
        if (removed != null) {
            // As in create: the next request here must find the rules free.
            index.removedHere(id, removed);
            reservations.releaseFlow(id);
        }
        return Optional.ofNullable(removed);
    }

    /**
     * Returns every handle, oldest first.
     *
     * @return handles
     */
    @Override
    public List<QosFlow> list() {
        List<QosFlow> all = new ArrayList<>(storedFlows());
        all.sort(Comparator.comparingLong(QosFlow::createdMillis).thenComparing(QosFlow::id));
        return ImmutableList.copyOf(all);
    }

    /**
     * Returns the id of the handle that owns a rule.
     *
     * @param rule the rule
     * @return handle id, if a handle owns it
     */
    @Override
    public Optional<String> ownerOf(FlowRule rule) {
        return Optional.ofNullable(index.ownerOf(rule));
    }

    /**
     * Returns the ids of the handles with a rule on a device.
     *
     * @param deviceId device
     * @return handle ids
     */
    @Override
    public Collection<String> flowsWithEndpoint(IpAddress ip) {
        return index.flowsWithEndpoint(ip);
    }

    @Override
    public Collection<String> flowsOn(DeviceId deviceId) {
        return index.flowsOn(deviceId);
    }

    // Map events arrive on every node, whichever node made the change.
    private void forward(MapEvent<String, QosFlow> event) {
        QosFlow before = event.oldValue() == null ? null : event.oldValue().value();
        QosFlow after = event.newValue() == null ? null : event.newValue().value();
        if (event.type() == MapEvent.Type.REMOVE) {
            reservations.flowRemoved(event.key());
            if (before != null) {
                notifyDelegate(new QosFlowEvent(QosFlowEvent.Type.FLOW_REMOVED, before, null));
            }
        } else if (after != null) {
            reservations.flowStored(before, after);
            notifyDelegate(before == null ? new QosFlowEvent(QosFlowEvent.Type.FLOW_ADDED, after, null)
                    : new QosFlowEvent(QosFlowEvent.Type.FLOW_UPDATED, after, before));
        }
    }

    /**
     * Tells, without asking the cluster, a handle's last known state.
     *
     * @param id handle id
     * @return its state as this node last heard it, or null if unknown
     */
    @Override
    public QosFlow.State knownState(String id) {
        return index.state(id);
    }

    @Override
    public boolean anyKnownIn(QosFlow.State state) {
        return index.anyIn(state);
    }

    @Override
    public Map<String, String> knownActingNodes() {
        return index.actingNodes();
    }

    @Override
    public String knownActingNode(String id) {
        return index.actingNode(id);
    }


}
