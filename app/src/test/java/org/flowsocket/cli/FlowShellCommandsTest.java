/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.impl.CoreFixture;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.osgi.DefaultServiceDirectory;
import org.onlab.packet.IpAddress;
import org.onosproject.cli.net.DeviceIdCompleter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The flow commands on FlowSocket's real core (ONOS's test adapters and
 * codecs underneath): the login user owns what they install, every option
 * of InstallFlow is there, {@code -j} prints what the protocol writes, and
 * the completers offer what exists.
 */
public class FlowShellCommandsTest {

    private static final String SRC = "10.0.0.1";
    private static final String DST = "10.0.0.3";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The envelope, and InstallFlow's forms of rules in ONOS's flow JSON, which the console does not take. */
    private static final Set<String> NOT_ON_THE_CONSOLE = Set.of("type", "id", "flows", "flow", "deviceId");

    /**
     * Each field of InstallFlow's request as flowsocket-install-flow takes it:
     * the words on the command line and the same value in the protocol's
     * JSON. A field the schema gains fails installTakesEveryOptionOfInstallFlow
     * until it is here.
     */
    private static final Map<String, Given> INSTALL_FIELDS = new ImmutableMap.Builder<String, Given>()
            .put("network.src", Given.argument(SRC))
            .put("network.dst", Given.argument(DST))
            .put("network.class", Given.option("\"video\"", "-c", "video"))
            .put("network.protocol", Given.option("\"udp\"", "-p", "udp"))
            .put("network.srcPort", Given.option("5004", "--src-port", "5004"))
            .put("network.dstPort", Given.option("5006", "--dst-port", "5006"))
            .put("network.priority", Given.option("41000", "--priority", "41000"))
            .put("network.qos.dscp", Given.option("40", "--dscp", "40"))
            .put("network.qos.queue", Given.option("2", "--queue", "2"))
            .put("network.qos.meterKbps", Given.option("512", "--meter-kbps", "512"))
            .put("network.qos.meterBurstKb", Given.option("64", "--meter-burst-kb", "64"))
            .put("network.qos.bandwidthKbps", Given.option("256", "--bandwidth-kbps", "256"))
            .put("network.qos.police", Given.option("true", "--police"))
            .put("network.bidirectional", Given.option("true", "-b"))
            .put("network.timeout", Given.option("30", "--timeout", "30"))
            .put("network.reroute", Given.option("false", "--no-reroute"))
            .put("timeoutMs", Given.option("5000", "--timeout-ms", "5000"))
            .put("confirm", Given.option("false", "--no-confirm"))
            .build();

    /**
     * Fields of INSTALL_FIELDS that cannot be given together, each with the
     * fields it needs: installTakesEveryOptionOfInstallFlow installs every
     * other field at once, then each of these apart.
     */
    private static final Map<String, Set<String>> APART = Map.of(
            // police excludes meterKbps: it meters the ingress at bandwidthKbps, with meterBurstKb as its burst.
            "network.qos.police", Set.of("network.src", "network.dst", "network.qos.bandwidthKbps",
                                         "network.qos.meterBurstKb"));

    /** A request field given on the console. */
    private static final class Given {
        final boolean argument;
        final JsonNode json;
        final List<String> words;

        private Given(boolean argument, String json, String... words) {
            this.argument = argument;
            try {
                this.json = JSON.readTree(json);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(json, e);
            }
            this.words = List.of(words);
        }

        static Given argument(String text) {
            return new Given(true, JSON.getNodeFactory().textNode(text).toString(), text);
        }

        static Given option(String json, String... words) {
            return new Given(false, json, words);
        }
    }

    private CoreFixture core;

    @Before
    public void startCore() {
        core = new CoreFixture();
        ShellHarness.useServices(core.services());
        core.addHost("00:00:00:00:00:01", IpAddress.valueOf(SRC), 1);
        core.addHost("00:00:00:00:00:03", IpAddress.valueOf(DST), 3);
    }

    @After
    public void stopCore() {
        FlowSocketCommand.setServiceDirectory(new DefaultServiceDirectory());
        core.stop();
    }

