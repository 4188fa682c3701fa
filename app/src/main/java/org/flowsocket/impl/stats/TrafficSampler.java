/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import org.flowsocket.api.FlowTraffic;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.RuleSample;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.impl.protocol.Messages;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Link;
import org.onosproject.net.device.PortStatistics;
import org.onosproject.net.flow.FlowId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code stats} topic at one interval: every interval, the FLOW_STATS
 * of each flow handle some session at this interval wants, and the
 * LINK_STATS of every link if one wants links, each rendered once for all
 * those sessions. An event is sent only when ONOS has newer counters than
 * the last event carried, so a flow or link is never told more often than
 * ONOS's statistics refresh (its flow and port statistics periods) gives
 * new data. Runs on the statistics thread.
 */
final class TrafficSampler {

    private static final Logger log = LoggerFactory.getLogger(TrafficSampler.class);

    private final TrafficStatistics statistics;
    private final int intervalMs;
    /** Counters of the rules last told: a flow's rates are measured from there. */
    private final Readings told = new Readings();
    /** Each link's source port counters last told: a link's load is measured from there. */
    private final Map<ConnectPoint, PortStatistics> linksTold = new HashMap<>();
    private ScheduledFuture<?> task;

    TrafficSampler(TrafficStatistics statistics, int intervalMs) {
        this.statistics = statistics;
        this.intervalMs = intervalMs;
    }

    int intervalMs() {
        return intervalMs;
    }

    void start(ScheduledExecutorService executor) {
        task = executor.scheduleAtFixedRate(this::tickLogged, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Statistics at {} ms failed", intervalMs, e);
        }
    }

    /** Samples once and tells the sessions at this interval. */
    void tick() {
        // Each session's request as it is now: a session may change or leave the topic meanwhile.
        List<Listener> audience = new ArrayList<>();
        for (TrafficStatistics.Subscriber s : statistics.subscribers()) {
            StatsRequest request = s.statsRequest();
            if (request != null && request.intervalMs() == intervalMs) {
                audience.add(new Listener(s, request));
            }
        }
        if (audience.isEmpty() && statistics.retireIfUnused(this)) {
            return;
        }
        tellFlows(audience);
        if (audience.stream().anyMatch(l -> l.request.links())) {
            tellLinks(audience);
        } else {
            linksTold.clear();
        }
    }

    private void tellFlows(List<Listener> audience) {
        EntryIndex entries = new EntryIndex(statistics.rules());
        Set<FlowId> kept = new HashSet<>();
        for (QosFlow flow : statistics.flows().getFlows(QosFlowFilter.ALL)) {
            if (audience.stream().noneMatch(l -> l.request.wants(flow.id()))) {
                continue;
            }
            flow.rules().forEach(r -> kept.add(r.id()));
            FlowTraffic traffic = FlowTraffic.of(flow, entries::sample, rule -> {
                RuleSample current = entries.sample(rule);
                return current == null ? null : told.earlier(rule, current);
            });
            if (!traffic.newerThan(told::latest)) {
                continue;
            }
            traffic.hops().stream().filter(h -> h.sample() != null).forEach(h -> told.record(h.rule(), h.sample()));
            Messages.EventFrame event = Messages.event(statistics.codecs().mapper(), TrafficStatistics.TOPIC,
                    "FLOW_STATS", statistics.encode(traffic));
            for (Listener l : audience) {
                if (l.request.wants(flow.id())) {
                    l.subscriber.sendEvent(event);
                }
            }
        }
        told.retainOnly(kept);
    }

    private void tellLinks(List<Listener> audience) {
        Set<ConnectPoint> active = new HashSet<>();
        for (Link link : statistics.links().getActiveLinks()) {
            active.add(link.src());
            PortStatistics earlier = linksTold.get(link.src());
            LinkLoad.of(link, statistics.devices(), earlier).ifPresent(load -> {
                if (earlier != null && load.stamp() == LinkLoad.stampOf(earlier)) {
                    return; // ONOS has read the port's counters no more since
                }
                linksTold.put(link.src(), load.reading());
                Messages.EventFrame event = Messages.event(statistics.codecs().mapper(), TrafficStatistics.TOPIC,
                                                           "LINK_STATS", load.toJson(statistics.codecs().mapper()));
                for (Listener l : audience) {
                    if (l.request.links()) {
                        l.subscriber.sendEvent(event);
                    }
                }
            });
        }
        linksTold.keySet().retainAll(active);
    }

    /** A session and what it asked when the tick began. */
    private static final class Listener {
        final TrafficStatistics.Subscriber subscriber;
        final StatsRequest request;

        Listener(TrafficStatistics.Subscriber subscriber, StatsRequest request) {
            this.subscriber = subscriber;
            this.request = request;
        }
    }
}
