/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.flowsocket.api.QosFlowService;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.flowsocket.sandbox.openflow.OpenFlowSouthbound;
import org.flowsocket.sandbox.southbound.MeterStatsSchedule;
import org.flowsocket.sandbox.southbound.SwitchReports;
import org.flowsocket.sandbox.web.FaultInjectionServlet;
import org.flowsocket.sandbox.web.SandboxUsers;
import org.flowsocket.sandbox.web.SandboxWebServer;
import org.flowsocket.sandbox.web.TrafficControlServlet;
import org.onosproject.net.topology.Topology;
import org.onosproject.net.topology.TopologyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the sandbox runs, started in order and stopped in reverse:
 * ONOS's core ({@link SandboxCore}), the simulated network
 * ({@link SimulatedNetwork}) or, instead, the OpenFlow 1.3 southbound that
 * real switches connect to ({@link OpenFlowSouthbound}), FlowSocket's component (through
 * {@link FlowSocketMount}), and the web server ({@link SandboxWebServer}).
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    private static final Duration TOPOLOGY_WAIT = Duration.ofSeconds(15);
    /** Path of the fault injection API ({@link FaultInjectionServlet}) within the control API. */
    public static final String FAULTS_PATH = "/v1";

    private final SandboxCore core;
    private final SimulatedNetwork network;
    private final OpenFlowSouthbound openflow;
    private final SandboxWebServer web;
    private final FlowTrafficControl traffic;
    private final Object flowSocket;
    private final Deque<AutoCloseable> toClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Sandbox(SandboxCore core, SimulatedNetwork network, OpenFlowSouthbound openflow,
                    SandboxWebServer web, Object flowSocket, FlowTrafficControl traffic,
                    Deque<AutoCloseable> toClose) {
        this.core = core;
        this.network = network;
        this.openflow = openflow;
        this.web = web;
        this.flowSocket = flowSocket;
        this.traffic = traffic;
        this.toClose = toClose;
    }

    /** @return a builder with the defaults: port 8181 on localhost, linear,3, default users */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of a {@link Sandbox}. */
    public static final class Builder {
        private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", SandboxWebServer.DEFAULT_PORT);
        private NetworkSpec topology = NetworkSpec.linear(3);
        private SandboxUsers users = SandboxUsers.defaults();
        private SandboxCore.EventDelivery events = SandboxCore.EventDelivery.DISPATCHER;
        private SandboxCore.Store store = SandboxCore.Store.RAFT;
        private String clusterMetadata;
        private Duration ackLatency = Duration.ofMillis(SimulatedNetwork.DEFAULT_ACK_LATENCY_MS);
        private boolean flowSocket = true;
        // ONOS's own executors: what a real ONOS runs (ONOS 2.5.6 FlowRuleManager).
        private SandboxCore.FlowRuleThreads flowRuleThreads = SandboxCore.FlowRuleThreads.ONOS;
        private boolean switchThreads;
        private InetSocketAddress openflow;
        private Duration meterStatsInterval = Duration.ofSeconds(MeterStatsSchedule.DEFAULT_INTERVAL_SECONDS);
        private Duration statsInterval = Duration.ofMillis(SwitchReports.FLOW_STATS_INTERVAL_MS);

        private Builder() {
        }

        /**
         * Runs the OpenFlow 1.3 southbound instead of the simulated network:
         * real switches connect to this address and become ONOS's devices;
         * the {@link #topology(NetworkSpec) topology} then only names them and
         * gives the links (and hosts) between them.
         *
         * @param address address and port to listen on for switches
         *                (e.g. 127.0.0.1:6653; port 0: any free port), or null
         *                for the simulated network
         * @return this builder
         */
        public Builder openflow(InetSocketAddress address) {
            this.openflow = address;
            return this;
        }

        /**
         * @param address address and port to listen on (port 0: any free port)
         * @return this builder
         */
        public Builder bind(InetSocketAddress address) {
            this.bind = address;
            return this;
        }

        /**
         * @param spec the simulated network
         * @return this builder
         */
        public Builder topology(NetworkSpec spec) {
            this.topology = spec;
            return this;
        }

        /**
         * @param users users allowed in
         * @return this builder
         */
        public Builder users(SandboxUsers users) {
            this.users = users;
            return this;
        }

        /**
         * @param delivery how ONOS delivers events (default: ONOS's dispatcher threads)
         * @return this builder
         */
        public Builder eventDelivery(SandboxCore.EventDelivery delivery) {
            this.events = delivery;
            return this;
        }

        /**
         * @param kind the store behind ONOS's StorageService (default: ONOS's
         *             StorageManager on an embedded Raft group)
         * @return this builder
         */
        public Builder store(SandboxCore.Store kind) {
            this.store = kind;
            return this;
        }

        /**
         * @param uri ONOS cluster metadata file naming this node and the
         *            others (see {@link SandboxCore.Builder#clusterMetadata}),
         *            or null for a cluster of one
         * @return this builder
         */
        public Builder clusterMetadata(String uri) {
            this.clusterMetadata = uri;
            return this;
        }

        /**
         * @param latency switches' batch acknowledgement latency
         * @return this builder
         */
        public Builder ackLatency(Duration latency) {
            this.ackLatency = latency;
            return this;
        }

        /**
         * @param interval how often ONOS reads the switches' flow and port
         *                 statistics, its OpenFlow {@code flowPollFrequency}
         *                 and {@code portStatsPollFrequency} (default 5 s)
         * @return this builder
         */
        public Builder statsInterval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("the statistics interval must be positive");
            }
            this.statsInterval = interval;
            return this;
        }

        public Builder meterStatsInterval(Duration interval) {
            this.meterStatsInterval = interval;
            return this;
        }

        /**
         * @param enabled whether to start FlowSocket's component and servlet
         * @return this builder
         */
        public Builder flowSocket(boolean enabled) {
            this.flowSocket = enabled;
            return this;
        }

        /**
         * Chooses the threads ONOS's FlowRuleManager runs its batches on
         * (default: its own executors, as in a real ONOS; direct runs them in
         * the calling thread, as ONOS's unit tests wire it).
         *
         * @param threads the threads
         * @return this builder
         */
        public Builder flowRuleThreads(SandboxCore.FlowRuleThreads threads) {
            this.flowRuleThreads = Objects.requireNonNull(threads);
            return this;
        }

        /**
         * Gives each simulated switch a thread of its own for what it tells
         * ONOS about its flow rules (see {@link SimulatedNetwork#setSwitchThreads(boolean)});
         * default off: the network's one thread tells ONOS everything.
         *
         * @param on whether each switch has its own thread
         * @return this builder
         */
        public Builder switchThreads(boolean on) {
            this.switchThreads = on;
            return this;
        }

        /**
         * Starts everything; on failure, stops what was started.
         *
         * @return the running sandbox
         * @throws Exception if a part cannot start (e.g. the port is taken)
         */
        public Sandbox start() throws Exception {
            Deque<AutoCloseable> started = new ArrayDeque<>();
            try {
                SandboxCore core = SandboxCore.builder().eventDelivery(events).store(store)
                        .clusterMetadata(clusterMetadata).flowRuleThreads(flowRuleThreads).build().start();
                started.push(core);
                SimulatedNetwork network = null;
                OpenFlowSouthbound southbound = null;
                if (openflow != null) {
                    southbound = new OpenFlowSouthbound(core.services(), topology, openflow);
                    southbound.start();
                    southbound.setMeterStatsInterval(meterStatsInterval);
                    southbound.setStatsInterval(statsInterval);
                    southbound.setPortStatsInterval(statsInterval);
                    started.push(southbound);
                } else {
                    network = new SimulatedNetwork(core.services(), topology);
                    network.faults().setAckLatency(ackLatency);
                    network.setSwitchThreads(switchThreads);
                    network.start();
                    network.setMeterStatsInterval(meterStatsInterval);
                    network.setStatsInterval(statsInterval);
                    network.setPortStatsInterval(statsInterval);
                    started.push(network);
                    awaitTopology(core.services().get(TopologyService.class), topology);
                }
                Object service = null;
                if (flowSocket) {
                    Optional<Object> s = FlowSocketMount.startManager(core.runtime());
                    service = s.orElse(null);
                    if (service != null) {
                        // The component is stopped with the core's runtime; stop
                        // it first, before the network goes.
                        started.push(() -> core.runtime().deactivate(FlowSocketMount.MANAGER_CLASS));
                    }
                }
                SandboxWebServer web = new SandboxWebServer(bind, users, core.services());
                if (service != null) {
                    FlowSocketMount.mountServlet(web, core.services());
                }
                FlowTrafficControl traffic = null;
                if (network != null && service != null) {
                    traffic = new FlowTrafficControl(core.services().get(QosFlowService.class), network);
                    started.push(traffic);
                    web.mountControl("/traffic/*", new TrafficControlServlet(traffic));
                }
                web.mountControl(FAULTS_PATH + "/*", network != null ? FaultInjectionServlet.of(network)
                        : FaultInjectionServlet.notSimulated("the sandbox runs real OpenFlow switches (--openflow)"));
                web.start();
                started.push(web);
                return new Sandbox(core, network, southbound, web, service, traffic, started);
            } catch (Exception | Error e) {
                closeAll(started);
                throw e;
            }
        }
    }

    /** @return ONOS's core */
    public SandboxCore core() {
        return core;
    }

    /** @return the simulated network and its admin API (null when the OpenFlow southbound runs instead) */
    public SimulatedNetwork network() {
        return network;
    }

    /** @return the OpenFlow southbound, if it runs instead of the simulated network */
    public Optional<OpenFlowSouthbound> openflow() {
        return Optional.ofNullable(openflow);
    }

    /** @return the web server */
    public SandboxWebServer web() {
        return web;
    }

    /** @return FlowSocket's service, if FlowSocket is running */
    public Optional<Object> flowSocketService() {
        return Optional.ofNullable(flowSocket);
    }

    /**
     * Sets the bit rate of the traffic the simulated hosts send through a
     * FlowSocket flow handle's rules (each direction of a bidirectional
     * flow), in place of its traffic class's default. The rate follows
     * the handle: a reroute moves it to the new rules, and it is forgotten
     * once the handle is removed.
     *
     * @param flowId        the flow handle's id
     * @param bitsPerSecond the rate, zero or more
     * @throws IllegalArgumentException if there is no such flow handle
     * @throws IllegalStateException    if FlowSocket or the simulated network is not running
     */
    public void setFlowTraffic(String flowId, long bitsPerSecond) {
        trafficControl().set(flowId, bitsPerSecond);
    }

    /**
     * Gives a flow handle's rules their traffic class's rate again.
     *
     * @param flowId the flow handle's id
     * @throws IllegalArgumentException if there is no such flow handle
     * @throws IllegalStateException    if FlowSocket or the simulated network is not running
     */
    public void clearFlowTraffic(String flowId) {
        trafficControl().clear(flowId);
    }

    private FlowTrafficControl trafficControl() {
        if (traffic == null) {
            throw new IllegalStateException("traffic is simulated only with FlowSocket on the simulated network");
        }
        return traffic;
    }

    /** Stops everything in reverse order of start. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(toClose);
            log.info("Sandbox stopped");
        }
    }

    /**
     * Waits until ONOS's topology holds every simulated switch and link. ONOS
     * computes its topology from link events on threads of its own
     * (DefaultTopologyProvider's event accumulator), so right after the
     * switches connect a path may not exist yet; the sandbox is ready when a
     * user can install a flow between any two of its hosts.
     */
    private static void awaitTopology(TopologyService topologies, NetworkSpec spec) throws InterruptedException {
        int devices = spec.switches().size();
        int links = 2 * spec.links().size();   // ONOS counts each direction
        long deadline = System.nanoTime() + TOPOLOGY_WAIT.toNanos();
        Topology topology = topologies.currentTopology();
        while (topology.deviceCount() < devices || topology.linkCount() < links) {
            if (System.nanoTime() > deadline) {
                log.warn("ONOS's topology has {} of {} switches and {} of {} links after {} s; starting anyway",
                         topology.deviceCount(), devices, topology.linkCount(), links, TOPOLOGY_WAIT.toSeconds());
                return;
            }
            Thread.sleep(10);
            topology = topologies.currentTopology();
        }
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", c, e);
            }
        }
    }
}
