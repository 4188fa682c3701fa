/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.browser;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

/**
 * Runs browser scenarios with node's test runner (playwright-core, Debian's
 * headless Chromium) in the module's directory.
 */
final class NodeTests {

    static final File DIR = new File(property("browser.test.dir", "."));
    static final File TARGET = new File(DIR, "target");

    private static final long NODE_TIMEOUT_S = 300;

    private NodeTests() {
    }

    // playwright-core exactly as package-lock.json pins it (no install scripts, no browser download).
    static void npmCi() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(property("npm.executable", "npm"), "ci", "--no-audit", "--no-fund",
                                               "--ignore-scripts").directory(DIR).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        Process npm = pb.start();
        if (!npm.waitFor(NODE_TIMEOUT_S, TimeUnit.SECONDS)) {
            npm.destroyForcibly();
            fail("npm ci did not finish within " + NODE_TIMEOUT_S + " s");
        }
        assertEquals("npm ci failed", 0, npm.exitValue());
    }

    /**
     * Runs one test file and fails if any of its tests failed.
     *
     * @param file  test file, relative to the module
     * @param name  name of its JUnit report, target/node-NAME.xml
     * @param extra environment variables besides the console's URL and the tools' paths
     */
    static void run(String file, String name, String consoleUrl, Map<String, String> extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(property("node.executable", "node"), "--test",
                "--test-concurrency=1", "--test-reporter=spec", "--test-reporter-destination=stdout",
                "--test-reporter=junit",
                "--test-reporter-destination=" + new File(TARGET, "node-" + name + ".xml").getAbsolutePath(),
                file));
        ProcessBuilder pb = new ProcessBuilder(command).directory(DIR).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("FLOWSOCKET_CONSOLE_URL", consoleUrl);
        env.put("FLOWSOCKET_GUI_RESOURCES", property("gui.resources", "../app/target/classes"));
        env.put("CHROMIUM_PATH", property("chromium.path", "/usr/bin/chromium"));
        env.put("SCREENSHOT_DIR", property("screenshot.dir", new File(TARGET, "screenshots").getPath()));
        env.put("NO_COLOR", "1");
        env.putAll(extra);
        Process node = pb.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(),
                                                                              StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    System.out.println(line);
                    out.append(line).append('\n');
                }
            } catch (IOException e) {
                out.append("(output closed: ").append(e).append(")\n");
            }
        }, "node-output");
        reader.start();
        if (!node.waitFor(NODE_TIMEOUT_S, TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            fail(file + " did not finish within " + NODE_TIMEOUT_S + " s:\n" + out);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(file + " failed (its output is above; node's JUnit report is in target/node-" + name + ".xml)",
                     0, node.exitValue());
    }

    static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
