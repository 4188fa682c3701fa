/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.codec.FlowSocketCodecContext;
import org.flowsocket.impl.protocol.Messages;
import org.flowsocket.impl.protocol.RequestFields;
import org.junit.After;
import org.junit.Test;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.Link;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.flow.FlowRuleServiceAdapter;
import org.onosproject.net.link.LinkServiceAdapter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The stats topic's samplers are shared: one per interval in use, however
 * many sessions use it, and none once no session does.
 */
public class TrafficSamplersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final TrafficStatistics statistics = new TrafficStatistics(
            new FlowSocketCodecContext(MAPPER, new CodecManager(), Map.of()),
            new DefaultApplicationId(1, "org.flowsocket.app"), new NoFlows(), new FlowRuleServiceAdapter(),
            new DeviceServiceAdapter(), new NoLinks(), () -> sessions);

    @After
    public void stop() {
        statistics.stop();
    }

    @Test
    public void sessionsAtOneIntervalShareOneSampler() {
        subscribe(1000);
        subscribe(1000);
        subscribe(1000);
        subscribe(3000);
        assertEquals(Set.of(1000, 3000), new TreeSet<>(statistics.samplerIntervals()));
    }

    @Test
    public void aSamplerStopsOnceNoSessionUsesItsInterval() throws InterruptedException {
        Session a = subscribe(1000);
        Session b = subscribe(2000);
        a.request = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (statistics.samplerIntervals().contains(1000) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(2000), List.copyOf(statistics.samplerIntervals()));
        assertTrue(b.request != null);
    }

    @Test
    public void nothingSamplesOnceStopped() {
        statistics.stop();
        subscribe(1000);
        assertEquals(List.of(), List.copyOf(statistics.samplerIntervals()));
    }

    private Session subscribe(int intervalMs) {
        ObjectNode options = MAPPER.createObjectNode().put("intervalMs", intervalMs);
        Session s = new Session(StatsRequest.parse(RequestFields.of(options)));
        sessions.add(s);
        statistics.subscribed(s.request);
        return s;
    }

    private static final class Session implements TrafficStatistics.Subscriber {
        volatile StatsRequest request;

        Session(StatsRequest request) {
            this.request = request;
        }

        @Override
        public StatsRequest statsRequest() {
            return request;
        }

        @Override
        public void sendEvent(Messages.EventFrame event) {
        }
    }

    private static final class NoLinks extends LinkServiceAdapter {
        @Override
        public Iterable<Link> getLinks() {
            return List.of();
        }
    }

    private static final class NoFlows implements QosFlowService {
        @Override
        public CompletableFuture<QosFlow> install(QosFlowRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<QosFlow> remove(String flowId, boolean force, long timeoutMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<QosFlow> getFlow(String flowId) {
            return Optional.empty();
        }

        @Override
        public List<QosFlow> getFlows(QosFlowFilter filter) {
            return List.of();
        }

        @Override
        public void addListener(QosFlowListener listener) {
        }

        @Override
        public void removeListener(QosFlowListener listener) {
        }
    }
}
