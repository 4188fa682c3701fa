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

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

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
 */
public class SandboxFlowRuleStore extends SimpleFlowRuleStore {

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
        notifyDelegate(FlowRuleBatchEvent.requested(
                new FlowRuleBatchRequest(operation.id(), toDevice), operation.deviceId()));
    }
}
