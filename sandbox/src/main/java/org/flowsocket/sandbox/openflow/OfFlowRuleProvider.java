/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.flowsocket.sandbox.southbound.SwitchReports;
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
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * ONOS flow rules on the switches. A batch from {@code FlowRuleManager}
 * becomes one FLOW_MOD per rule (ADD, MODIFY_STRICT, DELETE_STRICT; see
 * {@link FlowModBuilder}) followed by a BARRIER_REQUEST, and is answered
 * with {@code batchOperationCompleted} only when the barrier reply arrives,
 * so ONOS's {@code FlowRuleOperationsContext} hears success only after the
 * switch processed every rule. An ERROR whose xid is that of a rule's
 * FLOW_MOD marks that rule failed: a FAILED flow entry carrying the error's
 * type and code, as ONOS's own OpenFlow provider reports it. A rule that has
 * no OpenFlow translation fails the same way without reaching the switch.
 * Right after the barrier the switch's table is read (FLOW_STATS) so the
 * accepted rules reach ADDED; FLOW_REMOVED is passed on as
 * {@code flowRemoved}.
 * <p>
 * Runs on the southbound's thread; the provider methods ONOS calls hand
 * their work to it.
 */
final class OfFlowRuleProvider extends AbstractProvider implements FlowRuleProvider {

    private static final Logger log = LoggerFactory.getLogger(OfFlowRuleProvider.class);

    /** How long a switch may take to answer a batch's barrier. */
    static final long BARRIER_TIMEOUT_SECONDS = 10;

    private final OpenFlowSouthbound owner;
    private final FlowModBuilder builder;
    private FlowRuleProviderService service;
    private FlowStatsCollector stats;

    /** The rules sent to each switch, by cookie: how its statistics are read back. */
    private final Map<DeviceId, Map<Long, FlowRule>> sent = new HashMap<>();
    private final Map<DeviceId, Set<PendingBatch>> pending = new HashMap<>();

    OfFlowRuleProvider(OpenFlowSouthbound owner, FlowModBuilder builder) {
        super(OpenFlowSouthbound.PROVIDER_ID);
        this.owner = owner;
        this.builder = builder;
    }

    void setService(FlowRuleProviderService service, FlowStatsCollector stats) {
        this.service = service;
        this.stats = stats;
    }

    /**
     * Returns the rule last sent to a switch under a cookie.
     *
     * @param deviceId switch
     * @param cookie   cookie
     * @return the rule, or null if none was sent
     */
    FlowRule sentRule(DeviceId deviceId, long cookie) {
        return sent.getOrDefault(deviceId, Map.of()).get(cookie);
    }

    /**
     * @param deviceId switch
     * @return whether a batch sent to it waits for its barrier reply
     */
    boolean hasPending(DeviceId deviceId) {
        return !pending.getOrDefault(deviceId, Set.of()).isEmpty();
    }

    // ------------------------------------------------------------- batches

    @Override
    public void executeBatch(FlowRuleBatchOperation batch) {
        // As ONOS's OpenFlowRuleProvider: straight to the switch, even when a
        // rule uses a meter the switch does not hold yet (it refuses the rule).
        owner.execute(() -> run(batch));
    }

