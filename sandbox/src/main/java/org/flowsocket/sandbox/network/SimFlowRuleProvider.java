/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.CompletedBatchOperation;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry.FlowEntryState;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleProvider;
import org.onosproject.net.flow.FlowRuleProviderService;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchEntry;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchOperation;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The simulated switches' flow rule provider. A batch is answered after the
 * switch's acknowledgement latency, as ONOS's OpenFlow provider answers after
 * the switch's barrier reply: refused rules are in the failed set as FAILED
 * flow entries carrying an OpenFlow error ({@link FlowModFailure}); removed
 * rules are reported with {@code flowRemoved} first, as a switch sends
 * FLOW_REMOVED before its barrier reply.
 */
final class SimFlowRuleProvider extends AbstractProvider implements FlowRuleProvider {

    private static final Logger log = LoggerFactory.getLogger(SimFlowRuleProvider.class);

    private final SimSwitches switches;
    private final SwitchFaults faults;
    private final FlowStatistics statistics;
    private final List<Consumer<FlowRule>> ackListeners = new CopyOnWriteArrayList<>();
    private volatile boolean flowRemovedMessages = true;
    private FlowRuleProviderService service;

    SimFlowRuleProvider(ProviderId id, SimSwitches switches, SwitchFaults faults, FlowStatistics statistics) {
        super(id);
        this.switches = requireNonNull(switches);
        this.faults = requireNonNull(faults);
        this.statistics = requireNonNull(statistics);
    }

    void setService(FlowRuleProviderService service) {
        this.service = requireNonNull(service);
    }

    /**
     * Tells whether switches send FLOW_REMOVED when ONOS deletes a rule.
     *
     * @param send whether to send FLOW_REMOVED
     */
    void setFlowRemovedMessages(boolean send) {
        this.flowRemovedMessages = send;
    }

    void addAckListener(Consumer<FlowRule> listener) {
        ackListeners.add(requireNonNull(listener));
    }

    void removeAckListener(Consumer<FlowRule> listener) {
        ackListeners.remove(listener);
    }

    @Override
    public void applyFlowRule(FlowRule... flowRules) {
        List<FlowRule> rules = List.of(flowRules);
        if (!rules.isEmpty()) {
            switches.later(faults.latencyFor(rules.get(0).deviceId()), () -> apply(rules));
        }
    }

    @Override
    public void removeFlowRule(FlowRule... flowRules) {
        List<FlowRule> rules = List.of(flowRules);
        if (!rules.isEmpty()) {
            switches.later(faults.latencyFor(rules.get(0).deviceId()), () -> remove(rules));
        }
    }

    @Override
    public void executeBatch(FlowRuleBatchOperation batch) {
        switches.later(faults.latencyFor(batch.deviceId()), () -> run(batch));
    }

    // Applies a batch on a switch and answers it, as after a barrier reply.
    private void run(FlowRuleBatchOperation batch) {
        DeviceId deviceId = batch.deviceId();
        SimSwitch s = switches.connected(deviceId);
        Set<FlowRule> failed = new LinkedHashSet<>();
        List<FlowRule> removed = new ArrayList<>();
        List<FlowRule> installed = new ArrayList<>();
        if (s == null) {
            batch.getOperations().forEach(e -> failed.add(e.target()));
            log.debug("Batch {} for unreachable {} fails", batch.id(), deviceId);
        } else {
            for (FlowRuleBatchEntry e : batch.getOperations()) {
                FlowRule rule = e.target();
                switch (e.operator()) {
                    case ADD:
                    case MODIFY:
                        Optional<FlowModFailure> refused = faults.refusal(rule);
                        if (refused.isPresent()) {
                            failed.add(new DefaultFlowEntry(rule, FlowModFailure.ERROR_TYPE,
                                    refused.get().code()));
                        } else if (s.lacksMeterOf(rule)) {
                            // The switch refuses it with METER_MOD_FAILED, an error type ONOS 2.5.0 to 2.7.0
                            // OpenFlowRuleProvider.handleErrorMsg drops: the batch still succeeds at the
                            // barrier, and the rule stays PENDING_ADD in ONOS.
                            log.debug("{} lacks the meter of {}", s.id, rule.id());
                        } else {
                            install(s, rule);
                            installed.add(rule);
                        }
                        break;
                    case REMOVE:
                        FlowRule gone = s.remove(rule);
                        if (gone != null) {
                            removed.add(gone);
                        }
                        break;
                    default:
                        failed.add(new DefaultFlowEntry(rule, FlowModFailure.ERROR_TYPE,
                                FlowModFailure.BAD_COMMAND.code()));
                }
            }
        }
        // As ONOS 2.5.6 FlowModBuilderVer13 sets SEND_FLOW_REM on every flow mod,
        // a switch sends FLOW_REMOVED for each deleted rule before the barrier
        // reply, and OpenFlowRuleProvider handles them in that order.
        switches.tell(deviceId, () -> {
            removed.forEach(this::flowRemoved);
            service.batchOperationCompleted(batch.id(),
                    new CompletedBatchOperation(failed.isEmpty(), failed, deviceId));
        });
        if (s != null) {
            statistics.installed(s, installed);
        }
        log.trace("Batch {} on {} done", batch.id(), deviceId);
    }

    private void apply(Collection<FlowRule> rules) {
        Map<SimSwitch, List<FlowRule>> installed = new LinkedHashMap<>();
        for (FlowRule rule : rules) {
            SimSwitch s = switches.connected(rule.deviceId());
            if (s == null) {
                continue;
            }
            Optional<FlowModFailure> refused = faults.refusal(rule);
            if (refused.isPresent()) {
                log.debug("{} refused {}: {}", s.id, rule.id(), refused.get());
            } else if (s.lacksMeterOf(rule)) {
                log.debug("{} lacks the meter of {}", s.id, rule.id());
            } else {
                install(s, rule);
                installed.computeIfAbsent(s, k -> new ArrayList<>()).add(rule);
            }
        }
        installed.forEach(statistics::installed);
    }

    private void remove(Collection<FlowRule> rules) {
        for (FlowRule rule : rules) {
            SimSwitch s = switches.connected(rule.deviceId());
            if (s == null) {
                continue;
            }
            FlowRule gone = s.remove(rule);
            if (gone != null) {
                switches.tell(s.id, () -> flowRemoved(gone));
            }
        }
    }

    // The switch accepts the rule: that moment is its acknowledgement.
    private void install(SimSwitch s, FlowRule rule) {
        s.install(rule);
        for (Consumer<FlowRule> l : ackListeners) {
            try {
                l.accept(rule);
            } catch (RuntimeException e) {
                log.warn("Acknowledgement listener failed", e);
            }
        }
    }

    private void flowRemoved(FlowRule rule) {
        if (flowRemovedMessages) {
            service.flowRemoved(new DefaultFlowEntry(rule, FlowEntryState.REMOVED, 0, 0, 0));
        }
    }
}
