/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.api.QosFlowStore;
import org.flowsocket.impl.Failures;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleService;
import org.slf4j.Logger;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * The life of a flow handle: install its rules and wait for the switches,
 * roll back whatever a refusal or timeout leaves behind, remove it, and
 * follow what ONOS later reports about its rules and devices.
 */
public final class FlowLifecycle {

    /** Why a metered flow is still PENDING before its rules are sent. */
    static final String METERS_PENDING = "waiting for ONOS to report the meters installed "
            + "(ONOS reads the switches' meter statistics periodically)";

    /** How long a FAILED flow stays visible to GetFlow and ListFlows. */
    public static final long FAILED_RETENTION_MILLIS = 60_000;

    private final Logger log = getLogger(getClass());

    private final QosFlowStore store;
    private final FlowInstaller installer;
    private final MeterAllocator meters;
    private final FlowRuleService flowRuleService;
    private final DeviceService deviceService;
    private final ScheduledExecutorService timer;
    private final RuleRemovals removals;
    private final FlowLeadership leadership;
    private final FlowErrors errors;
    private final FlowHealth health;
    private final InstallsElsewhere installsElsewhere;
    private volatile FlowRerouter rerouter;

    /**
     * Creates the lifecycle manager.
     *
     * @param store           handle store
     * @param installer       rule installer
     * @param meters          meter allocator
     * @param flowRuleService ONOS flow rule service
     * @param deviceService   ONOS device service
     * @param mapper          JSON mapper for error details
     * @param timer           scheduler for deadlines and the expiry of failed flows
     * @param leadership      this node's place in the cluster
     */
    public FlowLifecycle(QosFlowStore store, FlowInstaller installer, MeterAllocator meters,
                         FlowRuleService flowRuleService, DeviceService deviceService, ObjectMapper mapper,
                         ScheduledExecutorService timer, FlowLeadership leadership) {
        this.store = store;
        this.installer = installer;
        this.meters = meters;
        this.flowRuleService = flowRuleService;
        this.deviceService = deviceService;
        this.timer = timer;
        this.leadership = leadership;
        this.removals = new RuleRemovals(timer, rules -> entriesOf(rules).keySet());
        this.errors = new FlowErrors(mapper, deviceService);
        this.health = new FlowHealth(store, flowRuleService, deviceService, leadership, () -> rerouter);
        this.installsElsewhere = new InstallsElsewhere(store, leadership, timer);
    }

    /**
     * Hands the paths of network flows that reroute to the rerouter: a
     * device of their path going offline does not degrade them here, and
     * their rules' return does not install them again while the rerouter
     * has no usable path for them.
     *
     * @param pathKeeper the rerouter
     */
    public void followPaths(FlowRerouter pathKeeper) {
        this.rerouter = pathKeeper;
    }

    /**
     * Returns the handle store.
     *
     * @return store
     */
    public QosFlowStore store() {
        return store;
    }

    /**
     * Checks that every rule targets a known device and that no other
     * handle owns an identical rule.
     *
     * @param rules the rules
     * @param field request field the rules came from, for errors
     */
    public void checkInstallable(List<FlowRule> rules, String field) {
        // Rules are told apart by device, table, priority and match (FlowRule's
        // equality); flow ids alone may collide.
        Set<FlowRule> seen = new HashSet<>();
        for (FlowRule rule : rules) {
            if (!seen.add(rule)) {
                throw new FlowSocketException(ErrorCode.DUPLICATE_FLOW, "the request holds two identical rules for "
                        + rule.deviceId(), field, null);
            }
            if (deviceService.getDevice(rule.deviceId()) == null) {
                throw new FlowSocketException(ErrorCode.UNKNOWN_DEVICE, "device " + rule.deviceId()
                        + " is not known to ONOS", field, null);
            }
            store.ownerOf(rule).filter(this::stillOwnsItsRules)
                    .ifPresent(owner -> {
                        throw new FlowSocketException(ErrorCode.DUPLICATE_FLOW, "flow " + owner
                                + " already has an identical rule on " + rule.deviceId(), field, null, owner);
                    });
        }
    }

    // A FAILED flow's rules were withdrawn: it only stays to be seen. The
    // local index hears of a change after it returned (ONOS's distributed
    // map), so it may still show a flow that failed a moment ago: the store
    // decides before a request is refused.
    private boolean stillOwnsItsRules(String owner) {
        return store.knownState(owner) != QosFlow.State.FAILED
                && store.get(owner).map(h -> h.state() != QosFlow.State.FAILED).orElse(false);
    }

