/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowStore;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleService;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Follows what ONOS reports about flows after their install: a rule removed
 * by someone else or a device going offline degrades a flow; once every rule
 * is back in ONOS as ADDED and every device is online, the flow is installed
 * again. Network flows that reroute are the rerouter's to report.
 */
final class FlowHealth {

    private final QosFlowStore store;
    private final FlowRuleService flowRuleService;
    private final DeviceService deviceService;
    private final FlowLeadership leadership;
    private final Supplier<FlowRerouter> rerouter;

    /**
     * Creates the follower.
     *
     * @param store           handle store
     * @param flowRuleService ONOS flow rule service
     * @param deviceService   ONOS device service
     * @param leadership      this node's place in the cluster
     * @param rerouter        the rerouter once there is one, else null
     */
    FlowHealth(QosFlowStore store, FlowRuleService flowRuleService, DeviceService deviceService,
               FlowLeadership leadership, Supplier<FlowRerouter> rerouter) {
        this.store = store;
        this.flowRuleService = flowRuleService;
        this.deviceService = deviceService;
        this.leadership = leadership;
        this.rerouter = rerouter;
    }

    /**
     * Follows a rule event: a rule of a handle removed by someone else
     * degrades the handle; once every rule is back in ONOS as ADDED (a new
     * RULE_ADDED, or the RULE_UPDATED of a switch that reconnected with its
     * table) and every device is online, the handle is installed again.
     *
     * @param event ONOS flow rule event
     */
    void ruleEvent(FlowRuleEvent event) {
        boolean removed = event.type() == FlowRuleEvent.Type.RULE_REMOVED;
        boolean back = event.type() == FlowRuleEvent.Type.RULE_ADDED
                || event.type() == FlowRuleEvent.Type.RULE_UPDATED;
        // ONOS raises RULE_UPDATED for every rule at each statistics refresh
        // (FlowRuleManager.pushFlowMetrics, 2.5.0 to 2.7.0): only a DEGRADED
        // flow, rarely any, needs it; the rule's owner is looked up then.
        if (!removed && !(back && store.anyKnownIn(QosFlow.State.DEGRADED))) {
            return;
        }
        FlowRule rule = event.subject();
        store.ownerOf(rule).ifPresent(id -> {
            // Only an INSTALLED handle degrades, and a handle being removed
            // never becomes INSTALLED again: the local view spares the store
            // an update per rule of a flow being removed.
            if (removed && store.knownState(id) != QosFlow.State.REMOVING) {
                store.update(id, h -> h.state() == QosFlow.State.INSTALLED
                        ? h.withState(QosFlow.State.DEGRADED, "rule " + OnosFlowEntries.flowIdOf(rule)
                        + " was removed from " + rule.deviceId()) : h);
            } else if (back && store.knownState(id) == QosFlow.State.DEGRADED) {
                store.update(id, h -> h.state() == QosFlow.State.DEGRADED && isWhole(h) && pathUsable(h)
                        ? h.withState(QosFlow.State.INSTALLED, null) : h);
            }
        });
    }

    /**
     * Follows a device event: a device going offline or away degrades
     * every handle with a rule on it.
     *
     * @param event ONOS device event
     */
    void deviceEvent(DeviceEvent event) {
        // Every node receives every device event; the leader alone writes,
        // so that the nodes do not race to make one change.
        if (!leadership.isLeader()) {
            return;
        }
        boolean gone = event.type() == DeviceEvent.Type.DEVICE_REMOVED
                || event.type() == DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED
                && !deviceService.isAvailable(event.subject().id());
        if (gone) {
            String reason = "device " + event.subject().id() + " went offline";
            for (String id : store.flowsOn(event.subject().id())) {
                store.update(id, h -> (h.state() == QosFlow.State.INSTALLED || h.state() == QosFlow.State.PENDING)
                        && !healed(h) ? h.withState(QosFlow.State.DEGRADED, reason) : h);
            }
        }
    }

    /**
     * Tells whether every device of a flow is online and every rule ADDED in ONOS.
     *
     * @param handle the flow
     * @return true if whole
     */
    boolean isWhole(QosFlow handle) {
        if (!handle.rules().stream().allMatch(rule -> deviceService.isAvailable(rule.deviceId()))) {
            return false;
        }
        Map<FlowRule, FlowEntry> entries = OnosFlowEntries.entriesOf(flowRuleService, handle.rules());
        return handle.rules().stream().allMatch(rule -> {
            FlowEntry entry = entries.get(rule);
            return entry != null && entry.state() == FlowEntry.FlowEntryState.ADDED;
        });
    }

    // An installed flow the rerouter keeps: it reports the path's failure itself.
    private boolean healed(QosFlow handle) {
        FlowRerouter keeper = rerouter.get();
        return keeper != null && handle.state() == QosFlow.State.INSTALLED && keeper.heals(handle);
    }

    private boolean pathUsable(QosFlow handle) {
        FlowRerouter keeper = rerouter.get();
        return keeper == null || keeper.pathUsable(handle);
    }
}
