/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.onosproject.net.flow.CompletedBatchOperation;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.StoredFlowEntry;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchEntry;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchEvent;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchOperation;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchRequest;
import org.onosproject.store.trivial.SimpleFlowRuleStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * ONOS's single-instance flow rule store with one correction: a batch is
 * handed to the device under the id {@code FlowRuleManager} gave it.
 * <p>
 * {@code SimpleFlowRuleStore} 2.5.6 forwards each batch under a counter of its
 * own. {@code FlowRuleManager} matches the device's answer
 * ({@code batchOperationCompleted}) to the pending operation by the id it
 * chose, so with the unmodified store a {@code FlowRuleOperationsContext}
 * never hears {@code onSuccess} or {@code onError}. ONOS's distributed store
 * keeps the manager's id; so does this one. Like ONOS's distributed store,
 * it also stores an added or modified rule as a new PENDING_ADD entry in
 * place of any stored one, and always hands the operation to the device: the
 * simple store rejects MODIFY and drops an ADD of a rule it still holds (say,
 * one being removed), completing the batch without asking the switch.
 * And like ONOS's distributed store, it stamps a stored entry with the time
 * of each statistics update ({@code lastSeen}), which the simple store
 * leaves at the entry's creation.
 * Everything else is {@code SimpleFlowRuleStore}'s.
 * <p>
 * For measurements, {@link #addBatchSuccessListener(Consumer)} tells the
 * rules added by each device batch at the moment the device's successful
 * answer reaches the store, before ONOS's FlowRuleManager hears it: one
 * moment, observed the same way, whichever northbound submitted the rules.
 */
public class SandboxFlowRuleStore extends SimpleFlowRuleStore {

    private final List<Consumer<List<FlowRule>>> batchSuccessListeners = new CopyOnWriteArrayList<>();
    // The rules each device batch adds, by batch id, kept only while someone listens.
    private final Map<Long, List<FlowRule>> addsByBatch = new ConcurrentHashMap<>();

    /**
     * Tells a listener the rules added by every device batch that succeeds,
     * in the thread that reports the device's answer. The listener must be quick.
     *
     * @param listener receives the batch's added or modified rules
     */
    public void addBatchSuccessListener(Consumer<List<FlowRule>> listener) {
        batchSuccessListeners.add(listener);
    }

    /**
     * Stops telling a listener of successful batches.
     *
     * @param listener a listener added before
     */
    public void removeBatchSuccessListener(Consumer<List<FlowRule>> listener) {
        batchSuccessListeners.remove(listener);
        if (batchSuccessListeners.isEmpty()) {
            addsByBatch.clear();
        }
    }

    @Override
    public void batchOperationComplete(FlowRuleBatchEvent event) {
        List<FlowRule> added = addsByBatch.remove(event.subject().batchId());
        if (added != null && event.result().isSuccess()) {
            batchSuccessListeners.forEach(l -> l.accept(added));
        }
        super.batchOperationComplete(event);
    }

    // As ONOS 2.5.6 ECFlowRuleStore.addOrUpdateFlowRuleInternal: counters,
    // life and stored.setLastSeen() on every statistics update.
    @Override
    public FlowRuleEvent addOrUpdateFlowRule(FlowEntry rule) {
        FlowRuleEvent event = super.addOrUpdateFlowRule(rule);
        FlowEntry stored = getFlowEntry(rule);
        if (event != null && stored instanceof StoredFlowEntry) {
            ((StoredFlowEntry) stored).setLastSeen();
        }
        return event;
    }

    @Override
    public void storeBatch(FlowRuleBatchOperation operation) {
        Set<FlowRuleBatchEntry> toDevice = new LinkedHashSet<>();
        List<FlowRule> added = new ArrayList<>();
        for (FlowRuleBatchEntry entry : operation.getOperations()) {
            FlowRule rule = entry.target();
            switch (entry.operator()) {
                case ADD:
                case MODIFY:
                    // A fresh PENDING_ADD entry replaces a stored one (even one
                    // being removed) and the device is asked, as in ONOS's store.
                    FlowEntry stored = getFlowEntry(rule);
                    if (stored != null) {
                        removeFlowRule(stored);
                    }
                    storeFlowRule(rule);
                    toDevice.add(entry);
                    added.add(rule);
                    break;
                case REMOVE:
                    if (getFlowEntry(rule) != null) {
                        deleteFlowRule(rule);
                        toDevice.add(entry);
                    }
                    break;
                default:
                    throw new UnsupportedOperationException("Unknown operator " + entry.operator());
            }
        }
        if (toDevice.isEmpty()) {
            // Nothing for the device to do: the batch is complete as it is.
            notifyDelegate(FlowRuleBatchEvent.completed(
                    new FlowRuleBatchRequest(operation.id(), Collections.emptySet()),
                    new CompletedBatchOperation(true, Collections.emptySet(), operation.deviceId())));
            return;
        }
        if (!batchSuccessListeners.isEmpty() && !added.isEmpty()) {
            addsByBatch.put(operation.id(), added);
        }
        notifyDelegate(FlowRuleBatchEvent.requested(
                new FlowRuleBatchRequest(operation.id(), toDevice), operation.deviceId()));
    }
}
