/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.core.SandboxCore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.event.Event;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Link;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.edge.EdgePortService;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkEvent;
import org.onosproject.net.link.LinkListener;
import org.onosproject.net.link.LinkService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A switch going down, with ONOS's event dispatcher (events on ONOS's own
 * threads, as in the sandbox executable), as ONOS raises it: the device's
 * DEVICE_AVAILABILITY_CHANGED first, then (from the link and host providers
 * reacting to it) LINK_REMOVED and HOST_REMOVED, and a listener handling a
 * link event (as EdgeManager does) sees a consistent link store.
 */
public class DeviceDownEventsTest {

    private static final DeviceId S1 = NetworkSpec.switchId(1);
    private static final DeviceId S2 = NetworkSpec.switchId(2);
    private static final DeviceId S3 = NetworkSpec.switchId(3);

    private SandboxCore core;
    private SimulatedNetwork network;
    private final List<Event<?, ?>> events = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    // Port statistics come every few seconds, whatever else happens.
    private final DeviceListener deviceListener = event -> {
        if (event.type() != DeviceEvent.Type.PORT_STATS_UPDATED) {
            events.add(event);
        }
    };
    private final HostListener hostListener = events::add;
    // What EdgeManager does with a link event: look at the links of both ends.
    private final LinkListener linkListener = event -> {
        events.add(event);
        for (ConnectPoint end : List.of(event.subject().src(), event.subject().dst())) {
            for (Link link : core.get(LinkService.class).getLinks(end)) {
                if (link == null) {
                    problems.add("null link at " + end + " while handling " + event.type());
                }
            }
        }
    };

    // ONOS's ListenerRegistry logs (and swallows) what a listener throws.
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream stderr;

    @Before
    public void setUp() {
        stderr = System.err;
        System.setErr(new PrintStream(new TeeStream(stderr, log), true));
        core = SandboxCore.builder().eventDelivery(SandboxCore.EventDelivery.DISPATCHER).build().start();
        network = new SimulatedNetwork(core.services(), NetworkSpec.linear(3)).start();
        core.get(DeviceService.class).addListener(deviceListener);
        core.get(LinkService.class).addListener(linkListener);
        core.get(HostService.class).addListener(hostListener);
    }

    @After
    public void tearDown() {
        try {
            network.close();
            core.close();
        } finally {
            System.setErr(stderr);
        }
    }

    // Failures handling link events (another core's components stopping may
    // log unrelated failures into the same stream).
    private String listenerFailures() {
        String text = log.toString(StandardCharsets.UTF_8);
        int at = text.indexOf("Exception encountered while processing event LinkEvent");
        return at < 0 ? "" : text.substring(at, Math.min(text.length(), at + 600));
    }

    @Test
    public void deviceDownIsRaisedBeforeItsLinksAndHostsGo() throws Exception {
        awaitCondition("the network is up", () -> core.get(LinkService.class).getLinkCount() == 4
                && core.get(HostService.class).getHostCount() == 3);
        Thread.sleep(200);
        events.clear();
        network.deviceDown(S2);
        // Availability, 4 links (both directions of two links), h2.
        awaitEvents(1 + 4 + 1);
        Event<?, ?> first = events.get(0);
        assertEquals("first event: " + events, DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED, first.type());
        assertEquals(S2, ((DeviceEvent) first).subject().id());
        assertTrue(events.toString(), events.subList(1, events.size()).stream().allMatch(
                e -> e.type() == LinkEvent.Type.LINK_REMOVED || e.type() == HostEvent.Type.HOST_REMOVED));
        assertEquals("", listenerFailures());
    }

    @Test
    public void linkListenersSeeAConsistentStoreAndEdgePortsFollow() throws Exception {
        EdgePortService edges = core.get(EdgePortService.class);
        for (int i = 0; i < 20; i++) {
            network.deviceDown(S2);
            awaitCondition("edge ports after S2 went down", () ->
                    edges.isEdgePoint(ConnectPoint.deviceConnectPoint(S1 + "/2"))
                    && edges.isEdgePoint(ConnectPoint.deviceConnectPoint(S3 + "/2")));
            network.deviceUp(S2);
            awaitCondition("links back", () -> core.get(LinkService.class).getLinkCount() == 4
                    && !edges.isEdgePoint(ConnectPoint.deviceConnectPoint(S1 + "/2")));
        }
        assertEquals(List.of(), problems);
        assertEquals("", listenerFailures());
    }

    /** Copies what is written to two streams. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream one;
        private final OutputStream two;

        TeeStream(OutputStream one, OutputStream two) {
            this.one = one;
            this.two = two;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            one.write(b);
            two.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            one.write(b, off, len);
            two.write(b, off, len);
        }
    }

    private void awaitEvents(int count) throws InterruptedException {
        awaitCondition(count + " events, got " + events, () -> events.size() >= count);
        Thread.sleep(100);
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
