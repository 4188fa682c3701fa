/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.southbound.SouthboundThread;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The simulated network's switches, and the work sent to them that has not
 * been answered yet. The switches are touched only on the network's thread.
 */
final class SimSwitches {

    private static final Logger log = LoggerFactory.getLogger(SimSwitches.class);

    private final SouthboundThread thread;
    private final Map<DeviceId, SimSwitch> switches = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final SimTraffic traffic = new SimTraffic();

    SimSwitches(SouthboundThread thread) {
        this.thread = requireNonNull(thread);
    }

    /**
     * Adds a switch.
     *
     * @param s the switch
     * @throws IllegalArgumentException if there is a switch with its id
     */
    void add(SimSwitch s) {
        if (switches.containsKey(s.id)) {
            throw new IllegalArgumentException("Switch " + s.id + " exists");
        }
        switches.put(s.id, s);
    }

    /**
     * Returns a switch.
     *
     * @param deviceId its id
     * @return the switch
     * @throws IllegalArgumentException if there is none
     */
    SimSwitch get(DeviceId deviceId) {
        SimSwitch s = switches.get(deviceId);
        if (s == null) {
            throw new IllegalArgumentException("No simulated switch " + deviceId);
        }
        return s;
    }

    /**
     * Returns a switch if it is connected.
     *
     * @param deviceId its id
     * @return the switch, or null if there is none or it is down
     */
    SimSwitch connected(DeviceId deviceId) {
        SimSwitch s = switches.get(deviceId);
        return s != null && s.up ? s : null;
    }

    /** @return the traffic the switches' rules carry */
    SimTraffic traffic() {
        return traffic;
    }

    /** @return every switch, in creation order */
    Collection<SimSwitch> all() {
        return Collections.unmodifiableCollection(switches.values());
    }

    /**
     * Runs work on the network's thread after a delay, counting it as in
     * flight until it has run; nothing runs once the network is closed.
     *
     * @param delay the delay
     * @param work  the work
     */
    void later(Duration delay, Runnable work) {
        if (thread.isClosed()) {
            return;
        }
        inFlight.incrementAndGet();
        Runnable counted = () -> {
            try {
                if (!thread.isClosed()) {
                    work.run();
                }
            } finally {
                inFlight.decrementAndGet();
            }
        };
        if (thread.schedule(counted, delay.toNanos(), TimeUnit.NANOSECONDS) == null) {
            inFlight.decrementAndGet();
            log.debug("Network closed; dropping task");
        }
    }

    /**
     * Waits until all the work sent to the switches has run.
     *
     * @param timeout how long to wait at most
     * @return true if nothing is in flight any more
     * @throws InterruptedException if interrupted
     */
    boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
