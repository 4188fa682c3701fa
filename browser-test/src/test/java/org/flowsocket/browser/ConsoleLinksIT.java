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

/**
 * The web console against a sandbox whose network the scenarios change
 * through the sandbox's fault injection API ({@code /sandbox/v1}): the links
 * drawn follow ONOS's as a switch goes down and comes back, and the
 * console's own Take down / Bring up buttons.
 */
public class ConsoleLinksIT {

    private static SandboxProcess sandbox;

    @BeforeClass
    public static void startSandbox() throws Exception {
        NodeTests.npmCi();
        File jar = BrowserIT.sandboxJar();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        sandbox = SandboxProcess.start(List.of(java, "-Xmx1g", "-jar", jar.getAbsolutePath(),
                                               "--port", "0", "--bind", "127.0.0.1", "--topo", "linear,3"),
                                       new File(TARGET, "sandbox-links.log"));
        System.out.println("Sandbox up, console at " + sandbox.consoleUrl());
    }

    @AfterClass
    public static void stopSandbox() throws InterruptedException {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    public void linksShownAreTheLinksOnosLists() throws Exception {
        NodeTests.run("tests/links.test.mjs", "links", sandbox.consoleUrl(), Map.of());
    }

    @Test
    public void faultButtonsTakeLinksAndSwitchesDownAndUp() throws Exception {
        NodeTests.run("tests/faults.test.mjs", "faults", sandbox.consoleUrl(), Map.of());
    }
}