    @Test
    public void theKarafLoginOwnsTheFlow() throws Exception {
        JsonNode flow = ShellHarness.run("alice", new InstallFlowCommand(), "-j", SRC, DST).json();
        assertEquals("alice", flow.path("owner").asText());
        assertEquals("INSTALLED", flow.path("state").asText());
        assertEquals(List.of("alice"), List.of(owners()));
    }

    @Test
    public void withoutALoginNothingIsInstalled() throws Exception {
        ShellHarness.Output out = ShellHarness.run(null, new InstallFlowCommand(), SRC, DST);
        assertTrue(out.toString(), out.err.startsWith("INVALID_FIELD: 'owner' the command runs without a logged-in Karaf user"));
        assertEquals(0, core.manager.getFlows(QosFlowFilter.ALL).size());
    }

    @Test
    public void installTakesEveryOptionOfInstallFlow() throws Exception {
        Set<String> fields = CommandSchema.requestFields("InstallFlow");
        fields.removeIf(field -> NOT_ON_THE_CONSOLE.contains(field.split("\\.")[0]));
        for (String field : fields) {
            assertTrue("InstallFlow's field " + field + " (docs/schema/commands/InstallFlow.json) has no option "
                               + "of flowsocket-install-flow in INSTALL_FIELDS", INSTALL_FIELDS.containsKey(field));
        }
        assertEquals("INSTALL_FIELDS names fields InstallFlow does not have", fields, INSTALL_FIELDS.keySet());

        Set<String> together = new LinkedHashSet<>(INSTALL_FIELDS.keySet());
        together.removeAll(APART.keySet());
        installsAsTheProtocol(together);
        for (Map.Entry<String, Set<String>> apart : APART.entrySet()) {
            Set<String> given = new LinkedHashSet<>(apart.getValue());
            given.add(apart.getKey());
            installsAsTheProtocol(given);
        }
    }

    // Installs with the options of some fields, then the same request over the protocol: the same flow.
    private void installsAsTheProtocol(Set<String> fields) throws Exception {
        List<String> options = new ArrayList<>(List.of("-j"));
        List<String> arguments = new ArrayList<>();
        ObjectNode request = JSON.createObjectNode().put("type", "InstallFlow");
        INSTALL_FIELDS.forEach((field, given) -> {
            if (!fields.contains(field)) {
                return;
            }
            (given.argument ? arguments : options).addAll(given.words);
            ObjectNode parent = request;
            String[] names = field.split("\\.");
            for (int i = 0; i < names.length - 1; i++) {
                parent = parent.has(names[i]) ? (ObjectNode) parent.get(names[i]) : parent.putObject(names[i]);
            }
            parent.set(names[names.length - 1], given.json);
        });
        options.addAll(arguments);
        JsonNode flow = ShellHarness.run("onos", new InstallFlowCommand(), options.toArray(String[]::new)).json();
        // Again over the protocol once the flow is gone (it would be a DUPLICATE_FLOW).
        core.manager.remove(flow.path("flowId").asText(), true, 0).get();
        JsonNode same = core.result(request.toString());
        assertEquals(request.toString(), same.path("spec"), flow.path("spec"));
        assertEquals(same.path("state"), flow.path("state"));
        assertEquals(same.path("rules").size(), flow.path("rules").size());
        assertEquals(same.path("meters").size(), flow.path("meters").size());
        core.manager.remove(same.path("flowId").asText(), true, 0).get();
    }

    @Test
    public void bandwidthAndRerouteReachTheSpec() throws Exception {
        JsonNode flow = ShellHarness.run("onos", new InstallFlowCommand(), "-j", "--bandwidth-kbps", "600000",
                                         "--no-reroute", SRC, DST).json();
        assertEquals(600000, flow.path("spec").path("qos").path("bandwidthKbps").asLong());
        assertFalse(flow.toString(), flow.path("spec").path("reroute").asBoolean(true));
        assertTrue(ShellHarness.run("onos", new InstallFlowCommand(), "-j", DST, SRC).json()
                           .path("spec").path("reroute").asBoolean(false));
        assertError("INVALID_FIELD: 'qos.bandwidthKbps' must be from 1 to 1000000000, not 0",
                    ShellHarness.run("onos", new InstallFlowCommand(), "--bandwidth-kbps", "0", SRC, DST));
        assertError("INVALID_FIELD: 'qos.police' needs bandwidthKbps",
                    ShellHarness.run("onos", new InstallFlowCommand(), "--police", SRC, DST));
        assertError("INVALID_FIELD: 'qos.police' conflicts with meterKbps",
                    ShellHarness.run("onos", new InstallFlowCommand(), "--bandwidth-kbps", "500", "--police",
                                     "--meter-kbps", "500", SRC, DST));
    }

