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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The simulated network's switches, and the work sent to them that has not
 * been answered yet. The switches are touched only on the network's thread.
 * What a switch tells ONOS about its flow rules (batch answers, flow
 * removals, flow statistics) goes through {@link #tell}: on the network's
 * thread, or, with switch channels on, in order on a thread of that switch's
 * own, as ONOS's OpenFlow controller hears each switch on its connection's
 * thread, so that one switch's answers do not wait behind another's.
 */
final class SimSwitches {

    private static final Logger log = LoggerFactory.getLogger(SimSwitches.class);

    private final SouthboundThread thread;
    private final Map<DeviceId, SimSwitch> switches = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<DeviceId, ExecutorService> channels = new ConcurrentHashMap<>();
    private volatile boolean channelsOn;
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
     * Chooses where switches' messages to ONOS run: on the network's thread
     * (the default) or on one thread per switch.
     *
     * @param on whether each switch has its own thread
     */
    void setChannels(boolean on) {
        channelsOn = on;
    }

    /**
     * Tells ONOS something a switch says, in order for that switch: at once
     * on the calling (network) thread, or with switch channels on, on the
     * switch's own thread, counted as in flight until it has run.
     *
     * @param deviceId the switch
     * @param message  the call to ONOS
     */
    void tell(DeviceId deviceId, Runnable message) {
        if (!channelsOn) {
            message.run();
            return;
        }
        inFlight.incrementAndGet();
        try {
            channels.computeIfAbsent(deviceId, id -> Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sandbox-switch-" + id);
                t.setDaemon(true);
                return t;
            })).execute(() -> {
                try {
                    if (!thread.isClosed()) {
                        message.run();
                    }
                } catch (RuntimeException e) {
                    log.warn("Message of {} to ONOS failed", deviceId, e);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
        }
    }

    /** Ends the switches' own threads. */
    void closeChannels() {
        channels.values().forEach(ExecutorService::shutdownNow);
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
