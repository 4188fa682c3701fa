/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.flowsocket.sandbox.southbound.ProviderRegistrations;
import org.flowsocket.sandbox.southbound.SouthboundThread;
import org.flowsocket.sandbox.southbound.SwitchReports;
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceProviderRegistry;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowRuleProviderRegistry;
import org.onosproject.net.flow.FlowRuleProviderService;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.link.LinkProviderRegistry;
import org.onosproject.net.meter.MeterProviderRegistry;
import org.onosproject.net.provider.ProviderId;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The sandbox's OpenFlow 1.3 southbound: real switches (e.g. Open vSwitch)
 * connect to it over TCP and become ONOS devices, and ONOS's flow rules and
 * meters are programmed on them. It registers with ONOS's core as the device,
 * link, host, flow rule and meter provider of the {@code of} URI scheme, as
 * ONOS's own OpenFlow providers do (which are not published for ONOS 2.x):
 * <ul>
 * <li>per switch: HELLO, FEATURES_REQUEST (datapath id: device
 * {@code of:<16 hex digits>}), SET_CONFIG, DESC and PORT_DESC, ECHO both
 * ways; PORT_STATUS updates ports; a closed or silent connection
 * disconnects the device ({@link OfDeviceProvider});</li>
 * <li>flow rule batches as FLOW_MODs and a barrier, confirmed on the barrier
 * reply, refused rules named by the switch's ERROR ({@link OfFlowRuleProvider},
 * translation in {@link FlowModBuilder});</li>
 * <li>flow statistics every {@link #DEFAULT_STATS_INTERVAL_MS} ms and after
 * each barrier ({@link FlowStatsCollector});</li>
 * <li>meters as METER_MODs, confirmed by meter statistics read every
 * {@link #setMeterStatsInterval(Duration)} ({@link OfMeterProvider});</li>
 * <li>links and hosts from the topology file ({@link StaticTopology}): there
 * is no LLDP discovery, but a link vanishes while one of its ports is down,
 * as with ONOS's LLDP link provider.</li>
 * </ul>
 * The {@code of} scheme has one provider in ONOS: this southbound and the
 * simulated network do not run together.
 * <p>
 * All work with ONOS and with switch state happens on one thread
 * ("sandbox-openflow"); Netty's I/O thread only decodes, encodes and answers
 * echo requests.
 */
public final class OpenFlowSouthbound implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenFlowSouthbound.class);

    /** Provider id of the southbound's providers (scheme "of"). */
    public static final ProviderId PROVIDER_ID = new ProviderId("of", "org.flowsocket.sandbox.openflow");

    private static final String CORE_APP = "org.onosproject.core";

    /** The IANA OpenFlow port. */
    public static final int DEFAULT_PORT = 6653;

    /** Default flow statistics interval in milliseconds. */
    public static final long DEFAULT_STATS_INTERVAL_MS = SwitchReports.FLOW_STATS_INTERVAL_MS;

    private final ServiceRegistry services;
    private final SouthboundThread thread;
    private final InetSocketAddress address;

    /** Connected switches (handshake done), written on the southbound's thread. */
    private final Map<DeviceId, SwitchSession> sessions = new ConcurrentHashMap<>();

    private final OfDeviceProvider devices;
    private final StaticTopology links;
    private final OfFlowRuleProvider flows;
    private final OfMeterProvider meters;
    private FlowStatsCollector stats;
    private OpenFlowServer server;

    /**
     * Creates the southbound; nothing listens until {@link #start()}.
     *
     * @param services the core's services (provider registries are looked up there)
     * @param topology links and hosts between the switches, and their names
     *                 (its devices are not simulated: they are expected to connect)
     * @param address  address and port to listen on (port 0: any free port)
     */
    public OpenFlowSouthbound(ServiceRegistry services, NetworkSpec topology, InetSocketAddress address) {
        this.services = requireNonNull(services);
        this.thread = new SouthboundThread("sandbox-openflow", "The OpenFlow southbound", services);
        this.address = requireNonNull(address);
        Map<DeviceId, String> names = new LinkedHashMap<>();
        topology.switches().forEach(s -> names.put(s.id(), s.name()));
        this.devices = new OfDeviceProvider(this, names);
        this.links = new StaticTopology(topology, sessions.keySet(), this::execute);
        this.meters = new OfMeterProvider(this, thread.meterStats());
        this.flows = new OfFlowRuleProvider(this, new FlowModBuilder());
    }

    /**
     * Registers the providers with ONOS and starts listening for switches.
     *
     * @return this southbound
     * @throws Exception if the port cannot be bound
     */
    public OpenFlowSouthbound start() throws Exception {
        thread.start(() -> {
            ProviderRegistrations registrations = thread.registrations();
            devices.setService(registrations.register(DeviceProviderRegistry.class, devices));
            links.activate(registrations.register(LinkProviderRegistry.class, links),
                    registrations.register(HostProviderRegistry.class, links), services.get(DeviceService.class));
            FlowRuleProviderService flowService = registrations.register(FlowRuleProviderRegistry.class, flows);
            stats = new FlowStatsCollector(flows, flowService);
            flows.setService(flowService, stats);
            // As OpenFlowMeterProvider.buildMeters: reported meters belong to ONOS's core application.
            registrations.registerIfPresent(MeterProviderRegistry.class, meters).ifPresent(s -> meters.setService(s,
                    services.find(CoreService.class).map(c -> c.getAppId(CORE_APP)).orElse(null)));
        });
        try {
            server = new OpenFlowServer(address, ch -> new OfChannelHandler(new SwitchSession(ch, this)));
        } catch (Exception e) {
            close();
            throw e;
        }
        thread.scheduleFlowStatistics(this::pollAll);
        // The first poll of each switch is soon after it connects (ready).
        thread.schedulePortStatistics(SwitchReports.PORT_STATS_INTERVAL_MS,
                () -> sessions.values().forEach(devices::pollPortStatistics));
        log.info("OpenFlow 1.3 southbound listening on {}", server.localAddress());
        return this;
    }

    /**
     * Unregisters the providers (the switches' devices stay in ONOS's store,
     * as when ONOS stops), closes every switch connection, stops the threads.
     */
    @Override
    public void close() {
        links.deactivate();
        thread.close(() -> {
            if (server != null) {
                server.close();
            }
        });
    }

    // ------------------------------------------------------------------ admin

    /** @return the address switches connect to (with the port actually bound) */
    public InetSocketAddress address() {
        return server == null ? address : server.localAddress();
    }

    /** @return the switches connected now (handshake done) */
    public Set<DeviceId> connectedDevices() {
        return Set.copyOf(sessions.keySet());
    }

    /**
     * Waits until at least {@code count} switches are connected.
     *
     * @param count   number of switches
     * @param timeout how long to wait at most
     * @return true if they are
     * @throws InterruptedException if interrupted
     */
    public boolean awaitDevices(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sessions.size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Reads every connected switch's flow table now and reports it to ONOS. */
    public void pollStatistics() {
        thread.run(this::pollAll);
    }

    /**
     * Sets the interval of periodic flow statistics.
     *
     * @param interval interval (positive)
     */
    public void setStatsInterval(Duration interval) {
        thread.setFlowStatsInterval(interval);
    }

    /**
     * Sets the interval of periodic port statistics, ONOS's
     * {@code portStatsPollFrequency} (default 5 s).
     *
     * @param interval interval (positive)
     */
    public void setPortStatsInterval(Duration interval) {
        thread.setPortStatsInterval(interval);
    }

    /**
     * Sets how often each switch's meter statistics are read, ONOS's
     * {@code meterStatsPollInterval} (default 10 s): ONOS reports a meter
     * ADDED, and completes its MeterContext, only on such a read.
     *
     * @param interval positive interval
     */
    public void setMeterStatsInterval(Duration interval) {
        thread.run(() -> thread.meterStats().setInterval(interval));
    }

    /** @return how often each switch's meter statistics are read */
    public Duration meterStatsInterval() {
        return thread.meterStats().interval();
    }

    /**
     * Drops a switch's connection (the switch will usually reconnect).
     *
     * @param deviceId switch
     */
    public void disconnect(DeviceId deviceId) {
        thread.run(() -> session(deviceId).ifPresent(SwitchSession::disconnect));
    }

    @Override
    public String toString() {
        return "OpenFlowSouthbound{" + address() + ", " + sessions.size() + " switches}";
    }

    // --------------------------------------------------- for the other classes

    Optional<SwitchSession> session(DeviceId deviceId) {
        return Optional.ofNullable(sessions.get(deviceId));
    }

    /** Runs work on the southbound's thread. */
    void execute(Runnable work) {
        thread.execute(work);
    }

    ScheduledFuture<?> schedule(Runnable work, long delay, TimeUnit unit) {
        return thread.schedule(work, delay, unit);
    }

    /** A switch finished its handshake. */
    void ready(SwitchSession s) {
        if (thread.isClosed()) {
            s.disconnect();
            return;
        }
        SwitchSession previous = sessions.put(s.deviceId(), s);
        if (previous != null && previous != s) {
            log.warn("{} connected again from {}; dropping its older connection", s, s.remoteAddress());
            previous.disconnect();
        }
        devices.connected(s);
        links.connected(s.deviceId(), OfDeviceProvider.ports(s.ports()));
        meters.connected(s);
        // ONOS re-sends the rules it has for the switch that the table lacks.
        stats.poll(s, true);
        // ONOS's PortStatsCollector polls a switch's ports first soon after it connects.
        schedule(() -> devices.pollPortStatistics(s), SwitchReports.PORT_STATS_FIRST_POLL_MS,
                TimeUnit.MILLISECONDS);
    }

    /** A switch's connection ended. */
    void gone(SwitchSession s) {
        if (!sessions.remove(s.deviceId(), s) || thread.isClosed()) {
            return;
        }
        meters.disconnected(s.deviceId());
        flows.disconnected(s.deviceId());
        // As in ONOS: the device goes first; the link and host providers react to it.
        devices.disconnected(s.deviceId());
        links.disconnected(s.deviceId());
    }

    /** A message from a connected switch that the session does not handle itself. */
    void dispatch(SwitchSession s, OFMessage m) {
        switch (m.getType()) {
            case FLOW_REMOVED:
                flows.flowRemoved(s, (OFFlowRemoved) m);
                break;
            case PORT_STATUS:
                devices.portStatus(s, (OFPortStatus) m);
                break;
            default:
                log.trace("{} sent {}", s, m.getType());
        }
    }

    private void pollAll() {
        for (SwitchSession s : sessions.values()) {
            stats.poll(s, true);
        }
    }
}
