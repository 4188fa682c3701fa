/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox;

import org.flowsocket.sandbox.cluster.AtomixStorageNode;
import org.flowsocket.sandbox.cluster.SandboxCluster;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.openflow.OpenFlowSouthbound;
import org.flowsocket.sandbox.southbound.MeterStatsSchedule;
import org.flowsocket.sandbox.southbound.SwitchReports;
import org.flowsocket.sandbox.web.SandboxUsers;
import org.flowsocket.sandbox.web.SandboxWebServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line entry point: {@code java -jar flowsocket-sandbox.jar [options]}.
 * Starts the {@link Sandbox}, prints where to reach it, and stops it cleanly on
 * Ctrl-C.
 */
public final class Main {

    static final String USAGE = String.join("\n",
            "Usage: java -jar flowsocket-sandbox.jar [options]",
            "",
            "Runs FlowSocket on ONOS 2.5.6's own core managers in this JVM, with a",
            "simulated network of OpenFlow switches and ONOS's REST API.",
            "",
            "Options:",
            "  --port N           HTTP port (default 8181; 0 picks a free port)",
            "  --bind ADDRESS     address to listen on (default 127.0.0.1; 0.0.0.0 for all)",
            "  --topo SPEC        linear,N | ring,N | mesh,N | tree,DEPTH,FANOUT | none |",
            "                     FILE.json (default linear,3); mesh,N: 2 to 16 switches,",
            "                     all pairs linked, host i on port 1 of switch i, switch i",
            "                     reaches the others on ports 2..N in ascending order; a JSON",
            "                     file may give links a speed (speedMbps, linkSpeedMbps)",
            "  --users FILE       users, one a line: name: password, role[, role]",
            "                     roles: admin (read and change), viewer (read only)",
            "                     (default: onos/rocks admin, viewer/viewer viewer)",
            "  --ack-latency MS   how long switches take to confirm a batch (default 20)",
            "  --meter-stats S    how often ONOS reads the switches' meters, the only way it",
            "                     learns a meter is installed (default 10, as ONOS)",
            "  --stats S          how often ONOS reads the switches' flow and port",
            "                     statistics, the traffic counters (default 5, as ONOS)",
            "  --openflow         real switches instead of the simulated network: listen",
            "                     for OpenFlow 1.3 switches on the bind address, port 6653;",
            "                     --topo (default none) then names them and gives links/hosts",
            "  --openflow-port N  OpenFlow port (implies --openflow; 0 picks a free port)",
            "  --store KIND       raft: ONOS's StorageManager on an embedded Raft group (Atomix),",
            "                     as a single ONOS runs it; memory: ONOS's in-memory test",
            "                     store, a quicker start (default raft)",
            "  --cluster N        N ONOS nodes (1 to 7) in N JVMs sharing one distributed store;",
            "                     node i serves HTTP on --port + i - 1 (and OpenFlow on",
            "                     --openflow-port + i - 1)",
            "  --no-flowsocket    run ONOS's core and REST API only",
            "  --verbose          log INFO messages (ONOS, Jetty, FlowSocket, the network)",
            "  --help             show this help",
            "");

    private Main() {
    }