    @Test
    public void noConfirmAnswersAtSubmission() throws Exception {
        JsonNode flow = ShellHarness.run("onos", new InstallFlowCommand(), "--no-confirm", "-j", SRC, DST).json();
        assertEquals("PENDING", flow.path("state").asText());
    }

    @Test
    public void badOptionsAreTypedErrorsNamingTheOption() throws Exception {
        assertError("INVALID_FIELD: '--class' must be one of voice, video, critical, best-effort, bulk",
                    ShellHarness.run("onos", new InstallFlowCommand(), "--class", "gold", SRC, DST));
        assertError("INVALID_FIELD: '--timeout-ms' must be from 100 to 120000, not 50",
                    ShellHarness.run("onos", new InstallFlowCommand(), "--timeout-ms", "50", SRC, DST));
        assertError("INVALID_FIELD: '--dst-port' must be from 1 to 65535, not 70000",
                    ShellHarness.run("onos", new InstallFlowCommand(), "-p", "udp", "--dst-port",
                                     "70000", SRC, DST));
        assertError("INVALID_FIELD: 'srcPort' needs protocol tcp, udp or sctp",
                    ShellHarness.run("onos", new InstallFlowCommand(), "--src-port", "5000", SRC, DST));
        assertError("INVALID_FIELD: 'qos.meterBurstKb' needs meterKbps",
                    ShellHarness.run("onos", new InstallFlowCommand(), "--meter-burst-kb", "8", SRC, DST));
        assertError("INVALID_FIELD: 'src' is not an IP address: host-a",
                    ShellHarness.run("onos", new InstallFlowCommand(), "host-a", DST));
        assertError("UNKNOWN_HOST", ShellHarness.run("onos", new InstallFlowCommand(), SRC, "10.9.9.9"));
        assertEquals(0, core.manager.getFlows(QosFlowFilter.ALL).size());
    }

    @Test
    public void listFiltersAsListFlowsAndPrintsItsJson() throws Exception {
        ShellHarness.run("alice", new InstallFlowCommand(), "-c", "voice", SRC, DST);
        ShellHarness.run("bob", new InstallFlowCommand(), DST, SRC);
        JsonNode all = ShellHarness.run("onos", new FlowsListCommand(), "-j").json();
        assertEquals(core.result("{\"type\":\"ListFlows\"}").path("flows"), all);

        JsonNode alices = ShellHarness.run("onos", new FlowsListCommand(), "-j", "--owner", "alice").json();
        assertEquals(1, alices.size());
        assertEquals("alice", alices.get(0).path("owner").asText());
        assertEquals(2, ShellHarness.run("onos", new FlowsListCommand(), "-j", "--state", "installed",
                                         "--device", "of:0000000000000002").json().size());
        assertEquals(0, ShellHarness.run("onos", new FlowsListCommand(), "-j", "-s", "failed").json().size());
        ShellHarness.Output text = ShellHarness.run("onos", new FlowsListCommand(), "-o", "bob");
        assertTrue(text.out, text.out.contains("owner=bob") && text.out.endsWith("1 flow(s)\n"));
        assertError("INVALID_FIELD: '--state' must be one of",
                    ShellHarness.run("onos", new FlowsListCommand(), "--state", "gone"));
        assertError("INVALID_FIELD: '--device' is not a device id",
                    ShellHarness.run("onos", new FlowsListCommand(), "--device", "switch1"));
    }

