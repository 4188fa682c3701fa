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
 * The web console's traffic charts and link colours against a sandbox whose
 * ONOS reads the switches' statistics every second ({@code --stats 1}).
 */
public class ConsoleTrafficIT {

    private static SandboxProcess sandbox;

    @BeforeClass
    public static void startSandbox() throws Exception {
        NodeTests.npmCi();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        sandbox = SandboxProcess.start(List.of(java, "-Xmx1g", "-jar", BrowserIT.sandboxJar().getAbsolutePath(),
                                               "--port", "0", "--bind", "127.0.0.1", "--topo", "linear,3",
                                               "--stats", "1"),
                                       new File(TARGET, "sandbox-traffic.log"));
    }

    @AfterClass
    public static void stopSandbox() throws InterruptedException {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    public void flowRatesAreChartedAndLinksColouredByUtilization() throws Exception {
        NodeTests.run("tests/traffic.test.mjs", "traffic", sandbox.consoleUrl(), Map.of());
    }
}
