/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.browser;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.flowsocket.browser.NodeTests.TARGET;

/**
 * The web console's links against a sandbox whose switches the scenario
 * takes down and up ({@link ControlledSandbox}, on the class path of the
 * sandbox's executable jar), so that ONOS removes and adds links as it does
 * when a switch disconnects.
 */
public class ConsoleLinksIT {

    private static SandboxProcess sandbox;

    @BeforeClass
    public static void startSandbox() throws Exception {
        NodeTests.npmCi();
        File jar = BrowserIT.sandboxJar();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        // What java -jar grants the sandbox through its manifest.
        try (JarFile jarFile = new JarFile(jar)) {
            String opens = jarFile.getManifest().getMainAttributes().getValue("Add-Opens");
            for (String pkg : opens == null ? new String[0] : opens.trim().split("\\s+")) {
                command.add("--add-opens=" + pkg + "=ALL-UNNAMED");
            }
        }
        command.addAll(List.of("-cp", jar.getAbsolutePath() + File.pathSeparator
                + new File(TARGET, "test-classes").getAbsolutePath(), ControlledSandbox.class.getName()));
        sandbox = SandboxProcess.start(command, new File(TARGET, "sandbox-links.log"));
        System.out.println("Sandbox up, console at " + sandbox.consoleUrl() + ", control at " + sandbox.controlUrl());
    }

    @AfterClass
    public static void stopSandbox() throws InterruptedException {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    public void linksShownAreTheLinksOnosLists() throws Exception {
        NodeTests.run("tests/links.test.mjs", "links", sandbox.consoleUrl(),
                      Map.of("FLOWSOCKET_SANDBOX_CONTROL", sandbox.controlUrl()));
    }
}
