/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.impl.CoreFixture;
import org.junit.After;
import org.junit.Test;
import org.onlab.osgi.DefaultServiceDirectory;
import org.onlab.packet.IpAddress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.Assert.assertTrue;

/**
 * Every console example of the README and docs ({@code onos> flowsocket-...}
 * lines) runs as printed, in document order, on FlowSocket's core with three
 * switches in a line and a host 10.0.0.n on switch n, as ONOS's user
 * {@code onos}: Karaf must accept the command line and the command must print
 * no error. {@code fs-1}, {@code fs-2}, … stand for the flows made so far.
 */
public class CliDocsExamplesTest {

    private static final String PROMPT = "onos> ";
    private static final Pattern FLOW_ID = Pattern.compile("\\bfs-(\\d+)\\b");

    private CoreFixture core;

    @After
    public void stopCoreLeftRunning() {
        FlowSocketCommand.setServiceDirectory(new DefaultServiceDirectory());
        if (core != null) {
            core.stop();
        }
    }

    @Test
    public void everyCommandIsDocumented() throws Exception {
        String doc = Files.readString(repositoryRoot().resolve("docs").resolve("cli.md"));
        Map<String, Class<? extends FlowSocketCommand>> commands = ShellHarness.commandClasses();
        assertTrue("no commands found", commands.size() >= 10);
        for (String name : commands.keySet()) {
            assertTrue(name + " has no section in docs/cli.md", doc.contains("\n### " + name + "\n")
                    || doc.contains("\n### " + name + " "));
            assertTrue(name + " has no example in docs/cli.md", doc.contains("\n" + PROMPT + name));
        }
    }

    @Test
    public void everyConsoleExampleRunsAsPrinted() throws Exception {
        Path root = repositoryRoot();
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        int examples = 0;
        List<String> failures = new ArrayList<>();
        for (Path document : documents) {
            List<String> lines = Files.readAllLines(document);
            if (lines.stream().noneMatch(l -> l.startsWith(PROMPT + "flowsocket-"))) {
                continue;
            }
            startCore();
            List<String> flowIds = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(PROMPT + "flowsocket-")) {
                    examples++;
                    String where = root.relativize(document) + ":" + (i + 1) + ": " + lines.get(i);
                    String problem = run(lines.get(i).substring(PROMPT.length()), flowIds);
                    if (problem != null) {
                        failures.add(where + "\n    " + problem);
                    }
                }
            }
            core.stop();
            core = null;
        }
        assertTrue("no console examples found under " + root, examples > 0);
        assertTrue(failures.size() + " console example(s) do not run as printed:\n"
                           + String.join("\n", failures), failures.isEmpty());
    }

    // Runs one example line; returns what went wrong, or null.
    private String run(String line, List<String> flowIds) throws Exception {
        String[] words = line.trim().split("\\s+");
        Class<? extends FlowSocketCommand> command = ShellHarness.commandClasses().get(words[0]);
        if (command == null) {
            return "no such command";
        }
        List<String> args = new ArrayList<>();
        for (int k = 1; k < words.length; k++) {
            Matcher m = FLOW_ID.matcher(words[k]);
            int n = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            if (n > flowIds.size()) {
                return words[k] + " names a flow the examples before it did not make";
            }
            args.add(n > 0 ? flowIds.get(n - 1) : words[k]);
        }
        ShellHarness.Output out;
        try {
            out = ShellHarness.run("onos", command.getDeclaredConstructor().newInstance(),
                                   args.toArray(new String[0]));
        } catch (Exception | AssertionError e) {
            return e.getMessage();
        }
        core.manager.getFlows(QosFlowFilter.ALL).stream().map(QosFlow::id)
                .filter(id -> !flowIds.contains(id)).forEach(flowIds::add);
        return out.err.isEmpty() ? null : out.err.trim();
    }

    private void startCore() {
        core = new CoreFixture();
        ShellHarness.useServices(core.services());
        for (int n = 1; n <= 3; n++) {
            core.addHost(String.format("00:00:00:00:00:%02x", n), IpAddress.valueOf("10.0.0." + n), n);
        }
    }

    // The checkout's root: where README.md and docs/ are, above the module's directory.
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md"))
                && Files.isRegularFile(dir.resolve("docs").resolve("protocol.md")))) {
            dir = dir.getParent();
        }
        assertTrue("README.md and docs/ not found above " + System.getProperty("user.dir"), dir != null);
        return dir;
    }
}
