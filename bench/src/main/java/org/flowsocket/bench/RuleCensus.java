/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.sandbox.Sandbox;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRuleService;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * What ONOS and the simulated switches hold of the benchmark's rules and
 * FlowSocket's, described for the cleanup's findings. Only for a sandbox in
 * this JVM: attached by URL, there is nothing to look at.
 */
final class RuleCensus {

    private final Target target;

    /**
     * @param target the server
     */
    RuleCensus(Target target) {
        this.target = target;
    }

    private Sandbox sandbox() {
        return target.sandbox().orElse(null);
    }

    /**
     * Tells what ONOS still holds of an application and, for FlowSocket's,
     * what FlowSocket's store holds: counts by state and a few rules.
     *
     * @param app application name
     * @return one line, or an empty one when attached by URL
     */
    String describe(String app) {
        if (sandbox() == null) {
            return "";
        }
        ApplicationId id = target.service(CoreService.class).getAppId(app);
        List<FlowEntry> entries = id == null ? List.of() : StreamSupport.stream(
                target.service(FlowRuleService.class).getFlowEntriesById(id).spliterator(), false)
                .collect(Collectors.toList());
        Map<FlowEntry.FlowEntryState, Long> states = entries.stream()
                .collect(Collectors.groupingBy(FlowEntry::state, TreeMap::new, Collectors.counting()));
        // The onos-ceiling row's null devices are not the simulated network's.
        Set<DeviceId> simulated = Set.copyOf(sandbox().network().deviceIds());
        String examples = entries.stream().limit(3)
                .map(e -> e.deviceId() + " " + e.selector().criteria() + " " + e.state() + ", " + e.life()
                        + " s old, last seen " + (System.currentTimeMillis() - e.lastSeen()) + " ms ago, "
                        + (simulated.contains(e.deviceId()) ? onTheSwitch(e) : "not a simulated switch's")
                        + sameMatchInOnos(e))
                .collect(Collectors.joining("; "));
        String flows = sandbox().flowSocketService().map(s -> ((QosFlowService) s).getFlows(QosFlowFilter.ALL)
                .stream().collect(Collectors.groupingBy(QosFlow::state, TreeMap::new, Collectors.counting()))
                .toString()).orElse("?");
        return entries.size() + " rules in ONOS " + states + " (" + examples + "); FlowSocket's flows " + flows;
    }

    // The switch's table is keyed by match and priority, as OpenFlow's: the
    // rule it holds for an entry's match may be another one (another id).
    private String onTheSwitch(FlowEntry e) {
        return sandbox().network().flowTable(e.deviceId()).stream().filter(r -> r.equals(e)).findFirst()
                .map(r -> r.id().equals(e.id()) ? "on the switch"
                        : "the switch holds rule " + r.id() + " of " + appName(r.appId()) + " for its match")
                .orElse("not on the switch");
    }

    private String appName(short appId) {
        ApplicationId id = target.service(CoreService.class).getAppId(appId);
        return "app " + appId + (id == null ? "" : " (" + id.name() + ")");
    }

    /**
     * Counts the rules of the benchmark's applications and FlowSocket's that
     * ONOS holds and that the simulated switches hold, by application.
     *
     * @return a count per "ONOS"/"switches" and application name, empty when none
     *         (or when attached by URL)
     * @throws Exception if ONOS cannot be asked
     */
    Map<String, Long> benchRulesLeft() throws Exception {
        Map<String, Long> left = new TreeMap<>();
        if (sandbox() == null) {
            return left;
        }
        Set<Short> apps = new HashSet<>();
        for (String app : Target.BENCH_APPS) {
            ApplicationId id = target.service(CoreService.class).getAppId(app);
            if (id == null) {
                continue;
            }
            apps.add(id.id());
            long n = target.ruleCount(app);
            if (n > 0) {
                left.put("ONOS " + app, n);
            }
        }
        for (DeviceId d : sandbox().network().deviceIds()) {
            for (FlowEntry r : sandbox().network().flowTable(d)) {
                if (apps.contains(r.appId())) {
                    left.merge("switches " + appName(r.appId()), 1L, Long::sum);
                }
            }
        }
        return left;
    }

    // ONOS keeps entries by id: others with the same match and priority
    // hide one another in its reconciliation of the switch's statistics.
    private String sameMatchInOnos(FlowEntry e) {
        List<String> others = StreamSupport.stream(
                target.service(FlowRuleService.class).getFlowEntries(e.deviceId()).spliterator(), false)
                .filter(o -> o.equals(e) && !o.id().equals(e.id()))
                .map(o -> o.id() + " of " + appName(o.appId()) + " " + o.state())
                .collect(Collectors.toList());
        return others.isEmpty() ? "" : ", and ONOS holds with the same match " + others;
    }
}
