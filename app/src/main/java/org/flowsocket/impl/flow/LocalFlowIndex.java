/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableMap;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowStore;
import org.onlab.packet.IpAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.store.service.MapEvent;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What this node knows of the stored flow handles without asking the
 * cluster, fed by the handle map's events: which handle owns a rule, each
 * handle's last known state and acting node, and the network flows by
 * endpoint address.
 */
final class LocalFlowIndex {

    private final Map<RuleKey, String> ruleIndex = new ConcurrentHashMap<>();
    private final Map<String, QosFlow.State> states = new ConcurrentHashMap<>();
    // The same states by state, so that "is any flow DEGRADED" costs no scan.
    private final Map<QosFlow.State, Set<String>> byState = new EnumMap<>(QosFlow.State.class);
    // Handles this node removed whose REMOVE event has not arrived yet: their
    // earlier events, still on their way, must not index them again.
    private final Set<String> removedHere = ConcurrentHashMap.newKeySet();
    private final Map<String, String> actingNodes = new ConcurrentHashMap<>();
    // Network flows by source and destination address, for host events.
    private final Map<IpAddress, Set<String>> endpoints = new ConcurrentHashMap<>();

    LocalFlowIndex() {
        for (QosFlow.State state : QosFlow.State.values()) {
            byState.put(state, ConcurrentHashMap.newKeySet());
        }
    }

    /** Forgets everything. */
    void clear() {
        ruleIndex.clear();
        states.clear();
        byState.values().forEach(Set::clear);
        removedHere.clear();
        actingNodes.clear();
        endpoints.clear();
    }

    /**
     * Forgets a handle this node removed, before its REMOVE event arrives:
     * the next request here must find its rules free.
     *
     * @param id      handle id
     * @param removed the handle as it was
     */
    void removedHere(String id, QosFlow removed) {
        removedHere.add(id);
        unindexRules(id, removed);
    }

    /**
     * @param rule a rule
     * @return the id of the handle that owns it, or null
     */
    String ownerOf(FlowRule rule) {
        return ruleIndex.get(new RuleKey(rule));
    }

    /**
     * @param ip an address
     * @return the network flows from or to it
     */
    Collection<String> flowsWithEndpoint(IpAddress ip) {
        return Set.copyOf(endpoints.getOrDefault(ip, Set.of()));
    }

    /**
     * @param deviceId a device
     * @return the handles with a rule on it
     */
    Collection<String> flowsOn(DeviceId deviceId) {
        return ruleIndex.entrySet().stream().filter(e -> e.getKey().rule().deviceId().equals(deviceId))
                .map(Map.Entry::getValue).collect(Collectors.toSet());
    }

    /**
     * @param id handle id
     * @return its state as this node last heard it, or null if unknown
     */
    QosFlow.State state(String id) {
        return states.get(id);
    }

    /**
     * @param state a state
     * @return true if some handle is in it, as this node last heard
     */
    boolean anyIn(QosFlow.State state) {
        return !byState.get(state).isEmpty();
    }

    /** @return the acting node of each handle being installed or removed */
    Map<String, String> actingNodes() {
        return ImmutableMap.copyOf(actingNodes);
    }

    /**
     * @param id handle id
     * @return its acting node, or null
     */
    String actingNode(String id) {
        return actingNodes.get(id);
    }

    /**
     * Follows a change of the handle map, as every node hears of it.
     *
     * @param event the map's event
     */
    void index(MapEvent<String, QosFlow> event) {
        QosFlow before = event.oldValue() == null ? null : event.oldValue().value();
        QosFlow after = event.newValue() == null ? null : event.newValue().value();
        if (before != null && after != null && before.rules() == after.rules()
                && before.spec().equals(after.spec()) && !removedHere.contains(event.key())) {
            // A change of state: the stored form reads one rule list as the
            // very same list, so its rules and endpoints stay indexed as they are.
            indexState(after);
            return;
        }
        if (event.oldValue() != null) {
            unindexRules(event.key(), event.oldValue().value());
        }
        if (event.type() == MapEvent.Type.REMOVE) {
            // The key's last event: nothing older can follow it.
            removedHere.remove(event.key());
        } else if (event.newValue() != null && !removedHere.contains(event.key())) {
            add(event.newValue().value());
        }
    }

    private void unindexRules(String id, QosFlow handle) {
        handle.rules().forEach(r -> ruleIndex.remove(new RuleKey(r), id));
        forgetState(id);
        actingNodes.remove(id);
        handle.spec().ifPresent(spec -> List.of(spec.src(), spec.dst()).forEach(ip -> endpoints.computeIfPresent(
                ip, (k, ids) -> {
                    ids.remove(id);
                    return ids.isEmpty() ? null : ids;
                })));
    }

    /**
     * Indexes a handle: its rules, state, acting node and endpoints.
     *
     * @param handle the handle
     */
    void add(QosFlow handle) {
        handle.rules().forEach(r -> ruleIndex.put(new RuleKey(r), handle.id()));
        indexState(handle);
        handle.spec().ifPresent(spec -> List.of(spec.src(), spec.dst()).forEach(ip -> endpoints.compute(
                ip, (k, ids) -> {
                    Set<String> all = ids != null ? ids : ConcurrentHashMap.newKeySet();
                    all.add(handle.id());
                    return all;
                })));
    }

    // Per handle under the states map's lock, so that the sets by state
    // follow the states map even when two threads index one handle.
    private void forgetState(String id) {
        states.computeIfPresent(id, (k, known) -> {
            byState.get(known).remove(id);
            return null;
        });
    }

    private void indexState(QosFlow handle) {
        states.compute(handle.id(), (k, known) -> {
            if (known != handle.state()) {
                byState.get(handle.state()).add(k);
                if (known != null) {
                    byState.get(known).remove(k);
                }
            }
            return handle.state();
        });
        if (handle.actingNode() != null) {
            actingNodes.put(handle.id(), handle.actingNode());
        } else if (handle.state() == QosFlow.State.PENDING || handle.state() == QosFlow.State.REMOVING) {
            actingNodes.put(handle.id(), QosFlowStore.UNRECORDED_NODE);
        } else {
            actingNodes.remove(handle.id());
        }
    }
}