    @Test
    public void getAndRemoveAFlow() throws Exception {
        String id = ShellHarness.run("alice", new InstallFlowCommand(), "-j", SRC, DST).json()
                .path("flowId").asText();
        JsonNode got = ShellHarness.run("onos", new GetFlowCommand(), "-j", id).json();
        assertEquals(core.result("{\"type\":\"GetFlow\",\"flowId\":\"" + id + "\"}"), got);
        assertEquals("PENDING_ADD", got.path("rules").get(0).path("state").asText());
        ShellHarness.Output text = ShellHarness.run("onos", new GetFlowCommand(), id);
        assertTrue(text.out, text.out.startsWith("flowId=" + id + ", state=INSTALLED, kind=network, owner=alice"));
        assertTrue(text.out, text.out.contains("    rule id=")
                && text.out.contains("deviceId=of:0000000000000002, priority=30000, state=PENDING_ADD"));

        assertError("INVALID_FIELD: '--timeout-ms' must be from 100 to 120000, not 200000",
                    ShellHarness.run("onos", new RemoveFlowCommand(), "--timeout-ms", "200000", id));
        JsonNode removed = ShellHarness.run("onos", new RemoveFlowCommand(), "--timeout-ms", "5000", "-j", id).json();
        assertEquals("REMOVED", removed.path("state").asText());
        assertEquals(0, core.manager.getFlows(QosFlowFilter.ALL).size());
        assertError("UNKNOWN_FLOW: no flow has id " + id,
                    ShellHarness.run("onos", new GetFlowCommand(), id));
        assertError("UNKNOWN_FLOW", ShellHarness.run("onos", new RemoveFlowCommand(), id));
    }

    @Test
    public void flowStatsPrintsTrafficAndJson() throws Exception {
        String id = ShellHarness.run("alice", new InstallFlowCommand(), "-j", SRC, DST).json()
                .path("flowId").asText();
        ShellHarness.Output uncounted = ShellHarness.run("onos", new FlowStatsCommand(), id);
        assertEquals(uncounted.out, 3, uncounted.out.split("\n").length - 1);
        assertTrue(uncounted.out, uncounted.out.contains("    of:0000000000000001 rule=")
                && uncounted.out.endsWith(" not counted yet\n"));

        core.countRules(100, 12_500, 1);
        Thread.sleep(5);        // ONOS's next reading is seen later (FlowEntry.lastSeen, in ms)
        core.countRules(600, 75_000, 2);
        JsonNode traffic = refreshedTraffic(id, 600);
        JsonNode one = ShellHarness.run("onos", new FlowStatsCommand(), "-j", id).json();
        assertTrue(one.toString(), one.isObject());
        assertEquals(id, one.path("flowId").asText());
        ((ObjectNode) one).remove("flowId");
        assertEquals(traffic, one);
        assertEquals(3, one.path("hops").size());
        assertEquals(600, one.path("ingress").path("packets").asLong());
        assertTrue(one.toString(), one.path("ingress").path("bitRate").asLong() > 0);

        String reverse = ShellHarness.run("bob", new InstallFlowCommand(), "-j", DST, SRC).json()
                .path("flowId").asText();
        JsonNode all = ShellHarness.run("onos", new FlowStatsCommand(), "-j").json();
        assertTrue(all.toString(), all.isArray());
        assertEquals(List.of(id, reverse), List.of(all.get(0).path("flowId").asText(),
                                                   all.get(1).path("flowId").asText()));

        ShellHarness.Output text = ShellHarness.run("onos", new FlowStatsCommand(), id);
        String[] lines = text.out.split("\n");
        assertEquals(text.out, 4, lines.length);
        assertTrue(text.out, lines[0].startsWith("flowId=" + id + ", ingress=") && lines[0].contains("(75000 bytes)"));
        for (int hop = 1; hop <= 3; hop++) {
            // The rule's id in hexadecimal, as flowsocket-get-flow and ONOS's flows command print it.
            String rule = Long.toHexString(Long.parseLong(one.path("hops").get(hop - 1).path("ruleId").asText()));
            assertTrue(text.out, lines[hop].startsWith("    of:000000000000000" + hop + " rule=" + rule + " ")
                    && lines[hop].contains(" packets=600, bytes=75000, ") && lines[hop].endsWith(" packets/s"));
        }
        assertTrue(text.out, ShellHarness.run("onos", new FlowStatsCommand()).out.endsWith("\n2 flow(s)\n"));
        assertError("UNKNOWN_FLOW: no flow has id fs-99", ShellHarness.run("onos", new FlowStatsCommand(), "fs-99"));
    }

