/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.southbound;

import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * The one thread a sandbox southbound does all its work with ONOS on, and
 * the southbound's lifecycle around it: its providers are registered when it
 * starts; its flow and port statistics run periodically; when it closes, the
 * statistics stop, its providers are unregistered (last registered first)
 * and the thread ends.
 * <p>
 * Work handed to the thread that fails is logged and does not stop the
 * thread or a periodic task; work handed to it after it ended is dropped.
 */
public final class SouthboundThread {

    private static final Logger log = LoggerFactory.getLogger(SouthboundThread.class);

    private static final long CALL_TIMEOUT_SECONDS = 30;

    private final String description;
    private final ScheduledExecutorService executor;
    private final ProviderRegistrations registrations;
    private final MeterStatsSchedule meterStats;
    private volatile Thread thread;
    private volatile Duration flowStatsInterval = Duration.ofMillis(SwitchReports.FLOW_STATS_INTERVAL_MS);
    private Runnable flowStatsRead;
    private ScheduledFuture<?> flowStatsTask;
    private ScheduledFuture<?> portStatsTask;
    private Runnable portStatsRead;
    private Duration portStatsInterval = Duration.ofMillis(SwitchReports.PORT_STATS_INTERVAL_MS);
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * Creates the thread; the southbound is not started.
     *
     * @param threadName  the thread's name
     * @param description what the southbound is, for error messages (e.g. "The simulated network")
     * @param services    the core's services (provider registries are looked up there)
     */
    public SouthboundThread(String threadName, String description, ServiceRegistry services) {
        requireNonNull(threadName);
        this.description = requireNonNull(description);
        this.registrations = new ProviderRegistrations(services);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.meterStats = new MeterStatsSchedule(executor);
        executor.execute(() -> thread = Thread.currentThread());
    }

    /** @return where the southbound registers its providers */
    public ProviderRegistrations registrations() {
        return registrations;
    }

    /** @return when the southbound reads its switches' meter statistics */
    public MeterStatsSchedule meterStats() {
        return meterStats;
    }

    /** @return whether the southbound is closed (or closing) */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Starts the southbound: runs its start work (registering its providers)
     * on the thread and waits for it.
     *
     * @param work the start work
     * @throws IllegalStateException if it was started before
     */
    public void start(Runnable work) {
        run(() -> {
            if (started) {
                throw new IllegalStateException("Already started");
            }
            started = true;
            work.run();
        });
    }

    /**
     * Runs work on the thread and waits for it (or runs it at once when
     * called on the thread).
     *
     * @param work the work
     * @param <T>  its result's type
     * @return its result
     * @throws IllegalStateException if the southbound is closed, the work
     *                               does not end in time or throws a checked exception
     */
    public <T> T call(Callable<T> work) {
        try {
            if (Thread.currentThread() == thread) {
                return work.call();
            }
            if (executor.isShutdown()) {
                throw new IllegalStateException(description + " is closed");
            }
            return executor.submit(work).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(description + " did not answer in time", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs work on the thread and waits for it (or runs it at once when
     * called on the thread).
     *
     * @param work the work
     * @throws IllegalStateException as {@link #call(Callable)}
     */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs work on the thread as soon as it is free.
     *
     * @param work the work
     */
    public void execute(Runnable work) {
        try {
            executor.execute(() -> runLogged(work));
        } catch (RejectedExecutionException e) {
            log.debug("{} stopped; dropping a task", description);
        }
    }

    /**
     * Runs work on the thread after a delay.
     *
     * @param work  the work
     * @param delay the delay
     * @param unit  the delay's unit
     * @return the scheduled work, or null if the thread has ended
     */
    public ScheduledFuture<?> schedule(Runnable work, long delay, TimeUnit unit) {
        try {
            return executor.schedule(() -> runLogged(work), delay, unit);
        } catch (RejectedExecutionException e) {
            log.debug("{} stopped; dropping a task", description);
            return null;
        }
    }

    /**
     * Reads the switches' flow statistics periodically from now on, every
     * {@link #setFlowStatsInterval(Duration) interval} (default ONOS's 5 s),
     * the first after one interval.
     *
     * @param read reads every switch's flow statistics and reports them to ONOS
     */
    public void scheduleFlowStatistics(Runnable read) {
        run(() -> {
            flowStatsRead = requireNonNull(read);
            rescheduleFlowStatistics();
        });
    }

    /**
     * Sets the interval between two reads of the flow statistics; the next
     * read is one interval from now.
     *
     * @param interval the interval (positive)
     */
    public void setFlowStatsInterval(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("Interval must be positive");
        }
        flowStatsInterval = interval;
        run(this::rescheduleFlowStatistics);
    }

    /**
     * Reads the switches' port statistics periodically, at ONOS's port
     * statistics rate ({@link SwitchReports#PORT_STATS_INTERVAL_MS}) unless
     * {@link #setPortStatsInterval(Duration) set} otherwise.
     *
     * @param firstDelayMs when the first read is, in milliseconds
     * @param read         reads port statistics and reports them to ONOS
     */
    public void schedulePortStatistics(long firstDelayMs, Runnable read) {
        run(() -> {
            portStatsRead = requireNonNull(read);
            reschedulePortStatistics(firstDelayMs);
        });
    }

    /**
     * Sets the interval between two reads of the port statistics, ONOS's
     * {@code portStatsPollFrequency}; the next read is one interval from now.
     *
     * @param interval the interval (positive)
     */
    public void setPortStatsInterval(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("Interval must be positive");
        }
        run(() -> {
            portStatsInterval = interval;
            reschedulePortStatistics(interval.toMillis());
        });
    }

    private void reschedulePortStatistics(long firstDelayMs) {
        if (portStatsTask != null) {
            portStatsTask.cancel(false);
        }
        if (portStatsRead != null) {
            Runnable read = portStatsRead;
            portStatsTask = executor.scheduleAtFixedRate(() -> runLogged(read), firstDelayMs,
                    portStatsInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Closes the southbound: stops its statistics, unregisters its providers
     * if it was started, runs {@code release} (e.g. closing its switch
     * connections) and ends the thread. Closing again does nothing.
     *
     * @param release what to release before the thread ends
     */
    public void close(Runnable release) {
        if (closed) {
            return;
        }
        try {
            run(() -> {
                closed = true;
                if (flowStatsTask != null) {
                    flowStatsTask.cancel(false);
                }
                meterStats.stopAll();
                if (portStatsTask != null) {
                    portStatsTask.cancel(false);
                }
                if (started) {
                    registrations.unregisterAll();
                }
            });
        } finally {
            closed = true;
            try {
                release.run();
            } finally {
                executor.shutdownNow();
            }
        }
    }

    private void rescheduleFlowStatistics() {
        if (flowStatsTask != null) {
            flowStatsTask.cancel(false);
        }
        if (flowStatsRead != null) {
            Runnable read = flowStatsRead;
            long ms = flowStatsInterval.toMillis();
            flowStatsTask = executor.scheduleWithFixedDelay(() -> runLogged(read), ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    // A failure is logged, so that it ends neither a periodic task nor the thread.
    private void runLogged(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} task failed", description, e);
        }
    }
}