    /** Parsed command line. */
    static final class Options {
        int port = SandboxWebServer.DEFAULT_PORT;
        String bind = "127.0.0.1";
        String topo;
        boolean openflow;
        int openflowPort = OpenFlowSouthbound.DEFAULT_PORT;
        Path users;
        long ackLatencyMs = 20;
        int meterStatsSeconds = MeterStatsSchedule.DEFAULT_INTERVAL_SECONDS;
        int statsSeconds = (int) (SwitchReports.FLOW_STATS_INTERVAL_MS / 1000);
        boolean flowSocket = true;
        SandboxCore.Store store = SandboxCore.Store.RAFT;
        int cluster;
        int clusterNode;
        Path clusterDir;
        final List<String> passOn = new ArrayList<>();
        boolean verbose;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String arg = rest.remove(0);
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help":
                    case "-h":
                        o.help = true;
                        break;
                    case "--port":
                        o.port = parseInt(arg, value(arg, value, rest), 0, 65535);
                        break;
                    case "--bind":
                        o.bind = value(arg, value, rest);
                        break;
                    case "--topo":
                        o.topo = o.passOn(arg, value(arg, value, rest));
                        break;
                    case "--users":
                        o.users = Path.of(o.passOn(arg, value(arg, value, rest)));
                        break;
                    case "--ack-latency":
                        o.ackLatencyMs = parseInt(arg, o.passOn(arg, value(arg, value, rest)), 0, 600_000);
                        break;
                    case "--meter-stats":
                        o.meterStatsSeconds = parseInt(arg, o.passOn(arg, value(arg, value, rest)), 1, 3600);
                        break;
                    case "--stats":
                        o.statsSeconds = parseInt(arg, value(arg, value, rest), 1, 3600);
                        break;
                    case "--openflow":
                        o.openflow = true;
                        o.passOn.add(arg);
                        break;
                    case "--openflow-port":
                        o.openflow = true;
                        o.openflowPort = parseInt(arg, o.passOn(arg, value(arg, value, rest)), 0, 65535);
                        break;
                    case "--store":
                        o.store = parseStore(value(arg, value, rest));
                        break;
                    case "--cluster":
                        o.cluster = parseInt(arg, value(arg, value, rest), 1, 7);
                        break;
                    case "--cluster-node":
                        // A node of a cluster, forked by --cluster (SandboxCluster)
                        o.clusterNode = parseInt(arg, value(arg, value, rest), 1, 7);
                        break;
                    case "--cluster-dir":
                        o.clusterDir = Path.of(value(arg, value, rest));
                        break;
                    case "--no-flowsocket":
                        o.flowSocket = false;
                        o.passOn.add(arg);
                        break;
                    case "--verbose":
                        o.verbose = true;
                        o.passOn.add(arg);
                        break;
                    default:
                        throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
            if (o.cluster > 0 && o.store != SandboxCore.Store.RAFT) {
                throw new IllegalArgumentException("--cluster needs the raft store");
            }
            if (o.cluster > 0 && o.clusterNode > 0) {
                throw new IllegalArgumentException("--cluster and --cluster-node exclude each other");
            }
            if ((o.clusterNode > 0) != (o.clusterDir != null)) {
                throw new IllegalArgumentException("--cluster-node and --cluster-dir go together");
            }
            if (o.cluster > 0 && o.port > 65536 - o.cluster) {
                throw new IllegalArgumentException("--port leaves no room for " + o.cluster + " nodes");
            }
            if (o.topo == null) {
                // Real switches bring no simulated ones; the default network is the simulated linear,3.
                o.topo = o.openflow ? "none" : "linear,3";
            }
            return o;
        }

        // Records an option the launcher of --cluster hands to every node.
        private String passOn(String option, String value) {
            passOn.add(option);
            passOn.add(value);
            return value;
        }

