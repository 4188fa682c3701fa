/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import com.google.common.collect.ImmutableList;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowTraffic;
import org.flowsocket.api.FlowTrafficService;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.RuleSample;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.FlowTrafficCodec;
import org.flowsocket.impl.protocol.Messages;
import org.onosproject.codec.CodecContext;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.link.LinkService;
import org.slf4j.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Traffic statistics of flow handles and links, from ONOS's counters: the
 * {@code stats} topic's samplers, and the rates GetFlow and ListFlows give.
 * <p>
 * One sampler per interval in use serves every session subscribed at that
 * interval: it reads ONOS's flow entries once per tick, renders each flow's
 * FLOW_STATS once, and sends it to the sessions that want it. A sampler
 * stops when no session uses its interval any more. GetFlow and ListFlows
 * measure over ONOS's latest statistics period: the readings ONOS's
 * statistics refresh (RULE_ADDED, RULE_UPDATED) brings.
 */
public final class TrafficStatistics implements FlowTrafficService {

    /** Topic of the statistics events. */
    public static final String TOPIC = "stats";

    private final Logger log = getLogger(getClass());

    /** A session, as the statistics see it. */
    public interface Subscriber {
        /**
         * Returns what the session asked of the stats topic.
         *
         * @return its request, or null if it is not subscribed to the topic
         */
        StatsRequest statsRequest();

        /**
         * Sends an event to the session, numbered in its sequence.
         *
         * @param event the event
         */
        void sendEvent(Messages.EventFrame event);
    }

    private final CodecContext codecs;
    private final FlowTrafficCodec trafficCodec = new FlowTrafficCodec();
    private final ApplicationId appId;
    private final QosFlowService flows;
    private final FlowRuleService rules;
    private final DeviceService devices;
    private final LinkService links;
    private final Supplier<Collection<? extends Subscriber>> subscribers;
    private final Readings refreshes = new Readings();
    private final Map<Integer, TrafficSampler> samplers = new HashMap<>();
    private final ScheduledExecutorService executor;

    /**
     * Creates the statistics.
     *
     * @param codecs      renders events, through {@link FlowTrafficCodec}
     * @param appId       FlowSocket's application id; its rules are followed
     * @param flows       QoS flow service
     * @param rules       ONOS's flow rule service
     * @param devices     ONOS's device service
     * @param links       ONOS's link service
     * @param subscribers the sessions
     */
    public TrafficStatistics(CodecContext codecs, ApplicationId appId, QosFlowService flows, FlowRuleService rules,
                             DeviceService devices, LinkService links,
                             Supplier<Collection<? extends Subscriber>> subscribers) {
        this.codecs = codecs;
        this.appId = appId;
        this.flows = flows;
        this.rules = rules;
        this.devices = devices;
        this.links = links;
        this.subscribers = subscribers;
        this.executor = Executors.newSingleThreadScheduledExecutor(groupedThreads("onos/flowsocket", "stats", log));
    }

    /** Stops every sampler. */
    public void stop() {
        executor.shutdownNow();
        synchronized (samplers) {
            samplers.clear();
        }
    }

    /**
     * Makes sure a sampler serves a session's new request.
     *
     * @param request the session's request
     */
    public void subscribed(StatsRequest request) {
        synchronized (samplers) {
            if (!executor.isShutdown() && !samplers.containsKey(request.intervalMs())) {
                TrafficSampler sampler = new TrafficSampler(this, request.intervalMs());
                samplers.put(request.intervalMs(), sampler);
                sampler.start(executor);
            }
        }
    }

    /**
     * Follows ONOS's statistics refresh of FlowSocket's rules.
     *
     * @param event a flow rule event
     */
    public void ruleEvent(FlowRuleEvent event) {
        if (event.subject().appId() != appId.id()) {
            return;
        }
        switch (event.type()) {
            case RULE_ADDED:
            case RULE_UPDATED:
                if (event.subject() instanceof FlowEntry) {
                    refreshes.record(event.subject(), RuleSample.of((FlowEntry) event.subject()));
                }
                break;
            case RULE_REMOVED:
                refreshes.forget(event.subject());
                break;
            default:
                break;
        }
    }

    @Override
    public List<FlowTraffic> latestTraffic(List<QosFlow> flows) {
        EntryIndex entries = new EntryIndex(rules);
        return flows.stream().map(flow -> FlowTraffic.of(flow, rule -> refreshed(rule, entries), rule -> {
            RuleSample current = refreshed(rule, entries);
            return current == null ? null : refreshes.earlier(rule, current);
        })).collect(ImmutableList.toImmutableList());
    }

    // The counters of ONOS's latest statistics refresh of a rule ONOS holds,
    // as its event told them if this node heard of that reading; the entry's
    // own otherwise: its event is still on its way, or this node is not the
    // device's master, where ONOS posts no RULE_UPDATED (ECFlowRuleStore).
    // (The event's entry is noted a little before the store's copy of the
    // same reading, so the two are told apart by their counters.)
    private RuleSample refreshed(FlowRule rule, EntryIndex entries) {
        RuleSample live = entries.sample(rule);
        RuleSample refreshed = refreshes.latest(rule);
        return live != null && refreshed != null && live.sameReading(refreshed) ? refreshed : live;
    }

    // ------------------------------------------------------- for the samplers

    CodecContext codecs() {
        return codecs;
    }

    /**
     * Renders a flow's traffic as FLOW_STATS carries it.
     *
     * @param traffic the flow's traffic
     * @return JSON object
     */
    public ObjectNode encode(FlowTraffic traffic) {
        return trafficCodec.encode(traffic, codecs);
    }

    QosFlowService flows() {
        return flows;
    }

    FlowRuleService rules() {
        return rules;
    }

    DeviceService devices() {
        return devices;
    }

    LinkService links() {
        return links;
    }

    Collection<? extends Subscriber> subscribers() {
        return subscribers.get();
    }

    /**
     * Stops a sampler if no session uses its interval any more.
     *
     * @param sampler the sampler
     * @return true if it was stopped
     */
    boolean retireIfUnused(TrafficSampler sampler) {
        synchronized (samplers) {
            boolean used = subscribers.get().stream().map(Subscriber::statsRequest)
                    .anyMatch(r -> r != null && r.intervalMs() == sampler.intervalMs());
            if (!used && samplers.get(sampler.intervalMs()) == sampler) {
                samplers.remove(sampler.intervalMs());
                sampler.stop();
                return true;
            }
            return false;
        }
    }

    /** @return intervals of the samplers running */
    public Collection<Integer> samplerIntervals() {
        synchronized (samplers) {
            return List.copyOf(samplers.keySet());
        }
    }
}
