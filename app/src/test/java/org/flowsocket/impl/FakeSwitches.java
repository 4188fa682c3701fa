/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleListener;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleServiceAdapter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Stands for ONOS's flow subsystem with switches behind it: applied batches
 * are confirmed, refused per device, or left unanswered, as a test chooses.
 * As in ONOS 2.5.6 FlowRuleManager, an applied rule is PENDING_ADD
 * (RULE_ADD_REQUESTED) and stays so after the switch confirmed it, until
 * flow statistics ({@link #statistics()}) make it ADDED (RULE_ADDED).
 */
class FakeSwitches extends FlowRuleServiceAdapter {

    /**
     * How the switches answer a batch: confirm it, ignore it, take its
     * rules without the confirmation ever reaching the node that sent it
     * (e.g. the node died first), or hold it until the test releases the
     * batches held, in an order of its choosing ({@link #releaseHeldLatestFirst()}).
     */
    enum Mode { CONFIRM, SILENT, UNCONFIRMED, HELD }

    private final Map<DeviceId, Map<Long, FlowEntry>> tables = new ConcurrentHashMap<>();
    private final List<FlowRuleListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<DeviceId> refusing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger tableReads = new AtomicInteger();
    private final List<FlowRuleOperations> held = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.CONFIRM;

    void mode(Mode newMode) {
        mode = newMode;
    }

    void refuseOn(DeviceId deviceId) {
        refusing.add(deviceId);
    }

    int batches() {
        return batches.get();
    }

    /** @return how often a device's whole table was read (getFlowEntries), as each read copies it */
    int tableReads() {
        return tableReads.get();
    }

    List<FlowEntry> rules(DeviceId deviceId) {
        return ImmutableList.copyOf(tables.getOrDefault(deviceId, Map.of()).values());
    }

    int ruleCount() {
        return tables.values().stream().mapToInt(Map::size).sum();
    }

    /** Removes a rule as a switch would on its own, e.g. on a timeout. */
    void dropRule(FlowRule rule) {
        FlowEntry removed = tables.getOrDefault(rule.deviceId(), Map.of()).remove(rule.id().value());
        if (removed != null) {
            fire(FlowRuleEvent.Type.RULE_REMOVED, removed);
        }
    }

    /** @return how many applied operations are held, not yet taken by ONOS */
    int heldCount() {
        return held.size();
    }

    /**
     * Lets ONOS take the operations held, the latest applied first, then
     * those applied meanwhile, until none is held. ONOS 2.5.6
     * FlowRuleManager.apply runs each call on a thread of its pool of 32
     * (operationsService) and stores each device batch from another pool
     * (deviceInstallers): two calls reach the store in either order. A
     * removal of a rule the store does not hold is dropped and its batch
     * succeeds, as ECFlowRuleStore.updateStoreInternal does.
     */
    void releaseHeldLatestFirst() {
        while (!held.isEmpty()) {
            List<FlowRuleOperations> now = new ArrayList<>(held);
            held.removeAll(now);
            Collections.reverse(now);
            now.forEach(this::take);
        }
    }

    @Override
    public void apply(FlowRuleOperations ops) {
        batches.incrementAndGet();
        if (mode == Mode.SILENT) {
            return;
        }
        if (mode == Mode.HELD) {
            held.add(ops);
            return;
        }
        take(ops);
    }

    private void take(FlowRuleOperations ops) {
        List<FlowRuleOperation> all = ops.stages().stream().flatMap(Collection::stream).collect(Collectors.toList());
        List<FlowRuleOperation> refused = all.stream()
                .filter(op -> op.type() == FlowRuleOperation.Type.ADD && refusing.contains(op.rule().deviceId()))
                .collect(Collectors.toList());
        for (FlowRuleOperation op : all) {
            if (refused.contains(op)) {
                continue;
            }
            Map<Long, FlowEntry> table = tables.computeIfAbsent(op.rule().deviceId(), d -> new ConcurrentHashMap<>());
            if (op.type() == FlowRuleOperation.Type.REMOVE) {
                FlowEntry removed = table.remove(op.rule().id().value());
                if (removed != null) {
                    fire(FlowRuleEvent.Type.RULE_REMOVED, removed);
                }
            } else {
                FlowEntry entry = new DefaultFlowEntry(op.rule(), FlowEntry.FlowEntryState.PENDING_ADD);
                table.put(op.rule().id().value(), entry);
                fire(FlowRuleEvent.Type.RULE_ADD_REQUESTED, entry);
            }
        }
        if (mode == Mode.UNCONFIRMED) {
            return;
        }
        if (refused.isEmpty()) {
            ops.callback().onSuccess(ops);
        } else {
            FlowRuleOperations.Builder failed = FlowRuleOperations.builder();
            // As ONOS's OpenFlow provider reports an OFPT_ERROR: BAD_ACTION / BAD_OUT_PORT.
            refused.forEach(op -> failed.add(new DefaultFlowEntry(op.rule(), 2, 4)));
            ops.callback().onError(failed.build());
        }
    }

    /**
     * Reports every switch's rules as flow statistics: ONOS marks PENDING_ADD
     * rules ADDED with RULE_ADDED, as FlowRuleManager.pushFlowMetrics does.
     */
    void statistics() {
        for (Map<Long, FlowEntry> table : tables.values()) {
            for (Map.Entry<Long, FlowEntry> e : table.entrySet()) {
                if (e.getValue().state() == FlowEntry.FlowEntryState.PENDING_ADD) {
                    FlowEntry added = new DefaultFlowEntry(e.getValue(), FlowEntry.FlowEntryState.ADDED);
                    e.setValue(added);
                    fire(FlowRuleEvent.Type.RULE_ADDED, added);
                }
            }
        }
    }

    /**
     * Reports the same counters for every rule the switches hold, as ONOS
     * 2.5.6 ECFlowRuleStore.addOrUpdateFlowRule stores a flow statistics
     * reply: the entry takes the reported packets, bytes and life and is
     * seen now; a PENDING_ADD one becomes ADDED (RULE_ADDED), an ADDED one
     * is RULE_UPDATED.
     *
     * @param packets     packets each rule matched since it was installed
     * @param bytes       bytes each rule matched since it was installed
     * @param lifeSeconds each rule's life
     */
    void count(long packets, long bytes, long lifeSeconds) {
        count(packets, bytes, lifeSeconds, true);
    }

    /**
     * Reports counters as {@link #count(long, long, long)}, optionally
     * without an event: what a node that is not the devices' master sees,
     * as ONOS 2.5.6 ECFlowRuleStore.addOrUpdateFlowRule updates the entry
     * and returns the RULE_UPDATED to post on the master alone.
     *
     * @param packets     packets each rule matched since it was installed
     * @param bytes       bytes each rule matched since it was installed
     * @param lifeSeconds each rule's life
     * @param told        whether this node gets the events
     */
    void count(long packets, long bytes, long lifeSeconds, boolean told) {
        for (Map<Long, FlowEntry> table : tables.values()) {
            for (Map.Entry<Long, FlowEntry> e : table.entrySet()) {
                FlowEntry stored = e.getValue();
                if (stored.state() != FlowEntry.FlowEntryState.PENDING_ADD
                        && stored.state() != FlowEntry.FlowEntryState.ADDED) {
                    continue;
                }
                FlowEntry counted = new DefaultFlowEntry(stored, FlowEntry.FlowEntryState.ADDED, lifeSeconds,
                                                         packets, bytes);
                e.setValue(counted);
                if (!told) {
                    continue;
                }
                fire(stored.state() == FlowEntry.FlowEntryState.PENDING_ADD ? FlowRuleEvent.Type.RULE_ADDED
                             : FlowRuleEvent.Type.RULE_UPDATED, counted);
            }
        }
    }

    private void fire(FlowRuleEvent.Type type, FlowRule rule) {
        FlowRuleEvent event = new FlowRuleEvent(type, rule);
        listeners.forEach(l -> l.event(event));
    }

    @Override
    public Iterable<FlowEntry> getFlowEntries(DeviceId deviceId) {
        tableReads.incrementAndGet();
        return rules(deviceId);
    }

    // As ONOS 2.5.6 FlowRuleManager.getFlowEntry (the store's entry of an
    // equal rule, by device and id); absent from ONOS 2.5.0's and 2.6.0's API.
    @Override
    public FlowEntry getFlowEntry(FlowRule rule) {
        FlowEntry entry = tables.getOrDefault(rule.deviceId(), Map.of()).get(rule.id().value());
        return entry != null && rule.equals(entry) ? entry : null;
    }

    @Override
    public void addListener(FlowRuleListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(FlowRuleListener listener) {
        listeners.remove(listener);
    }

    int listenerCount() {
        return listeners.size();
    }
}
