/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import com.google.common.collect.ImmutableList;
import org.flowsocket.sandbox.core.MeterRelease;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.flowsocket.sandbox.southbound.MeterStatsSchedule;
import org.flowsocket.sandbox.southbound.ProviderRegistrations;
import org.flowsocket.sandbox.southbound.SwitchReports;
import org.onlab.packet.ChassisId;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.Link;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DefaultDeviceDescription;
import org.onosproject.net.device.DefaultPortDescription;
import org.onosproject.net.device.DeviceProvider;
import org.onosproject.net.device.DeviceProviderRegistry;
import org.onosproject.net.device.DeviceProviderService;
import org.onosproject.net.device.PortDescription;
import org.onosproject.net.flow.CompletedBatchOperation;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowEntry.FlowEntryState;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleProvider;
import org.onosproject.net.flow.FlowRuleProviderRegistry;
import org.onosproject.net.flow.FlowRuleProviderService;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchEntry;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchOperation;
import org.onosproject.net.host.DefaultHostDescription;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.link.DefaultLinkDescription;
import org.onosproject.net.link.LinkProvider;
import org.onosproject.net.link.LinkProviderRegistry;
import org.onosproject.net.link.LinkProviderService;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.DefaultMeterFeatures;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterCellId;
import org.onosproject.net.meter.MeterFailReason;
import org.onosproject.net.meter.MeterFeatures;
import org.onosproject.net.meter.MeterOperation;
import org.onosproject.net.meter.MeterOperations;
import org.onosproject.net.meter.MeterProvider;
import org.onosproject.net.meter.MeterProviderRegistry;
import org.onosproject.net.meter.MeterProviderService;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * A simulated network of OpenFlow-like switches, wired into ONOS's core the way
 * ONOS's OpenFlow providers are: as a device, link, host and flow rule
 * provider for the {@code of} URI scheme.
 * <p>
 * The switches behave as switches do towards ONOS:
 * <ul>
 * <li>a connecting switch is announced with its ports, acknowledges the
 * mastership role ONOS asks for, and its links (both directions) and hosts
 * are discovered once both ends are up;</li>
 * <li>a flow rule batch from {@code FlowRuleService} is answered after the
 * acknowledgement latency ({@link #setAckLatency(Duration)}, default
 * {@value #DEFAULT_ACK_LATENCY_MS} ms), as ONOS's OpenFlow provider answers
 * after the switch's barrier reply, through
 * {@code FlowRuleProviderService.batchOperationCompleted}; refused rules are
 * in the failed set as FAILED flow entries carrying an OpenFlow error type and
 * code ({@link FlowModFailure}); removed rules are reported with
 * {@code flowRemoved} before the batch is answered, as a switch sends
 * FLOW_REMOVED before its barrier reply; the installed rules stay
 * PENDING_ADD in ONOS until the next flow statistics (RULE_ADDED), as with
 * ONOS's OpenFlow provider ({@link #setImmediateStatistics(boolean)} reports
 * them at once instead);</li>
 * <li>flow statistics for every switch are pushed periodically
 * ({@link #setStatsInterval(Duration)}, default 5 s, ONOS's OpenFlow polling
 * default), with ONOS's reconciliation: rules ONOS has that the switch lacks
 * are re-sent, rules the switch has that ONOS lacks are removed;</li>
 * <li>meters are confirmed as ONOS's OpenFlow meter provider confirms them:
 * only when the switch's meter statistics are read, 1 s after the switch
 * connects and then every {@link #setMeterStatsInterval(Duration)} (default
 * ONOS's 10 s, {@link MeterStatsSchedule}), and right after a meter removal;
 * a refused meter fails at once;</li>
 * <li>a switch that is taken down ({@link #deviceDown(DeviceId)}) disconnects:
 * ONOS marks it unavailable, its links and hosts vanish, batches sent to it
 * fail; its flow table is kept, as a switch that lost its controller
 * connection keeps its rules, and is reported again when it comes back up;</li>
 * <li>the table only loses a rule ONOS accepted when ONOS removes it or the
 * rule's own idle or hard timeout expires (no traffic flows, so an idle
 * timeout expires that many seconds after installation).</li>
 * </ul>
 * <p>
 * All interaction with ONOS happens on one thread ("sandbox-network"). The
 * admin methods run their work there and return once it is done, so a test
 * sees the resulting events right away (with synchronous event delivery).
 * Do not call them while holding a lock an ONOS listener needs.
 */
public final class SimulatedNetwork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedNetwork.class);

    /** Provider id of all the simulated network's providers (scheme "of"). */
    public static final ProviderId PROVIDER_ID = new ProviderId("of", "org.flowsocket.sandbox.network");

    /** Default batch acknowledgement latency in milliseconds. */
    public static final long DEFAULT_ACK_LATENCY_MS = 20;

    /** Default flow statistics interval in milliseconds. */
    public static final long DEFAULT_STATS_INTERVAL_MS = 5000;

    private static final long CALL_TIMEOUT_SECONDS = 30;

    private final ServiceRegistry services;
    private final ProviderRegistrations registrations;
    private final NetworkSpec spec;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-network");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread networkThread;

    // Switch state: touched only on the network thread.
    private final Map<DeviceId, SimSwitch> switches = new LinkedHashMap<>();
    private final List<NetworkSpec.Link> links = new ArrayList<>();
    private final Set<Set<ConnectPoint>> linksDown = new HashSet<>();
    private final List<NetworkSpec.Host> hosts = new ArrayList<>();

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final Map<DeviceId, Duration> deviceLatency = new ConcurrentHashMap<>();
    private volatile Duration ackLatency = Duration.ofMillis(DEFAULT_ACK_LATENCY_MS);
    private volatile Duration statsInterval = Duration.ofMillis(DEFAULT_STATS_INTERVAL_MS);
    private volatile boolean immediateStatistics;
    private volatile boolean flowRemovedMessages = true;
    private ScheduledFuture<?> statsTask;
    private final MeterStatsSchedule meterStats = new MeterStatsSchedule(executor);
    private ScheduledFuture<?> portStatsTask;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Consumer<FlowRule>> ackListeners = new CopyOnWriteArrayList<>();

    private final InternalDeviceProvider deviceProvider = new InternalDeviceProvider();
    private final InternalLinkProvider linkProvider = new InternalLinkProvider();
    private final InternalHostProvider hostProvider = new InternalHostProvider();
    private final InternalFlowRuleProvider flowProvider = new InternalFlowRuleProvider();
    private final InternalMeterProvider meterProvider = new InternalMeterProvider();
    private DeviceProviderService deviceService;
    private LinkProviderService linkService;
    private HostProviderService hostService;
    private FlowRuleProviderService flowService;
    private MeterProviderService meterService;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * Creates a simulated network over ONOS's core. Nothing is announced until
     * {@link #start()}.
     *
     * @param services the core's services (provider registries are looked up there)
     * @param spec     the network's shape
     */
    public SimulatedNetwork(ServiceRegistry services, NetworkSpec spec) {
        this.services = requireNonNull(services);
        this.registrations = new ProviderRegistrations(services);
        this.spec = requireNonNull(spec);
        executor.execute(() -> networkThread = Thread.currentThread());
    }

    /**
     * Registers the providers and connects every switch, then its links and
     * hosts.
     *
     * @return this network
     */
    public SimulatedNetwork start() {
        call(() -> {
            if (started) {
                throw new IllegalStateException("Already started");
            }
            started = true;
            deviceService = registrations.register(DeviceProviderRegistry.class, deviceProvider);
            linkService = registrations.register(LinkProviderRegistry.class, linkProvider);
            hostService = registrations.register(HostProviderRegistry.class, hostProvider);
            flowService = registrations.register(FlowRuleProviderRegistry.class, flowProvider);
            meterService = registrations.registerIfPresent(MeterProviderRegistry.class, meterProvider)
                    .orElse(null);
            for (NetworkSpec.Switch s : spec.switches()) {
                switches.put(s.id(), new SimSwitch(s.id(), s.name(), s.ports()));
            }
            links.addAll(spec.links());
            hosts.addAll(spec.hosts());
            switches.values().forEach(this::connect);
            scheduleStats();
            portStatsTask = executor.scheduleAtFixedRate(this::pushPortStatistics,
                    SwitchReports.PORT_STATS_FIRST_POLL_MS, SwitchReports.PORT_STATS_INTERVAL_MS,
                    TimeUnit.MILLISECONDS);
            return null;
        });
        log.info("Simulated network up: {} switches, {} links, {} hosts",
                spec.switches().size(), spec.links().size(), spec.hosts().size());
        return this;
    }

    /** Stops statistics, unregisters the providers and stops the network thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            call(() -> {
                closed = true;
                if (statsTask != null) {
                    statsTask.cancel(false);
                }
                meterStats.stopAll();
                if (portStatsTask != null) {
                    portStatsTask.cancel(false);
                }
                if (started) {
                    registrations.unregisterAll();
                }
                return null;
            });
        } finally {
            closed = true;
            executor.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ admin

    /** @return ids of the simulated switches, in creation order */
    public List<DeviceId> deviceIds() {
        return call(() -> ImmutableList.copyOf(switches.keySet()));
    }

    /**
     * Returns whether a switch is connected.
     *
     * @param deviceId switch
     * @return true if up
     */
    public boolean isUp(DeviceId deviceId) {
        return call(() -> sw(deviceId).up);
    }

    /**
     * Disconnects a switch from ONOS. ONOS posts DEVICE_AVAILABILITY_CHANGED;
     * the switch's links and hosts vanish. Its flow table is kept.
     *
     * @param deviceId switch
     */
    public void deviceDown(DeviceId deviceId) {
        call(() -> {
            SimSwitch s = sw(deviceId);
            if (s.up) {
                disconnect(s);
            }
            return null;
        });
    }

    /**
     * Reconnects a switch: it is announced again with its ports, links, hosts
     * and current flow table.
     *
     * @param deviceId switch
     */
    public void deviceUp(DeviceId deviceId) {
        call(() -> {
            SimSwitch s = sw(deviceId);
            if (!s.up) {
                connect(s);
                pushStatistics(s, true);
            }
            return null;
        });
    }

    /**
     * Adds a switch (and connects it).
     *
     * @param deviceId id, e.g. {@code of:00000000000000aa}
     * @param ports    number of ports (1..n)
     */
    public void addSwitch(DeviceId deviceId, int ports) {
        call(() -> {
            if (switches.containsKey(deviceId)) {
                throw new IllegalArgumentException("Switch " + deviceId + " exists");
            }
            Set<PortNumber> p = new LinkedHashSet<>();
            for (int i = 1; i <= ports; i++) {
                p.add(PortNumber.portNumber(i));
            }
            SimSwitch s = new SimSwitch(deviceId, deviceId.toString(), p);
            switches.put(deviceId, s);
            connect(s);
            return null;
        });
    }

    /**
     * Takes a link down in both directions; ONOS posts LINK_REMOVED.
     *
     * @param one one end
     * @param two other end
     */
    public void linkDown(ConnectPoint one, ConnectPoint two) {
        call(() -> {
            NetworkSpec.Link l = link(one, two);
            if (linksDown.add(Set.of(l.one(), l.two()))) {
                linkService.linkVanished(new DefaultLinkDescription(l.one(), l.two(), Link.Type.DIRECT));
                linkService.linkVanished(new DefaultLinkDescription(l.two(), l.one(), Link.Type.DIRECT));
            }
            return null;
        });
    }

    /**
     * Brings a link back up (if both switches are up).
     *
     * @param one one end
     * @param two other end
     */
    public void linkUp(ConnectPoint one, ConnectPoint two) {
        call(() -> {
            NetworkSpec.Link l = link(one, two);
            linksDown.remove(Set.of(l.one(), l.two()));
            announceLink(l);
            return null;
        });
    }

    /**
     * Sets the batch acknowledgement latency of every switch without its own.
     *
     * @param latency latency (zero or more)
     */
    public void setAckLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("Negative latency");
        }
        this.ackLatency = latency;
    }

    /**
     * Sets one switch's acknowledgement latency.
     *
     * @param deviceId switch
     * @param latency  latency, or null to use the network's
     */
    public void setAckLatency(DeviceId deviceId, Duration latency) {
        if (latency == null) {
            deviceLatency.remove(deviceId);
        } else if (latency.isNegative()) {
            throw new IllegalArgumentException("Negative latency");
        } else {
            deviceLatency.put(deviceId, latency);
        }
    }

    /** @return the network's acknowledgement latency */
    public Duration ackLatency() {
        return ackLatency;
    }

    /**
     * Makes switches report the rules of every batch as flow statistics right
     * after the batch, so that ONOS marks them ADDED at once. ONOS's OpenFlow
     * provider does not do this (as ONOS 2.5.6 OpenFlowRuleProvider: rules
     * reach ADDED only at the next poll of FlowStatsCollector, every
     * flowPollFrequency = 5 s, adaptive sampling off by default), so it is off
     * unless a benchmark that counts ADDED rules turns it on.
     *
     * @param immediate whether to report at once
     */
    public void setImmediateStatistics(boolean immediate) {
        this.immediateStatistics = immediate;
    }

    /**
     * Tells whether switches send FLOW_REMOVED when ONOS deletes a rule (they
     * do by default, as ONOS sets SEND_FLOW_REM on every flow mod). Without
     * it ONOS keeps a deleted rule PENDING_REMOVE until the next flow
     * statistics leave it out (as ONOS 2.5.6 FlowRuleManager.flowMissing).
     *
     * @param send whether to send FLOW_REMOVED
     */
    public void setFlowRemovedMessages(boolean send) {
        this.flowRemovedMessages = send;
    }

    /**
     * Sets the interval of periodic flow statistics.
     *
     * @param interval interval (positive)
     */
    public void setStatsInterval(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("Interval must be positive");
        }
        this.statsInterval = interval;
        call(() -> {
            scheduleStats();
            return null;
        });
    }

    /**
     * Reports the port statistics of every connected switch now, as the
     * periodic poll does: ONOS posts PORT_STATS_UPDATED for each switch.
     */
    public void pollPortStatistics() {
        call(() -> {
            pushPortStatistics();
            return null;
        });
    }

    /** Pushes flow statistics of every connected switch now. */
    public void pollStatistics() {
        call(() -> {
            switches.values().stream().filter(s -> s.up).forEach(s -> pushStatistics(s, true));
            return null;
        });
    }

    /**
     * Makes switches refuse the flow rules a predicate selects (partial
     * batches: other rules of the same batch are installed). Applies to rules
     * being added or modified, until the returned refusal is closed.
     *
     * @param deviceId switch, or null for every switch
     * @param which    rules to refuse
     * @param reason   OpenFlow error reported to ONOS
     * @return the refusal (close it to lift it)
     */
    public Refusal refuse(DeviceId deviceId, Predicate<FlowRule> which, FlowModFailure reason) {
        return addRefusal(new Refusal(deviceId, which, reason, -1));
    }

    /**
     * Makes a switch refuse every rule it is sent (whole batches), until the
     * returned refusal is closed.
     *
     * @param deviceId switch, or null for every switch
     * @param reason   OpenFlow error reported to ONOS
     * @return the refusal
     */
    public Refusal refuseAll(DeviceId deviceId, FlowModFailure reason) {
        return addRefusal(new Refusal(deviceId, r -> true, reason, -1));
    }

    /**
     * Makes a switch refuse the next {@code count} rules it is sent.
     *
     * @param deviceId switch, or null for every switch
     * @param count    number of rules
     * @param reason   OpenFlow error reported to ONOS
     * @return the refusal (it ends by itself after {@code count} rules)
     */
    public Refusal refuseNext(DeviceId deviceId, int count, FlowModFailure reason) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        return addRefusal(new Refusal(deviceId, r -> true, reason, count));
    }

    /**
     * Tells a listener of every rule a switch accepts, at the moment it
     * accepts it (before ONOS hears the acknowledgement), on the network's
     * thread. The listener must be quick.
     *
     * @param listener receives each accepted rule
     */
    public void addAckListener(Consumer<FlowRule> listener) {
        ackListeners.add(requireNonNull(listener));
    }

    /**
     * Stops telling a listener of accepted rules.
     *
     * @param listener a listener added before
     */
    public void removeAckListener(Consumer<FlowRule> listener) {
        ackListeners.remove(listener);
    }

    private void acknowledged(FlowRule rule) {
        for (Consumer<FlowRule> l : ackListeners) {
            try {
                l.accept(rule);
            } catch (RuntimeException e) {
                log.warn("Acknowledgement listener failed", e);
            }
        }
    }

    /** Lifts every refusal. */
    public void clearRefusals() {
        refusals.clear();
    }

    /**
     * Returns the rules a switch holds, as ADDED flow entries.
     *
     * @param deviceId switch
     * @return its flow table
     */
    public List<FlowEntry> flowTable(DeviceId deviceId) {
        return call(() -> sw(deviceId).entries());
    }

    /**
     * Waits until every batch or rule already sent to the switches has been
     * answered.
     *
     * @param timeout how long to wait at most
     * @return true if nothing is in flight any more
     * @throws InterruptedException if interrupted
     */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** A standing instruction to refuse flow rules. */
    public final class Refusal implements AutoCloseable {
        private final DeviceId deviceId;
        private final Predicate<FlowRule> which;
        private final FlowModFailure reason;
        private final AtomicInteger remaining;
        private final AtomicInteger refused = new AtomicInteger();

        private Refusal(DeviceId deviceId, Predicate<FlowRule> which, FlowModFailure reason, int count) {
            this.deviceId = deviceId;
            this.which = requireNonNull(which);
            this.reason = requireNonNull(reason);
            this.remaining = new AtomicInteger(count);
        }

        /** @return how many rules this refusal has refused so far */
        public int refusedCount() {
            return refused.get();
        }

        /** @return the error it reports */
        public FlowModFailure reason() {
            return reason;
        }

        // Returns true if this refusal takes the rule.
        private boolean take(FlowRule rule) {
            if (deviceId != null && !deviceId.equals(rule.deviceId())) {
                return false;
            }
            if (!which.test(rule)) {
                return false;
            }
            if (remaining.get() < 0) {
                refused.incrementAndGet();
                return true;
            }
            if (remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
                refused.incrementAndGet();
                if (remaining.get() == 0) {
                    refusals.remove(this);
                }
                return true;
            }
            return false;
        }

        /** Lifts this refusal. */
        @Override
        public void close() {
            refusals.remove(this);
        }
    }

    // ------------------------------------------------------------ internals

    private Refusal addRefusal(Refusal r) {
        refusals.add(r);
        return r;
    }

    private Optional<FlowModFailure> refusal(FlowRule rule) {
        for (Refusal r : refusals) {
            if (r.take(rule)) {
                return Optional.of(r.reason);
            }
        }
        return Optional.empty();
    }

    private SimSwitch sw(DeviceId deviceId) {
        SimSwitch s = switches.get(deviceId);
        if (s == null) {
            throw new IllegalArgumentException("No simulated switch " + deviceId);
        }
        return s;
    }

    private NetworkSpec.Link link(ConnectPoint one, ConnectPoint two) {
        return links.stream().filter(l -> (l.one().equals(one) && l.two().equals(two))
                || (l.one().equals(two) && l.two().equals(one))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No link " + one + " - " + two));
    }

    private Duration latencyFor(DeviceId deviceId) {
        return deviceLatency.getOrDefault(deviceId, ackLatency);
    }

    // Runs work on the network thread and waits for it.
    private <T> T call(Callable<T> work) {
        if (Thread.currentThread() == networkThread) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (executor.isShutdown()) {
            throw new IllegalStateException("The simulated network is closed");
        }
        try {
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
            throw new IllegalStateException("The simulated network did not answer in time", e);
        }
    }

    // Runs work on the network thread after a delay, counting it as in flight.
    private void later(Duration delay, Runnable work) {
        if (closed) {
            return;
        }
        inFlight.incrementAndGet();
        try {
            executor.schedule(() -> {
                try {
                    if (!closed) {
                        work.run();
                    }
                } catch (RuntimeException e) {
                    log.warn("Simulated network task failed", e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            log.debug("Network closed; dropping task", e);
        }
    }

    private void scheduleStats() {
        if (statsTask != null) {
            statsTask.cancel(false);
        }
        long ms = statsInterval.toMillis();
        statsTask = executor.scheduleWithFixedDelay(() -> {
            try {
                if (!closed) {
                    switches.values().stream().filter(s -> s.up).forEach(s -> pushStatistics(s, true));
                }
            } catch (RuntimeException e) {
                log.warn("Flow statistics failed", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    // Announces a switch, its ports, and the links and hosts it completes.
    private void connect(SimSwitch s) {
        s.up = true;
        s.connectedAt = System.currentTimeMillis();
        DefaultAnnotations annotations = DefaultAnnotations.builder()
                .set(AnnotationKeys.NAME, s.name)
                .set(AnnotationKeys.PROTOCOL, "OF_13")
                .set(AnnotationKeys.MANAGEMENT_ADDRESS, "127.0.0.1")
                .set("channelId", "127.0.0.1:" + (40000 + (s.dpid & 0x3fff)))
                .build();
        deviceService.deviceConnected(s.id, new DefaultDeviceDescription(URI.create(s.id.toString()),
                Device.Type.SWITCH, "FlowSocket", "Simulated switch", "1.0",
                String.valueOf(s.dpid), new ChassisId(s.dpid), annotations));
        deviceService.updatePorts(s.id, s.portDescriptions());
        if (meterService != null) {
            meterService.pushMeterFeatures(s.id, meterFeatures(s.id));
            meterStats.start(s.id, () -> pushMeterStatistics(s));
        }
        for (NetworkSpec.Link l : links) {
            if (l.one().deviceId().equals(s.id) || l.two().deviceId().equals(s.id)) {
                announceLink(l);
            }
        }
        for (NetworkSpec.Host h : hosts) {
            if (h.location().deviceId().equals(s.id)) {
                hostService.hostDetected(HostId.hostId(h.mac(), h.vlan()),
                        new DefaultHostDescription(h.mac(), h.vlan(),
                                new HostLocation(h.location(), System.currentTimeMillis()), h.ips()),
                        false);
            }
        }
    }

    // As in ONOS 2.5.6: the OpenFlow device provider reports the switch gone
    // (DEVICE_AVAILABILITY_CHANGED); the LLDP link provider and the host
    // location provider react to that event (LldpLinkProvider: linksVanished;
    // HostLocationProvider.processDeviceDown), so the switch's links and
    // hosts go after it.
    private void disconnect(SimSwitch s) {
        s.up = false;
        meterStats.stop(s.id);
        deviceService.deviceDisconnected(s.id);
        linkService.linksVanished(s.id);
        for (NetworkSpec.Host h : hosts) {
            if (h.location().deviceId().equals(s.id)) {
                hostService.hostVanished(HostId.hostId(h.mac(), h.vlan()));
            }
        }
    }

    private void announceLink(NetworkSpec.Link l) {
        SimSwitch a = switches.get(l.one().deviceId());
        SimSwitch b = switches.get(l.two().deviceId());
        if (a == null || b == null || !a.up || !b.up || linksDown.contains(Set.of(l.one(), l.two()))) {
            return;
        }
        linkService.linkDetected(new DefaultLinkDescription(l.one(), l.two(), Link.Type.DIRECT));
        linkService.linkDetected(new DefaultLinkDescription(l.two(), l.one(), Link.Type.DIRECT));
    }

    // As ONOS 2.5.6 OpenFlowDeviceProvider.pushPortMetrics: every port of
    // every connected switch, through DeviceProviderService.updatePortStatistics.
    private void pushPortStatistics() {
        if (closed) {
            return;
        }
        long now = System.currentTimeMillis();
        for (SimSwitch s : switches.values()) {
            if (s.up) {
                deviceService.updatePortStatistics(s.id,
                        SwitchReports.portStatistics(s.id, s.ports.keySet(), s.connectedAt, now));
            }
        }
    }

    // Reports a switch's table; expires timed-out rules first.
    private void pushStatistics(SimSwitch s, boolean reconcile) {
        long now = System.currentTimeMillis();
        for (Installed i : new ArrayList<>(s.table.values())) {
            FlowEntry.FlowRemoveReason reason = i.expiry(now);
            if (reason != null) {
                s.table.remove(i.rule);
                flowService.flowRemoved(new DefaultFlowEntry(withReason(i.rule, reason),
                        FlowEntryState.REMOVED, i.lifeSeconds(now), 0, 0));
            }
        }
        if (reconcile) {
            flowService.pushFlowMetrics(s.id, s.entries());
        } else {
            flowService.pushFlowMetricsWithoutFlowMissing(s.id, s.entries());
        }
    }

    /** Meters a simulated switch supports, announced when it connects. */
    public static final int METERS_PER_SWITCH = 1024;

    private static MeterFeatures meterFeatures(DeviceId deviceId) {
        return MeterRelease.onClassPath().build(DefaultMeterFeatures.builder()
                .forDevice(deviceId)
                .withMaxMeters(METERS_PER_SWITCH)
                .withMaxBands((short) 2)
                .withMaxColors((short) 8)
                .withBandTypes(Set.of(Band.Type.DROP, Band.Type.REMARK))
                .withUnits(Set.of(Meter.Unit.KB_PER_SEC, Meter.Unit.PKTS_PER_SEC))
                .hasBurst(true)
                .hasStats(true)
                .withFeatures(Set.of()), METERS_PER_SWITCH);
    }

    /**
     * Sets how often each switch's meter statistics are read, ONOS's
     * {@code meterStatsPollInterval} (default 10 s): ONOS reports a meter
     * ADDED, and completes its MeterContext, only on such a read.
     *
     * @param interval positive interval
     */
    public void setMeterStatsInterval(Duration interval) {
        call(() -> {
            meterStats.setInterval(interval);
            return null;
        });
    }

    /** @return how often each switch's meter statistics are read */
    public Duration meterStatsInterval() {
        return meterStats.interval();
    }

    /**
     * Adds a listener told, on the network thread, right before a switch's
     * periodic meter statistics are pushed to ONOS.
     *
     * @param listener receives the switch's id
     */
    public void addMeterStatsListener(Consumer<DeviceId> listener) {
        meterStats.addListener(listener);
    }

    private void pushMeterStatistics(SimSwitch s) {
        if (!closed && s.up) {
            meterService.pushMeterMetrics(s.id, s.meterEntries());
        }
    }

    // Applies a meter operation on a switch. As ONOS 2.5.6 OpenFlowMeterProvider:
    // a refusal fails the operation at once, an addition is confirmed only by
    // the next statistics read, and a removal is followed by a read at once
    // (forceStatsAfterMeterRemoval, default true).
    private void applyMeter(DeviceId deviceId, MeterOperation op) {
        SimSwitch s = switches.get(deviceId);
        if (s == null || !s.up) {
            // performMeterOperation: no connected switch for the device.
            meterService.meterOperationFailed(op, MeterFailReason.UNKNOWN_DEVICE);
            return;
        }
        Meter meter = op.meter();
        switch (op.type()) {
            case ADD:
            case MODIFY:
                if (op.type() == MeterOperation.Type.ADD && s.meters.containsKey(meter.meterCellId())
                        && !sameMeter(s.meters.get(meter.meterCellId()), meter)) {
                    meterService.meterOperationFailed(op, MeterFailReason.EXISTING_METER);
                    return;
                }
                if (s.meters.size() >= METERS_PER_SWITCH && !s.meters.containsKey(meter.meterCellId())) {
                    meterService.meterOperationFailed(op, MeterFailReason.OUT_OF_METERS);
                    return;
                }
                s.meters.put(meter.meterCellId(), new InstalledMeter(meter, System.currentTimeMillis()));
                break;
            case REMOVE:
                s.meters.remove(meter.meterCellId());
                pushMeterStatistics(s);
                break;
            default:
                meterService.meterOperationFailed(op, MeterFailReason.UNKNOWN_COMMAND);
        }
    }

    private static boolean sameMeter(InstalledMeter installed, Meter meter) {
        return installed.meter.unit() == meter.unit() && installed.meter.isBurst() == meter.isBurst()
                && installed.meter.bands().equals(meter.bands());
    }

    // A meter in a switch's meter table.
    private static final class InstalledMeter {
        final Meter meter;
        final long since;

        InstalledMeter(Meter meter, long since) {
            this.meter = meter;
            this.since = since;
        }

        Meter report(long now) {
            return SwitchReports.installedMeter(meter, since, now);
        }
    }

    // Applies a batch on a switch and answers it, as after a barrier reply.
    private void executeBatch(FlowRuleBatchOperation batch) {
        DeviceId deviceId = batch.deviceId();
        SimSwitch s = switches.get(deviceId);
        Set<FlowRule> failed = new LinkedHashSet<>();
        List<FlowRule> removed = new ArrayList<>();
        List<FlowRule> installed = new ArrayList<>();
        if (s == null || !s.up) {
            batch.getOperations().forEach(e -> failed.add(e.target()));
            log.debug("Batch {} for unreachable {} fails", batch.id(), deviceId);
        } else {
            for (FlowRuleBatchEntry e : batch.getOperations()) {
                FlowRule rule = e.target();
                switch (e.operator()) {
                    case ADD:
                    case MODIFY:
                        Optional<FlowModFailure> refused = refusal(rule);
                        if (refused.isPresent()) {
                            failed.add(new DefaultFlowEntry(rule, FlowModFailure.ERROR_TYPE,
                                    refused.get().code()));
                        } else {
                            s.install(rule);
                            installed.add(rule);
                            acknowledged(rule);
                        }
                        break;
                    case REMOVE:
                        Installed gone = s.table.remove(rule);
                        if (gone != null) {
                            removed.add(gone.rule);
                        }
                        break;
                    default:
                        failed.add(new DefaultFlowEntry(rule, FlowModFailure.ERROR_TYPE,
                                FlowModFailure.BAD_COMMAND.code()));
                }
            }
        }
        // As ONOS 2.5.6 FlowModBuilderVer13 sets SEND_FLOW_REM on every flow mod,
        // a switch sends FLOW_REMOVED for each deleted rule before the barrier
        // reply, and OpenFlowRuleProvider handles them in that order.
        if (flowRemovedMessages) {
            removed.forEach(r -> flowService.flowRemoved(new DefaultFlowEntry(r, FlowEntryState.REMOVED, 0, 0, 0)));
        }
        flowService.batchOperationCompleted(batch.id(),
                new CompletedBatchOperation(failed.isEmpty(), failed, deviceId));
        if (s != null && s.up && immediateStatistics) {
            reportSoon(s, installed);
        }
        log.trace("Batch {} on {} done", batch.id(), deviceId);
    }

    private void applyRules(Collection<FlowRule> rules) {
        Map<SimSwitch, List<FlowRule>> installed = new LinkedHashMap<>();
        for (FlowRule rule : rules) {
            SimSwitch s = switches.get(rule.deviceId());
            if (s == null || !s.up) {
                continue;
            }
            Optional<FlowModFailure> refused = refusal(rule);
            if (refused.isPresent()) {
                log.debug("{} refused {}: {}", s.id, rule.id(), refused.get());
            } else {
                s.install(rule);
                installed.computeIfAbsent(s, k -> new ArrayList<>()).add(rule);
                acknowledged(rule);
            }
        }
        if (immediateStatistics) {
            installed.forEach(this::reportSoon);
        }
    }

    // Reports the rules a switch has just installed as flow statistics, so
    // that ONOS moves them to ADDED. ONOS reads its whole table of the device
    // for every report, so a report per batch would cost the table's size per
    // batch. A switch reports at once while that is cheap; otherwise once
    // the rules waiting are half its table (a few table entries per rule),
    // or when 20 times as long as its last report took has passed (under a
    // twentieth of the thread's time). Only these rules are
    // reported: rules ONOS is still removing (PENDING_REMOVE) are not, as
    // ONOS answers each such report with another removal. The periodic
    // statistics report the whole table. (The moment a switch accepts a rule
    // is its acknowledgement, which addAckListener tells as it happens.)
    private void reportSoon(SimSwitch s, List<FlowRule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        s.toReport.addAll(rules);
        long wait = s.toReport.size() * 2L >= s.table.size() ? 0
                : Math.max(0, s.nextReportNanos - System.nanoTime());
        if (wait == 0 && !s.reportNowScheduled) {
            s.reportNowScheduled = true;
            later(Duration.ZERO, () -> {
                s.reportNowScheduled = false;
                reportNow(s);
            });
        } else if (wait > 0 && !s.reportLaterScheduled) {
            s.reportLaterScheduled = true;
            later(Duration.ofNanos(wait), () -> reportLater(s));
        }
    }

    // A report that waited for the switch's turn; another report may have
    // been made meanwhile, and then this one waits for the next turn.
    private void reportLater(SimSwitch s) {
        long wait = s.nextReportNanos - System.nanoTime();
        if (wait > 0 && !s.toReport.isEmpty()) {
            later(Duration.ofNanos(wait), () -> reportLater(s));
            return;
        }
        s.reportLaterScheduled = false;
        reportNow(s);
    }

    private void reportNow(SimSwitch s) {
        if (!s.up || s.toReport.isEmpty()) {
            s.toReport.clear();
            return;
        }
        long start = System.nanoTime();
        long now = System.currentTimeMillis();
        List<FlowEntry> entries = new ArrayList<>(s.toReport.size());
        for (FlowRule rule : s.toReport) {
            Installed i = s.table.get(rule);
            if (i != null) {
                entries.add(new DefaultFlowEntry(i.rule, FlowEntryState.ADDED, i.lifeSeconds(now), 0, 0));
            }
        }
        s.toReport.clear();
        flowService.pushFlowMetricsWithoutFlowMissing(s.id, entries);
        long end = System.nanoTime();
        s.nextReportNanos = end + 20 * (end - start);
    }

    private void removeRules(Collection<FlowRule> rules) {
        for (FlowRule rule : rules) {
            SimSwitch s = switches.get(rule.deviceId());
            if (s == null || !s.up) {
                continue;
            }
            Installed gone = s.table.remove(rule);
            if (gone != null && flowRemovedMessages) {
                flowService.flowRemoved(new DefaultFlowEntry(gone.rule, FlowEntryState.REMOVED, 0, 0, 0));
            }
        }
    }

    // A rule in a switch's table.
    private static final class Installed {
        final FlowRule rule;
        final long since;

        Installed(FlowRule rule, long since) {
            this.rule = rule;
            this.since = since;
        }

        long lifeSeconds(long now) {
            return Math.max(0, (now - since) / 1000);
        }

        FlowEntry.FlowRemoveReason expiry(long now) {
            if (rule.isPermanent()) {
                return null;
            }
            long age = now - since;
            if (rule.hardTimeout() > 0 && age >= rule.hardTimeout() * 1000L) {
                return FlowEntry.FlowRemoveReason.HARD_TIMEOUT;
            }
            if (rule.timeout() > 0 && age >= rule.timeout() * 1000L) {
                return FlowEntry.FlowRemoveReason.IDLE_TIMEOUT;
            }
            return null;
        }
    }

    // A simulated switch.
    private static final class SimSwitch {
        final DeviceId id;
        final String name;
        final long dpid;
        final Map<PortNumber, Boolean> ports = new LinkedHashMap<>();
        /** Keyed by the rule: equal match, priority and table overwrite, as in OpenFlow. */
        final Map<FlowRule, Installed> table = new LinkedHashMap<>();
        final Map<MeterCellId, InstalledMeter> meters = new LinkedHashMap<>();
        /** Rules installed since the last report of installed rules. */
        final Set<FlowRule> toReport = new LinkedHashSet<>();
        boolean reportNowScheduled;
        boolean reportLaterScheduled;
        long nextReportNanos;
        boolean up;
        long connectedAt;

        SimSwitch(DeviceId id, String name, Set<PortNumber> ports) {
            this.id = id;
            this.name = name;
            long d;
            try {
                d = Long.parseUnsignedLong(id.uri().getSchemeSpecificPart(), 16);
            } catch (NumberFormatException e) {
                d = id.hashCode() & 0xffffffffL;
            }
            this.dpid = d;
            ports.forEach(p -> this.ports.put(p, true));
        }

        void install(FlowRule rule) {
            Installed previous = table.remove(rule);
            long since = previous != null && previous.rule.exactMatch(rule)
                    ? previous.since : System.currentTimeMillis();
            table.put(rule, new Installed(rule, since));
        }

        List<FlowEntry> entries() {
            long now = System.currentTimeMillis();
            List<FlowEntry> out = new ArrayList<>(table.size());
            table.values().forEach(i -> out.add(new DefaultFlowEntry(i.rule, FlowEntryState.ADDED,
                    i.lifeSeconds(now), 0, 0)));
            return out;
        }

        List<Meter> meterEntries() {
            long now = System.currentTimeMillis();
            List<Meter> out = new ArrayList<>(meters.size());
            meters.values().forEach(m -> out.add(m.report(now)));
            return out;
        }

        List<PortDescription> portDescriptions() {
            List<PortDescription> out = new ArrayList<>();
            ports.forEach((n, enabled) -> out.add(portDescription(n, enabled)));
            return out;
        }

        PortDescription portDescription(PortNumber n, boolean enabled) {
            String portName = name + "-eth" + n.toLong();
            return DefaultPortDescription.builder()
                    .withPortNumber(n)
                    .isEnabled(enabled)
                    .type(Port.Type.COPPER)
                    .portSpeed(10_000)
                    .annotations(DefaultAnnotations.builder()
                            .set(AnnotationKeys.PORT_NAME, portName).build())
                    .build();
        }
    }

    // ------------------------------------------------------------- providers

    private final class InternalDeviceProvider extends AbstractProvider implements DeviceProvider {
        InternalDeviceProvider() {
            super(PROVIDER_ID);
        }

        @Override
        public void triggerProbe(DeviceId deviceId) {
            later(Duration.ZERO, () -> {
                SimSwitch s = switches.get(deviceId);
                if (s != null && s.up) {
                    deviceService.updatePorts(deviceId, s.portDescriptions());
                }
            });
        }

        @Override
        public void roleChanged(DeviceId deviceId, MastershipRole newRole) {
            // The switch accepts the role and says so, as an OpenFlow switch
            // answers a role request.
            later(Duration.ZERO, () -> {
                SimSwitch s = switches.get(deviceId);
                if (s != null && s.up) {
                    deviceService.receivedRoleReply(deviceId, newRole, newRole);
                }
            });
        }

        @Override
        public boolean isReachable(DeviceId deviceId) {
            SimSwitch s = switches.get(deviceId);
            return s != null && s.up;
        }

        @Override
        public void changePortState(DeviceId deviceId, PortNumber portNumber, boolean enable) {
            later(Duration.ZERO, () -> {
                SimSwitch s = switches.get(deviceId);
                if (s != null && s.up && s.ports.containsKey(portNumber)) {
                    s.ports.put(portNumber, enable);
                    deviceService.portStatusChanged(deviceId, s.portDescription(portNumber, enable));
                }
            });
        }

        @Override
        public void triggerDisconnect(DeviceId deviceId) {
            later(Duration.ZERO, () -> {
                SimSwitch s = switches.get(deviceId);
                if (s != null && s.up) {
                    disconnect(s);
                    connect(s);
                }
            });
        }
    }

    private final class InternalLinkProvider extends AbstractProvider implements LinkProvider {
        InternalLinkProvider() {
            super(PROVIDER_ID);
        }
    }

    private final class InternalHostProvider extends AbstractProvider implements HostProvider {
        InternalHostProvider() {
            super(PROVIDER_ID);
        }

        @Override
        public void triggerProbe(org.onosproject.net.Host host) {
            // Hosts are announced when their switch connects; nothing to probe.
        }
    }

    private final class InternalFlowRuleProvider extends AbstractProvider implements FlowRuleProvider {
        InternalFlowRuleProvider() {
            super(PROVIDER_ID);
        }

        @Override
        public void applyFlowRule(FlowRule... flowRules) {
            List<FlowRule> rules = List.of(flowRules);
            if (!rules.isEmpty()) {
                later(latencyFor(rules.get(0).deviceId()), () -> applyRules(rules));
            }
        }

        @Override
        public void removeFlowRule(FlowRule... flowRules) {
            List<FlowRule> rules = List.of(flowRules);
            if (!rules.isEmpty()) {
                later(latencyFor(rules.get(0).deviceId()), () -> removeRules(rules));
            }
        }

        @Override
        public void executeBatch(FlowRuleBatchOperation batch) {
            later(latencyFor(batch.deviceId()), () -> SimulatedNetwork.this.executeBatch(batch));
        }
    }

    private final class InternalMeterProvider extends AbstractProvider implements MeterProvider {
        InternalMeterProvider() {
            super(PROVIDER_ID);
        }

        @Override
        public void performMeterOperation(DeviceId deviceId, MeterOperations meterOps) {
            List<MeterOperation> ops = List.copyOf(meterOps.operations());
            later(latencyFor(deviceId), () -> ops.forEach(op -> applyMeter(deviceId, op)));
        }

        @Override
        public void performMeterOperation(DeviceId deviceId, MeterOperation meterOp) {
            later(latencyFor(deviceId), () -> applyMeter(deviceId, meterOp));
        }
    }

    /**
     * Returns the meters a switch holds.
     *
     * @param deviceId switch
     * @return its meters, as the switch reports them
     */
    public List<Meter> meterTable(DeviceId deviceId) {
        return call(() -> sw(deviceId).meterEntries());
    }

    @Override
    public String toString() {
        return "SimulatedNetwork{" + spec.switches().size() + " switches}";
    }

    // The rule as a switch reports it in a flow-removed message.
    private static FlowRule withReason(FlowRule rule, FlowRule.FlowRemoveReason reason) {
        return SwitchReports.removedRule(rule, reason);
    }
}
