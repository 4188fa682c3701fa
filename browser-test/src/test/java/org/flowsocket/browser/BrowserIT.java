/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.browser;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.File;
import java.util.List;
import java.util.Map;

import static org.flowsocket.browser.NodeTests.TARGET;
import static org.flowsocket.browser.NodeTests.property;
import static org.junit.Assert.assertTrue;

/**
 * Runs the browser scenarios (node's test runner, playwright-core, Debian's
 * headless Chromium) against the sandbox's executable jar, started here on a
 * free loopback port and stopped afterwards whatever happens.
 */
public class BrowserIT {

    private static SandboxProcess sandbox;

    @BeforeClass
    public static void startSandbox() throws Exception {
        File chromium = new File(property("chromium.path", "/usr/bin/chromium"));
        assertTrue(chromium + " is missing: install Debian's chromium package (apt-get install -y chromium)",
                   chromium.canExecute());
        NodeTests.npmCi();
        File jar = sandboxJar();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        sandbox = SandboxProcess.start(List.of(java, "-Xmx1g", "-jar", jar.getAbsolutePath(),
                                               "--port", "0", "--bind", "127.0.0.1", "--topo", "linear,3"),
                                       new File(TARGET, "sandbox.log"));
        System.out.println("Sandbox up, console at " + sandbox.consoleUrl());
    }

    static File sandboxJar() {
        File jar = new File(property("sandbox.jar", "../sandbox/target/flowsocket-sandbox.jar"));
        assertTrue(jar + " is missing: build the sandbox first (mvn -pl sandbox -am package)", jar.isFile());
        return jar;
    }

    @AfterClass
    public static void stopSandbox() throws InterruptedException {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    public void webConsole() throws Exception {
        NodeTests.run("tests/console.test.mjs", "console", sandbox.consoleUrl(), Map.of());
    }

    @Test
    public void consoleCannotBeFramed() throws Exception {
        NodeTests.run("tests/framing.test.mjs", "framing", sandbox.consoleUrl(), Map.of());
    }

    @Test
    public void guiOverlayScripts() throws Exception {
        NodeTests.run("tests/overlay.test.mjs", "overlay", sandbox.consoleUrl(), Map.of());
    }

    @Test
    public void applicationLinkOpensTheConsole() throws Exception {
        NodeTests.run("tests/app-link.test.mjs", "app-link", sandbox.consoleUrl(), Map.of());
    }
}