    /**
     * Stores a new handle and installs its rules.
     *
     * @param handle        the handle, state PENDING
     * @param confirm       whether the future waits for the switches
     * @param timeoutMillis how long to wait for them
     * @return the handle as the client should see it: INSTALLED once
     *         confirmed, or PENDING right away if not confirming
     */
    public CompletableFuture<QosFlow> install(QosFlow handle, boolean confirm, long timeoutMillis) {
        return install(handle, MeterAllocation.none().installed(), confirm, timeoutMillis);
    }

    /**
     * Stores a new handle, waits until ONOS reports its meters installed,
     * then installs its rules. A flow removed meanwhile sends no rule.
     *
     * @param handle          the handle, state PENDING, with its meters
     * @param metersInstalled ONOS's report that the switches hold the meters
     * @param confirm         whether the future waits for the switches
     * @param timeoutMillis   how long to wait for them to confirm the rules
     * @return the handle as the client should see it: INSTALLED once
     *         confirmed, or PENDING right away if not confirming
     */
    public CompletableFuture<QosFlow> install(QosFlow handle, CompletableFuture<Void> metersInstalled,
                                                 boolean confirm, long timeoutMillis) {
        String here = leadership.localNode();
        QosFlow stored = handle.toBuilder().state(QosFlow.State.PENDING)
                .reason(handle.meters().isEmpty() ? handle.reason() : METERS_PENDING)
                .actingNode(here).createdBy(here).build();
        store.create(stored).ifPresent(owner -> {
            // Another node stored an identical rule since checkInstallable looked.
            meters.release(handle.meters());
            pathGone(handle.id());
            throw new FlowSocketException(ErrorCode.DUPLICATE_FLOW, "flow " + owner
                    + " already has a rule identical to one of this request", null, null, owner);
        });
        log.info("Installing flow {} for {}: {} rule(s), {} meter(s)", handle.id(), handle.owner(),
                 handle.rules().size(), handle.meters().size());
        AtomicBoolean rulesSent = new AtomicBoolean();
        CompletableFuture<QosFlow> outcome = metersInstalled.thenCompose(v -> {
            // Only a flow waiting for its meters can have been removed meanwhile.
            if (!handle.meters().isEmpty() && store.get(handle.id())
                    .map(h -> h.state() == QosFlow.State.REMOVING).orElse(true)) {
                throw new FlowSocketException(ErrorCode.UNKNOWN_FLOW, "flow " + handle.id()
                        + " was removed before ONOS reported its meters installed");
            }
            rulesSent.set(true);
            return installer.install(handle.rules(), timeoutMillis);
        }).handle((ok, error) -> settleInstall(stored, error, rulesSent.get()));
        return confirm ? outcome : CompletableFuture.completedFuture(stored);
    }

    private QosFlow settleInstall(QosFlow handle, Throwable error, boolean rulesSent) {
        if (error == null) {
            log.info("Flow {} confirmed by the switches", handle.id());
            // Mostly nothing changed the flow since it was stored: one
            // conditional replace then, else a read and a change.
            QosFlow installed = handle.withState(QosFlow.State.INSTALLED, null);
            return store.replace(handle, installed) ? installed
                    : store.update(handle.id(), h -> h.state() == QosFlow.State.PENDING
                    ? h.withState(QosFlow.State.INSTALLED, null) : h).orElse(handle);
        }
        FlowSocketException cause = errors.errorFor(Failures.unwrap(error), "rule(s)",
                                             "every rule of the request was withdrawn");
        // Failed while waiting for the meters: say what became of the request.
        FlowSocketException failure = (rulesSent ? cause : new FlowSocketException(cause.code(), cause.getMessage()
                + "; no rule was sent and every meter of the request was withdrawn", cause.field(), cause.details()))
                .aboutFlow(handle.id());
        log.warn("Flow {} failed and was rolled back: {}", handle.id(), failure.getMessage());
        if (rulesSent) {
            installer.withdraw(handle.rules());
        }
        meters.release(handle.meters());
        pathGone(handle.id());
        store.update(handle.id(), h -> h.withState(QosFlow.State.FAILED, failure.getMessage()));
        forgetLater(handle.id());
        throw failure;
    }

