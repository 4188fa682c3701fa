/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.southbound;

import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * When a southbound reads its switches' meter statistics, which is the only
 * way ONOS learns that a meter is installed. As ONOS 2.5.6 (and 2.5.0 to
 * 2.7.0) OpenFlowMeterProvider: one collector per switch, started when the
 * switch connects and stopped when it goes ({@code createStatsCollection},
 * {@code switchRemoved}); MeterStatsCollector.start reads the statistics
 * 1 s after the start, then every {@code meterStatsPollInterval} seconds
 * (default 10) after each read; changing the interval restarts every
 * collector.
 * <p>
 * Not thread-safe: call it on the southbound's own thread, which is also the
 * thread of the executor it is given.
 */
public final class MeterStatsSchedule {

    private static final Logger log = LoggerFactory.getLogger(MeterStatsSchedule.class);

    /** ONOS's default meterStatsPollInterval, in seconds. */
    public static final int DEFAULT_INTERVAL_SECONDS = 10;

    /** MeterStatsCollector.start: the first read, after the switch connected. */
    static final Duration FIRST_READ = Duration.ofSeconds(1);

    private final ScheduledExecutorService executor;
    private final Map<DeviceId, Runnable> reads = new HashMap<>();
    private final Map<DeviceId, ScheduledFuture<?>> tasks = new HashMap<>();
    private final List<Consumer<DeviceId>> listeners = new CopyOnWriteArrayList<>();
    private volatile Duration interval = Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS);

    /**
     * Creates a schedule.
     *
     * @param executor the southbound's single-threaded executor
     */
    public MeterStatsSchedule(ScheduledExecutorService executor) {
        this.executor = requireNonNull(executor);
    }

    /** @return the interval between two reads of one switch */
    public Duration interval() {
        return interval;
    }

    /**
     * Sets the interval between reads, as ONOS's {@code meterStatsPollInterval}
     * does (whole seconds in ONOS; any positive duration here), and restarts
     * every switch's reads.
     *
     * @param newInterval positive interval
     */
    public void setInterval(Duration newInterval) {
        if (newInterval.isZero() || newInterval.isNegative()) {
            throw new IllegalArgumentException("Meter statistics interval must be positive");
        }
        interval = newInterval;
        Map.copyOf(reads).forEach(this::start);
    }

    /**
     * Starts reading a switch's meters (again, if it was being read).
     *
     * @param deviceId the switch
     * @param read     reads its meter statistics and pushes them to ONOS
     */
    public void start(DeviceId deviceId, Runnable read) {
        stop(deviceId);
        reads.put(deviceId, read);
        try {
            tasks.put(deviceId, executor.scheduleWithFixedDelay(() -> run(deviceId, read),
                    FIRST_READ.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            log.debug("Southbound stopped; not reading meters of {}", deviceId);
        }
    }

    /**
     * Stops reading a switch's meters.
     *
     * @param deviceId the switch
     */
    public void stop(DeviceId deviceId) {
        reads.remove(deviceId);
        ScheduledFuture<?> task = tasks.remove(deviceId);
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Stops every read. */
    public void stopAll() {
        Map.copyOf(reads).keySet().forEach(this::stop);
    }

    /**
     * Adds a listener told, on the southbound's thread, as each periodic
     * read of a switch's meters begins.
     *
     * @param listener receives the switch's id
     */
    public void addListener(Consumer<DeviceId> listener) {
        listeners.add(requireNonNull(listener));
    }

    private void run(DeviceId deviceId, Runnable read) {
        try {
            listeners.forEach(l -> l.accept(deviceId));
            read.run();
        } catch (RuntimeException e) {
            log.warn("Reading the meters of {} failed", deviceId, e);
        }
    }
}
