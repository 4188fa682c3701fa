/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.browser;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Runs the browser scenarios (node's test runner, playwright-core, Debian's
 * headless Chromium) against the sandbox's executable jar, started here on a
 * free loopback port and stopped afterwards whatever happens.
 */
public class BrowserIT {

    private static final Pattern SOCKET_LINE =
            Pattern.compile("FlowSocket:\\s+ws://([^/\\s]+)/onos/flowsocket/ws");
    private static final String READY = "FlowSocket sandbox is ready";
    private static final long START_TIMEOUT_S = 180;
    private static final long NODE_TIMEOUT_S = 300;

    private static final File DIR = new File(property("browser.test.dir", "."));
    private static final File TARGET = new File(DIR, "target");

    private static Process sandbox;
    private static String consoleUrl;

    @BeforeClass
    public static void startSandbox() throws Exception {
        File chromium = new File(property("chromium.path", "/usr/bin/chromium"));
        assertTrue(chromium + " is missing: install Debian's chromium package (apt-get install -y chromium)",
                   chromium.canExecute());
        npmCi();
        File jar = new File(property("sandbox.jar", "../sandbox/target/flowsocket-sandbox.jar"));
        assertTrue(jar + " is missing: build the sandbox first (mvn -pl sandbox -am package)", jar.isFile());
        TARGET.mkdirs();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.getAbsolutePath(),
                                               "--port", "0", "--bind", "127.0.0.1", "--topo", "linear,3")
                .redirectErrorStream(true);
        sandbox = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(new File(TARGET, "sandbox.log").toPath(),
                                                                  StandardCharsets.UTF_8), true);
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(sandbox.getInputStream(),
                                                                              StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.println(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                log.println("(output closed: " + e + ")");
            } finally {
                log.close();
                lines.add("\u0000");
            }
        }, "sandbox-output");
        pump.setDaemon(true);
        pump.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        String hostPort = null;
        boolean ready = false;
        while (hostPort == null || !ready) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("\u0000")) {
                stopSandbox();
                fail("the sandbox did not start within " + START_TIMEOUT_S + " s; see " + new File(TARGET, "sandbox.log"));
            }
            ready |= line.contains(READY);
            Matcher m = SOCKET_LINE.matcher(line);
            if (m.find()) {
                hostPort = m.group(1);
            }
        }
        consoleUrl = "http://" + hostPort + "/onos/flowsocket/";
        System.out.println("Sandbox up, console at " + consoleUrl);
    }

    // playwright-core exactly as package-lock.json pins it (no install scripts, no browser download).
    private static void npmCi() throws Exception {
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

    @AfterClass
    public static void stopSandbox() throws InterruptedException {
        if (sandbox != null && sandbox.isAlive()) {
            sandbox.destroy();
            if (!sandbox.waitFor(20, TimeUnit.SECONDS)) {
                sandbox.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    public void webConsole() throws Exception {
        runNodeTests("tests/console.test.mjs", "console");
    }

    @Test
    public void consoleCannotBeFramed() throws Exception {
        runNodeTests("tests/framing.test.mjs", "framing");
    }

    @Test
    public void guiOverlayScripts() throws Exception {
        runNodeTests("tests/overlay.test.mjs", "overlay");
    }

    @Test
    public void applicationLinkOpensTheConsole() throws Exception {
        runNodeTests("tests/app-link.test.mjs", "app-link");
    }

    private static void runNodeTests(String file, String name) throws Exception {
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

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