    // A FAILED flow stays visible for a while, so that a client that did not
    // wait for the reply (confirm false) can still learn why it failed.
    void forgetLater(String id) {
        try {
            timer.schedule(() -> forgetFailed(id), FAILED_RETENTION_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            forgetFailed(id);
        }
    }

    /**
     * Schedules the expiry of the FAILED flows already in the store, e.g.
     * after this node restarted while another node's expiry was pending.
     */
    public void resumeExpiries() {
        store.list().stream().filter(h -> h.state() == QosFlow.State.FAILED)
                .forEach(h -> forgetLater(h.id()));
    }

    private void forgetFailed(String id) {
        store.get(id).filter(h -> h.state() == QosFlow.State.FAILED).ifPresent(h -> store.remove(id));
    }

    /**
     * Removes a flow: all its rules and meters.
     *
     * @param id            handle id
     * @param force         forget the handle even if the switches do not confirm
     * @param timeoutMillis how long to wait for the switches
     * @return the removed handle
     */
    public CompletableFuture<QosFlow> remove(String id, boolean force, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        CompletableFuture<Void> settled = installsElsewhere.settled(id, timeoutMillis);
        if (settled.isDone()) {
            return removeNow(id, force, timeoutMillis);
        }
        log.info("Flow {} is being installed by another node: its removal waits for ONOS's answer there", id);
        return settled.thenCompose(v -> removeNow(id, force,
                Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
    }

    private CompletableFuture<QosFlow> removeNow(String id, boolean force, long timeoutMillis) {
        // One atomic change reads the flow and marks it REMOVING: of two
        // removals at once (on two nodes) one goes on, the other is refused.
        AtomicReference<QosFlow> before = new AtomicReference<>();
        store.update(id, h -> {
            before.set(h);
            return h.state() == QosFlow.State.FAILED || h.state() == QosFlow.State.REMOVING && !force ? h
                    : h.withState(QosFlow.State.REMOVING, "removal requested", leadership.localNode());
        }).orElseThrow(() -> FlowSocketException.unknownFlow(id));
        QosFlow handle = before.get();
        if (handle.state() == QosFlow.State.REMOVING && !force) {
            throw new FlowSocketException(ErrorCode.INVALID_FIELD, "flow " + id + " is being removed already",
                                          "flowId", null, id);
        }
        if (handle.state() == QosFlow.State.FAILED) {
            // Its rules and meters were withdrawn when it failed.
            store.remove(id);
            return CompletableFuture.completedFuture(handle.withState(QosFlow.State.REMOVING, null));
        }
        log.info("Removing flow {}: {} rule(s)", id, handle.rules().size());
        // The switches confirm the deletions first; ONOS drops the rules from
        // its store only with their FLOW_REMOVED or its next statistics.
        return installer.remove(handle.rules(), timeoutMillis)
                .thenCompose(confirmed -> removals.awaitGone(handle.rules(), timeoutMillis))
                .handle((ok, error) -> {
                    Throwable cause = error == null ? null : Failures.unwrap(error);
                    if (cause == null || force) {
                        meters.release(handle.meters());
                        // Before the reply: a client may reserve the bandwidth again at once.
                        pathGone(id);
                        store.remove(id);
                        return handle.withState(QosFlow.State.REMOVING, null);
                    }
                    FlowSocketException failure = errors.errorFor(cause, "deletion(s)", "flow " + id
                            + " stays DEGRADED with its rules and meters: send RemoveFlow again, or with force to "
                            + "forget it").aboutFlow(id);
                    store.update(id, h -> h.withState(QosFlow.State.DEGRADED,
                                                      "removal failed: " + failure.getMessage()));
                    throw failure;
                });
    }

    /**
     * Follows a rule event: the removals waiting for it, then the health of
     * the handle owning the rule (see {@link FlowHealth}).
     *
     * @param event ONOS flow rule event
     */
    public void ruleEvent(FlowRuleEvent event) {
        removals.ruleEvent(event);
        health.ruleEvent(event);
    }

    /**
     * Follows a device event: a device going offline or away degrades
     * every handle with a rule on it.
     *
     * @param event ONOS device event
     */
    public void deviceEvent(DeviceEvent event) {
        health.deviceEvent(event);
    }

    private void pathGone(String id) {
        FlowRerouter keeper = rerouter;
        if (keeper != null) {
            keeper.flowGone(id);
        }
    }

    // Every device online and every rule ADDED in ONOS.
    boolean isWhole(QosFlow handle) {
        return health.isWhole(handle);
    }

    /**
     * Returns ONOS's entries for rules.
     *
     * @param rules the rules
     * @return the entries ONOS has, by rule; rules ONOS does not list are absent
     */
    public Map<FlowRule, FlowEntry> entriesOf(Collection<FlowRule> rules) {
        return OnosFlowEntries.entriesOf(flowRuleService, rules);
    }

    /**
     * Returns the state ONOS gives one of a flow's meters now.
     *
     * @param meter the meter
     * @return {@code PENDING_ADD}, {@code ADDED}, {@code PENDING_REMOVE} or {@code NOT_IN_ONOS}
     */
    public String meterState(QosFlowMeter meter) {
        return meters.stateOf(meter);
    }

    /**
     * Describes a rule briefly: device and flow id.
     *
     * @param rule the rule
     * @return JSON object
     */
    public ObjectNode ruleRef(FlowRule rule) {
        return errors.ruleRef(rule);
    }
}