    @Test
    public void removeWithoutConfirmAnswersRemoving() throws Exception {
        String id = ShellHarness.run("alice", new InstallFlowCommand(), "-j", SRC, DST).json()
                .path("flowId").asText();
        JsonNode removing = ShellHarness.run("onos", new RemoveFlowCommand(), "-j", "--no-confirm", id).json();
        assertEquals(id, removing.path("flowId").asText());
        assertEquals("REMOVING", removing.path("state").asText());
        long deadline = System.currentTimeMillis() + 10_000;
        while (!core.manager.getFlows(QosFlowFilter.ALL).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, core.manager.getFlows(QosFlowFilter.ALL).size());
        assertError("UNKNOWN_FLOW: no flow has id " + id,
                    ShellHarness.run("onos", new RemoveFlowCommand(), "--no-confirm", id));
    }

    @Test
    public void flowIdsComplete() throws Exception {
        String first = ShellHarness.run("alice", new InstallFlowCommand(), "-j", SRC, DST).json()
                .path("flowId").asText();
        String second = ShellHarness.run("bob", new InstallFlowCommand(), "-j", DST, SRC).json()
                .path("flowId").asText();
        assertEquals(List.of(first, second), sorted(ShellHarness.complete(RemoveFlowCommand.class, "flowId", "")));
        assertEquals(List.of(first, second), sorted(ShellHarness.complete(GetFlowCommand.class, "flowId", "")));
        assertEquals(List.of(), ShellHarness.complete(GetFlowCommand.class, "flowId", "xyz"));
    }

    @Test
    public void namesComplete() throws Exception {
        assertEquals(List.of("video", "voice"),
                     sorted(ShellHarness.complete(InstallFlowCommand.class, "--class", "v")));
        assertEquals(List.of("best-effort", "bulk", "critical", "video", "voice"),
                     sorted(ShellHarness.complete(InstallFlowCommand.class, "-c", "")));
        assertEquals(List.of("udp"), sorted(ShellHarness.complete(InstallFlowCommand.class, "--protocol", "u")));
        assertEquals(List.of("degraded", "failed", "installed", "pending", "removing"),
                     sorted(ShellHarness.complete(FlowsListCommand.class, "--state", "")));
        // ONOS's own completer of device ids (onos-cli), as ONOS's commands use it.
        assertEquals(DeviceIdCompleter.class, ShellHarness.completerOf(FlowsListCommand.class, "--device"));
    }

    // GetFlow's traffic once FlowSocket heard ONOS's refresh (its listeners hear on their own thread).
    private JsonNode refreshedTraffic(String flowId, long packets) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            JsonNode traffic = core.result("{\"type\":\"GetFlow\",\"flowId\":\"" + flowId + "\"}")
                    .path("traffic");
            if (traffic.path("ingress").path("packets").asLong() == packets || System.nanoTime() > deadline) {
                return traffic;
            }
            Thread.sleep(20);
        }
    }

    private String[] owners() {
        return get(QosFlowService.class).getFlows(QosFlowFilter.ALL).stream().map(f -> f.owner())
                .toArray(String[]::new);
    }

    private static <T> T get(Class<T> type) {
        return FlowSocketCommand.get(type);
    }

    private static List<String> sorted(List<String> candidates) {
        return candidates.stream().map(String::trim).sorted().collect(java.util.stream.Collectors.toList());
    }

    static void assertError(String expectedStart, ShellHarness.Output out) {
        assertTrue("expected an error starting with \"" + expectedStart + "\"\n" + out,
                   out.failed && out.err.startsWith(expectedStart) && out.out.isEmpty());
    }
}
