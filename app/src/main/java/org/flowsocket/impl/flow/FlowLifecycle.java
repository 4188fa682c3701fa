/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.api.QosFlowStore;
import org.flowsocket.impl.Failures;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleService;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    // Whether this ONOS's FlowRuleService looks up one rule (see entriesOf).
    private static final boolean ONE_RULE_LOOKUP = hasOneRuleLookup();

    private final Logger log = getLogger(getClass());

    private final QosFlowStore store;
    private final FlowInstaller installer;
    private final MeterAllocator meters;
    private final FlowRuleService flowRuleService;
    private final DeviceService deviceService;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService timer;
    private final RuleRemovals removals;
    private final FlowLeadership leadership;
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
        this.mapper = mapper;
        this.timer = timer;
        this.leadership = leadership;
        this.removals = new RuleRemovals(timer, rules -> entriesOf(rules).keySet());
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
        QosFlow stored = handle.withState(QosFlow.State.PENDING,
                                          handle.meters().isEmpty() ? handle.reason() : METERS_PENDING,
                                          leadership.localNode());
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
        FlowSocketException cause = errorFor(Failures.unwrap(error), "rule(s)",
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

    // Turns what the installer reports into the client's error: what names
    // the operations the switches refused, outcome what became of the rules.
    private FlowSocketException errorFor(Throwable error, String what, String outcome) {
        if (error instanceof FlowInstaller.Refused) {
            List<FlowRule> refused = ((FlowInstaller.Refused) error).rules();
            ArrayNode details = mapper.createArrayNode();
            String why = null;
            for (FlowRule rule : refused) {
                ObjectNode ref = ruleRef(rule);
                String name = SwitchErrors.describe(rule, ref);
                why = why == null ? name : why;
                details.add(ref);
            }
            ObjectNode body = mapper.createObjectNode();
            body.set("refused", details);
            if (why == null && !refused.isEmpty() && !deviceService.isAvailable(refused.get(0).deviceId())) {
                why = "device offline";
            }
            return new FlowSocketException(ErrorCode.FLOW_REFUSED, "the switches refused " + refused.size()
                    + " " + what + ", first on "
                    + (refused.isEmpty() ? "an unnamed device" : refused.get(0).deviceId())
                    + (why == null ? "" : " (" + why + ")")
                    + "; " + outcome, null, body);
        }
        if (error instanceof FlowInstaller.TimedOut || error instanceof RuleRemovals.StillListed) {
            return new FlowSocketException(ErrorCode.CONFIRM_TIMEOUT, error.getMessage() + "; " + outcome);
        }
        if (error instanceof FlowSocketException) {
            return (FlowSocketException) error;
        }
        return new FlowSocketException(ErrorCode.INTERNAL_ERROR, "installing failed: " + error);
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
                    FlowSocketException failure = errorFor(cause, "deletion(s)", "flow " + id
                            + " stays DEGRADED with its rules and meters: send RemoveFlow again, or with force to "
                            + "forget it").aboutFlow(id);
                    store.update(id, h -> h.withState(QosFlow.State.DEGRADED,
                                                      "removal failed: " + failure.getMessage()));
                    throw failure;
                });
    }

    /**
     * Follows a rule event: a rule of a handle removed by someone else
     * degrades the handle; once every rule is back in ONOS as ADDED (a new
     * RULE_ADDED, or the RULE_UPDATED of a switch that reconnected with its
     * table) and every device is online, the handle is installed again.
     *
     * @param event ONOS flow rule event
     */
    public void ruleEvent(FlowRuleEvent event) {
        removals.ruleEvent(event);
        FlowRule rule = event.subject();
        store.ownerOf(rule).ifPresent(id -> {
            // Only an INSTALLED handle degrades, and a handle being removed
            // never becomes INSTALLED again: the local view spares the store
            // an update per rule of a flow being removed.
            if (event.type() == FlowRuleEvent.Type.RULE_REMOVED
                    && store.knownState(id) != QosFlow.State.REMOVING) {
                store.update(id, h -> h.state() == QosFlow.State.INSTALLED
                        ? h.withState(QosFlow.State.DEGRADED, "rule " + flowIdOf(rule) + " was removed from "
                        + rule.deviceId()) : h);
            } else if ((event.type() == FlowRuleEvent.Type.RULE_ADDED
                    || event.type() == FlowRuleEvent.Type.RULE_UPDATED) && store.knownState(id) == QosFlow.State.DEGRADED) {
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
    public void deviceEvent(DeviceEvent event) {
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

    // An installed flow the rerouter keeps: it reports the path's failure itself.
    private boolean healed(QosFlow handle) {
        FlowRerouter keeper = rerouter;
        return keeper != null && handle.state() == QosFlow.State.INSTALLED && keeper.heals(handle);
    }

    private void pathGone(String id) {
        FlowRerouter keeper = rerouter;
        if (keeper != null) {
            keeper.flowGone(id);
        }
    }

    private boolean pathUsable(QosFlow handle) {
        FlowRerouter keeper = rerouter;
        return keeper == null || keeper.pathUsable(handle);
    }

    // Every device online and every rule ADDED in ONOS.
    boolean isWhole(QosFlow handle) {
        if (!handle.rules().stream().allMatch(rule -> deviceService.isAvailable(rule.deviceId()))) {
            return false;
        }
        Map<FlowRule, FlowEntry> entries = entriesOf(handle.rules());
        return handle.rules().stream().allMatch(rule -> {
            FlowEntry entry = entries.get(rule);
            return entry != null && entry.state() == FlowEntry.FlowEntryState.ADDED;
        });
    }

    /**
     * Returns ONOS's entry of a rule: same id and same rule.
     *
     * @param flowRuleService ONOS's flow rule service
     * @param rule            the rule
     * @return the entry, or null if ONOS has none
     */
    public static FlowEntry entryOf(FlowRuleService flowRuleService, FlowRule rule) {
        return entriesOf(flowRuleService, List.of(rule)).get(rule);
    }

    /**
     * Returns ONOS's entries for rules.
     *
     * @param rules the rules
     * @return the entries ONOS has, by rule; rules ONOS does not list are absent
     */
    public Map<FlowRule, FlowEntry> entriesOf(Collection<FlowRule> rules) {
        return entriesOf(flowRuleService, rules);
    }

    /**
     * Returns ONOS's entries for rules: looked up one by one in ONOS's store
     * where FlowRuleService can (getFlowEntry, in ONOS 2.5.6 and 2.7.0, but
     * not in 2.5.0 or 2.6.0), otherwise reading each device's table once.
     * Every getFlowEntries copies the device's whole table: a read per rule
     * made removing a flow cost its rules times the table's size.
     *
     * @param flowRuleService ONOS's flow rule service
     * @param rules           the rules
     * @return the entries ONOS has, by rule; rules ONOS does not list are absent
     */
    public static Map<FlowRule, FlowEntry> entriesOf(FlowRuleService flowRuleService, Collection<FlowRule> rules) {
        if (ONE_RULE_LOOKUP) {
            Map<FlowRule, FlowEntry> found = new HashMap<>();
            for (FlowRule rule : rules) {
                FlowEntry entry = flowRuleService.getFlowEntry(rule);
                if (entry != null) {
                    found.put(rule, entry);
                }
            }
            return found;
        }
        Map<DeviceId, Map<FlowId, List<FlowRule>>> wanted = new HashMap<>();
        for (FlowRule rule : rules) {
            wanted.computeIfAbsent(rule.deviceId(), d -> new HashMap<>())
                    .computeIfAbsent(rule.id(), i -> new ArrayList<>(1)).add(rule);
        }
        Map<FlowRule, FlowEntry> found = new HashMap<>();
        wanted.forEach((deviceId, byId) -> {
            for (FlowEntry entry : flowRuleService.getFlowEntries(deviceId)) {
                List<FlowRule> candidates = byId.get(entry.id());
                if (candidates != null) {
                    // Flow ids are hashes: equal ids need not be equal rules.
                    candidates.stream().filter(rule -> rule.equals(entry)).forEach(rule -> found.put(rule, entry));
                }
            }
        });
        return found;
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
        ObjectNode ref = mapper.createObjectNode();
        ref.put("deviceId", rule.deviceId().toString());
        ref.put("flowId", flowIdOf(rule));
        return ref;
    }

    /**
     * Returns a rule's id as ONOS's REST API writes and reads it: decimal
     * (as ONOS 2.5.6 FlowRuleCodec writes {@code id} and FlowsWebResource
     * parses {@code /flows/{deviceId}/{flowId}}). ONOS's CLI prints the same
     * number in hexadecimal.
     *
     * @param rule the rule
     * @return its flow id
     */
    public static String flowIdOf(FlowRule rule) {
        return Long.toString(rule.id().value());
    }

    private static boolean hasOneRuleLookup() {
        try {
            FlowRuleService.class.getMethod("getFlowEntry", FlowRule.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