    private void run(FlowRuleBatchOperation batch) {
        DeviceId deviceId = batch.deviceId();
        Optional<SwitchSession> session = owner.session(deviceId);
        if (session.isEmpty()) {
            Set<FlowRule> all = new LinkedHashSet<>();
            batch.getOperations().forEach(e -> all.add(e.target()));
            log.debug("Batch {} for {}: the switch is not connected", batch.id(), deviceId);
            service.batchOperationCompleted(batch.id(), new CompletedBatchOperation(false, all, deviceId));
            return;
        }
        SwitchSession s = session.get();
        PendingBatch pb = new PendingBatch(batch);
        for (FlowRuleBatchEntry e : batch.getOperations()) {
            FlowRule rule = e.target();
            OFFlowMod mod;
            try {
                mod = flowMod(e.operator(), rule, s.xid());
            } catch (FlowTranslationException ex) {
                log.info("{} rule {} not sent: {}", deviceId, hex(rule), ex.getMessage());
                pb.failed.add(new DefaultFlowEntry(rule, ex.errorType(), ex.errorCode()));
                continue;
            }
            if (e.operator() != FlowRuleBatchEntry.FlowRuleOperation.REMOVE) {
                rules(deviceId).put(rule.id().value(), rule);
            }
            s.writeTracked(mod, error -> refused(pb, e, error));
        }
        pending.computeIfAbsent(deviceId, d -> new LinkedHashSet<>()).add(pb);
        pb.timeout = owner.schedule(() -> timedOut(pb), BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        s.barrier(() -> confirmed(pb, s));
    }

    private OFFlowMod flowMod(FlowRuleBatchEntry.FlowRuleOperation op, FlowRule rule, long xid) {
        switch (op) {
            case ADD:
                return builder.add(rule, xid);
            case MODIFY:
                return builder.modify(rule, xid);
            case REMOVE:
                try {
                    return builder.delete(rule, xid);
                } catch (FlowTranslationException e) {
                    // Never sent as it is, but maybe under its cookie: delete that.
                    return builder.deleteByCookie(rule.id().value(), xid);
                }
            default:
                throw new FlowTranslationException(OfErrors.FLOW_MOD_FAILED, OfErrors.FLOW_MOD_UNKNOWN,
                        "unknown operation " + op);
        }
    }

    private void refused(PendingBatch pb, FlowRuleBatchEntry e, OFErrorMsg error) {
        FlowRule rule = e.target();
        log.info("{} refused rule {} ({}): {}", pb.batch.deviceId(), hex(rule), e.operator(),
                OfErrors.describe(error));
        pb.failed.add(new DefaultFlowEntry(rule, OfErrors.type(error), OfErrors.code(error)));
        if (e.operator() == FlowRuleBatchEntry.FlowRuleOperation.ADD) {
            rules(pb.batch.deviceId()).remove(rule.id().value(), rule);
        }
    }

    private void confirmed(PendingBatch pb, SwitchSession s) {
        if (!finish(pb)) {
            return;
        }
        DeviceId deviceId = pb.batch.deviceId();
        List<FlowRule> removed = new ArrayList<>();
        for (FlowRuleBatchEntry e : pb.batch.getOperations()) {
            if (e.operator() == FlowRuleBatchEntry.FlowRuleOperation.REMOVE && !pb.failed.contains(e.target())) {
                rules(deviceId).remove(e.target().id().value());
                removed.add(e.target());
            }
        }
        log.debug("Batch {} on {} confirmed, {} failed", pb.batch.id(), deviceId, pb.failed.size());
        service.batchOperationCompleted(pb.batch.id(),
                new CompletedBatchOperation(pb.failed.isEmpty(), pb.failed, deviceId));
        // A rule the switch held was reported by its FLOW_REMOVED already
        // (ONOS ignores the repeat); one it did not hold is gone all the same.
        removed.forEach(r -> service.flowRemoved(new DefaultFlowEntry(r, FlowEntryState.REMOVED, 0, 0, 0)));
        stats.poll(s, false);
    }

    private void timedOut(PendingBatch pb) {
        if (finish(pb)) {
            log.warn("{} did not answer batch {} within {} s", pb.batch.deviceId(), pb.batch.id(),
                    BARRIER_TIMEOUT_SECONDS);
            failRest(pb);
        }
    }

    /** Fails the batches a switch can no longer answer. */
    void disconnected(DeviceId deviceId) {
        for (PendingBatch pb : List.copyOf(pending.getOrDefault(deviceId, Set.of()))) {
            if (finish(pb)) {
                failRest(pb);
            }
        }
    }

    private void failRest(PendingBatch pb) {
        pb.batch.getOperations().forEach(e -> {
            if (!pb.failed.contains(e.target())) {
                pb.failed.add(e.target());
            }
        });
        service.batchOperationCompleted(pb.batch.id(),
                new CompletedBatchOperation(false, pb.failed, pb.batch.deviceId()));
    }

    // Marks a batch answered; false if it was already.
    private boolean finish(PendingBatch pb) {
        if (pb.done) {
            return false;
        }
        pb.done = true;
        if (pb.timeout != null) {
            pb.timeout.cancel(false);
        }
        Set<PendingBatch> p = pending.get(pb.batch.deviceId());
        if (p != null) {
            p.remove(pb);
        }
        return true;
    }

    // ------------------------------------------------ single rules, removal

    @Override
    public void applyFlowRule(FlowRule... flowRules) {
        List<FlowRule> rules = List.of(flowRules);
        owner.execute(() -> send(rules, true));
    }

    @Override
    public void removeFlowRule(FlowRule... flowRules) {
        List<FlowRule> rules = List.of(flowRules);
        owner.execute(() -> send(rules, false));
    }

    // Rules ONOS re-installs (missing on the switch) or removes (extraneous).
    private void send(List<FlowRule> rules, boolean add) {
        Set<SwitchSession> touched = new LinkedHashSet<>();
        for (FlowRule rule : rules) {
            Optional<SwitchSession> session = owner.session(rule.deviceId());
            if (session.isEmpty()) {
                continue;
            }
            SwitchSession s = session.get();
            long cookie = rule.id().value();
            try {
                OFFlowMod mod;
                if (add) {
                    mod = builder.add(rule, s.xid());
                    rules(rule.deviceId()).put(cookie, rule);
                } else {
                    FlowRule known = rules(rule.deviceId()).remove(cookie);
                    mod = known != null ? builder.delete(known, s.xid()) : builder.deleteByCookie(cookie, s.xid());
                }
                s.writeTracked(mod, error -> log.info("{} refused rule {}: {}", s, hex(rule),
                        OfErrors.describe(error)));
                touched.add(s);
            } catch (FlowTranslationException e) {
                log.info("{} rule {} not sent: {}", rule.deviceId(), hex(rule), e.getMessage());
            }
        }
        touched.forEach(s -> s.barrier(() -> stats.poll(s, false)));
    }

    /** A switch reported a rule gone (FLOW_REMOVED). */
    void flowRemoved(SwitchSession s, OFFlowRemoved removed) {
        FlowRule rule = rules(s.deviceId()).remove(removed.getCookie().getValue());
        if (rule == null || rule.priority() != removed.getPriority()) {
            log.debug("{} removed a rule ONOS did not send: cookie {}", s, removed.getCookie());
            return;
        }
        FlowRule.FlowRemoveReason reason = reason(removed);
        log.debug("{} removed rule {}: {}", s, hex(rule), reason);
        service.flowRemoved(new DefaultFlowEntry(withReason(rule, reason), FlowEntryState.REMOVED,
                removed.getDurationSec(), removed.getPacketCount().getValue(), removed.getByteCount().getValue()));
    }

    private static FlowRule.FlowRemoveReason reason(OFFlowRemoved removed) {
        switch (removed.getReason()) {
            case IDLE_TIMEOUT:
                return FlowRule.FlowRemoveReason.IDLE_TIMEOUT;
            case HARD_TIMEOUT:
                return FlowRule.FlowRemoveReason.HARD_TIMEOUT;
            case DELETE:
                return FlowRule.FlowRemoveReason.DELETE;
            case GROUP_DELETE:
                return FlowRule.FlowRemoveReason.GROUP_DELETE;
            case METER_DELETE:
                return FlowRule.FlowRemoveReason.METER_DELETE;
            case EVICTION:
                return FlowRule.FlowRemoveReason.EVICTION;
            default:
                return FlowRule.FlowRemoveReason.NO_REASON;
        }
    }

    // The rule as a switch reports it in a FLOW_REMOVED message.
    private static FlowRule withReason(FlowRule rule, FlowRule.FlowRemoveReason reason) {
        return SwitchReports.removedRule(rule, reason);
    }

    private Map<Long, FlowRule> rules(DeviceId deviceId) {
        return sent.computeIfAbsent(deviceId, d -> new HashMap<>());
    }

    static String hex(FlowRule rule) {
        return "0x" + Long.toHexString(rule.id().value());
    }

    // A batch waiting for its barrier reply.
    private static final class PendingBatch {
        final FlowRuleBatchOperation batch;
        final Set<FlowRule> failed = new LinkedHashSet<>();
        ScheduledFuture<?> timeout;
        boolean done;

        PendingBatch(FlowRuleBatchOperation batch) {
            this.batch = batch;
        }
    }
}