        private static String value(String option, String inline, List<String> rest) {
            if (inline != null) {
                return inline;
            }
            if (rest.isEmpty() || rest.get(0).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return rest.remove(0);
        }

        private static SandboxCore.Store parseStore(String s) {
            switch (s) {
                case "raft":
                    return SandboxCore.Store.RAFT;
                case "memory":
                    return SandboxCore.Store.MEMORY;
                default:
                    throw new IllegalArgumentException("--store must be raft or memory, not '" + s + "'");
            }
        }

        private static int parseInt(String option, String s, int min, int max) {
            try {
                int v = Integer.parseInt(s.trim());
                if (v < min || v > max) {
                    throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not '" + s + "'");
            }
        }
    }

    /**
     * Runs the sandbox until Ctrl-C.
     *
     * @param args command line
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    // Starts the sandbox and returns 0, leaving it running; or returns an
    // exit code after printing why it could not start.
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Try --help.");
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        configureLogging(options.verbose);
        if (options.cluster > 0) {
            return ClusterMain.launch(options, out, err);
        }

        NetworkSpec topology;
        SandboxUsers users;
        try {
            topology = NetworkSpec.parse(options.topo);
            if (options.openflow && topology.setsLinkSpeeds()) {
                throw new IllegalArgumentException("link speeds (speedMbps, linkSpeedMbps) are for simulated"
                        + " switches; real OpenFlow switches announce their own port speeds");
            }
            users = options.users == null ? SandboxUsers.defaults() : SandboxUsers.load(options.users);
        } catch (IllegalArgumentException | IOException e) {
            err.println("Cannot start: " + e.getMessage());
            return 2;
        }

        Sandbox sandbox;
        AtomixStorageNode storageNode = null;
        int openflowPort = options.openflowPort;
        try {
            String clusterMetadata = null;
            if (options.clusterNode > 0) {
                Path nodeDir = SandboxCluster.nodeDirectory(options.clusterDir, options.clusterNode);
                storageNode = AtomixStorageNode.start(nodeDir.resolve("atomix").resolve("atomix.json"));
                clusterMetadata = "file://" + nodeDir.resolve("cluster.json").toAbsolutePath();
                if (openflowPort != 0) {
                    openflowPort += options.clusterNode - 1;
                }
            }
            sandbox = Sandbox.builder()
                    .bind(new InetSocketAddress(options.bind, options.port))
                    .topology(topology)
                    .users(users)
                    .ackLatency(Duration.ofMillis(options.ackLatencyMs))
                    .meterStatsInterval(Duration.ofSeconds(options.meterStatsSeconds))
                    .statsInterval(Duration.ofSeconds(options.statsSeconds))
                    .flowSocket(options.flowSocket)
                    .store(options.store)
                    .clusterMetadata(clusterMetadata)
                    .openflow(options.openflow ? new InetSocketAddress(options.bind, openflowPort) : null)
                    .start();
        } catch (BindException e) {
            err.println("Cannot listen on " + options.bind + ":" + options.port
                    + (options.openflow ? " or OpenFlow port " + options.openflowPort : "") + ": " + e.getMessage()
                    + " (another ONOS or sandbox running? try --port"
                    + (options.openflow ? " or --openflow-port" : "") + ")");
            return 1;
        } catch (Exception | LinkageError e) {
            err.println("Cannot start: " + e);
            e.printStackTrace(err);
            if (storageNode != null) {
                storageNode.close();
            }
            return 1;
        }
        AtomixStorageNode storage = storageNode;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the sandbox...");
            sandbox.close();
            if (storage != null) {
                storage.close();
            }
        }, "sandbox-shutdown"));

        printBanner(out, options, topology, users, sandbox);
        if (options.clusterNode > 0) {
            ClusterMain.serveAsNode(out);
        }
        return 0;
    }

    private static void printBanner(PrintStream out, Options options, NetworkSpec topology,
                                    SandboxUsers users, Sandbox sandbox) {
        SandboxWebServer web = sandbox.web();
        SandboxUsers.User admin = users.list().stream().filter(SandboxUsers.User::isAdmin)
                .findFirst().orElse(users.list().get(0));
        out.println();
        if (sandbox.openflow().isPresent()) {
            out.println("FlowSocket sandbox is ready: ONOS 2.5.6 core, OpenFlow 1.3 southbound, topology "
                    + options.topo + " (" + topology.switches().size() + " switches named, "
                    + topology.links().size() + " links, " + topology.hosts().size() + " hosts)");
            InetSocketAddress of = sandbox.openflow().get().address();
            out.println("  OpenFlow:      tcp:" + of.getAddress().getHostAddress() + ":" + of.getPort()
                    + "  (e.g. ovs-vsctl set-controller br0 tcp:" + of.getAddress().getHostAddress()
                    + ":" + of.getPort() + ")");
        } else {
            out.println("FlowSocket sandbox is ready: ONOS 2.5.6 core, simulated network "
                    + options.topo + " (" + topology.switches().size() + " switches, "
                    + topology.links().size() + " links, " + topology.hosts().size() + " hosts)");
        }
        out.println("  ONOS REST API: " + web.restUri());
        out.println("                 e.g. curl -u " + admin.name()
                + (options.users == null ? ":" + admin.password() : "") + " " + web.restUri() + "/devices");
        if (sandbox.flowSocketService().isPresent()) {
            out.println("  FlowSocket:    " + web.webSocketUri() + "  (subprotocol flowsocket.v1)");
            out.println("  Web console:   " + web.consoleUri());
            if (sandbox.network() != null) {
                out.println("  Traffic:       " + web.controlUri() + "/traffic/<flowId>  (PUT {\"bitsPerSecond\":N})");
            }
        } else {
            out.println("  FlowSocket:    not running" + (options.flowSocket
                    ? " (its classes are not in this build)" : " (--no-flowsocket)"));
        }
        if (sandbox.network() != null) {
            out.println("  Faults:        " + web.controlUri() + Sandbox.FAULTS_PATH
                    + "  (POST links/down, links/up, devices/<deviceId>/down, devices/<deviceId>/up)");
        }
        out.println("  Users (HTTP BASIC, realm " + SandboxWebServer.REALM + "):");
        for (SandboxUsers.User u : users.list()) {
            out.println("    " + u.name() + (options.users == null ? " / " + u.password() : "")
                    + "  (" + (u.isAdmin() ? "admin" : "viewer, read only") + ")");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    // slf4j-simple reads its settings once, when the first logger is made.
    private static void configureLogging(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        if (!verbose) {
            // Events still queued while components stop have no listener left.
            setIfAbsent("org.slf4j.simpleLogger.log.org.onosproject.event.impl.CoreEventDispatcher", "error");
            // ONOS warns at every start without Atomix servers that it runs
            // its Raft group among the controllers ("test mode"): the
            // sandbox's intended set-up.
            setIfAbsent("org.slf4j.simpleLogger.log.org.onosproject.store.atomix.impl.AtomixManager", "error");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
