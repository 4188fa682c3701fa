/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import org.flowsocket.testkit.ClientConfig;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.flowsocket.karaf.ConsoleTables.featureStarted;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

/**
 * The ONOS platform in a running Karaf, as an operator reaches it: its
 * console over SSH and its HTTP port. It installs and uninstalls the .oar as
 * ONOS does, and reads bundle states from the console.
 */
final class OnosPlatform {

    /** Boot stages after Karaf's own: ONOS's boot features, as the test repository defines them. */
    static final List<List<String>> BOOT = List.of(List.of("system", "wrap"),
            List.of("scr", "pax-war", "onos-api", "onos-core-stand-in", "onos-cli"));
    private static final List<String> PLATFORM = BOOT.stream().flatMap(List::stream).collect(Collectors.toList());
    /** How long components, the WAB and the console may take to settle. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    final KarafContainer karaf;
    final KarafShell shell;
    private final OarBundle.Oar oar;

    private OnosPlatform(KarafContainer karaf, KarafShell shell, OarBundle.Oar oar) {
        this.karaf = karaf;
        this.shell = shell;
        this.oar = oar;
    }

    /** Starts the prepared container and waits until ONOS's boot features have started. */
    static OnosPlatform start(KarafContainer karaf, OarBundle.Oar oar, String javaOptions, boolean keep)
            throws Exception {
        karaf.start(javaOptions, keep);
        OnosPlatform platform = new OnosPlatform(
                karaf, new KarafShell("127.0.0.1", karaf.sshPort(), KarafContainer.USER, KarafContainer.PASSWORD),
                oar);
        platform.awaitPlatform(Duration.ofSeconds(150));
        return platform;
    }

    void stop(boolean keep) throws Exception {
        if (!keep) {
            karaf.stop(shell);
        }
        shell.close();
    }

    // ONOS's ApplicationArchive copies the .oar's m2/ into Karaf's system/; its
    // ApplicationManager adds the feature repository and installs the features.
    void installOar() throws Exception {
        KarafContainer.copyTree(oar.root.resolve("m2"), karaf.home().resolve("system"));
        shell.ok("feature:repo-add " + oar.featuresRepo);
        for (String feature : oar.features) {
            shell.ok("feature:install " + feature);
        }
    }

    void uninstallOar() throws Exception {
        String installed = shell.ok("feature:list -i --no-format");
        for (String feature : oar.features) {
            if (listed(installed, feature)) {
                shell.ok("feature:uninstall " + feature);
            }
        }
        if (shell.ok("feature:repo-list --no-format").contains(oar.featuresRepo)) {
            shell.ok("feature:repo-remove " + oar.featuresRepo);
        }
    }

    boolean oarInstalled() throws IOException {
        String installed = shell.ok("feature:list -i --no-format");
        return oar.features.stream().allMatch(f -> listed(installed, f));
    }

    private static boolean listed(String featureList, String feature) {
        return ConsoleTables.rows(featureList).stream().anyMatch(row -> row[0].equals(feature));
    }

    /** The bundle's id once Karaf shows it Active: components activate on their own threads. */
    long activeBundleId(String symbolicName) throws Exception {
        long end = System.nanoTime() + SETTLE.toNanos();
        String[] row = bundles().get(symbolicName);
        while (System.nanoTime() < end && (row == null || !"Active".equals(row[1]))) {
            Thread.sleep(500);
            row = bundles().get(symbolicName);
        }
        assertNotNull(symbolicName + " not installed", row);
        assertEquals(symbolicName + " state (Karaf shows Waiting while a component is not active)\n"
                             + karaf.componentErrors(), "Active", row[1]);
        return Long.parseLong(row[0]);
    }

    private void awaitPlatform(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "(no answer from the console)";
        while (System.nanoTime() < end) {
            if (!karaf.alive()) {
                fail("Karaf exited:\n" + Files.readString(karaf.home().resolve("console.log")));
            }
            try {
                KarafShell.Result list = shell.run("feature:list -i --no-format", SETTLE);
                last = list.toString();
                if (list.ok() && PLATFORM.stream().allMatch(f -> featureStarted(list.out, f))
                        && notStarted().isEmpty()) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        fail("the platform features did not start in " + timeout + ":\n" + last + "\n" + karaf.logTail(80));
    }

    String awaitOutput(String command, Predicate<String> done) throws Exception {
        long end = System.nanoTime() + SETTLE.toNanos();
        String out = shell.ok(command);
        while (!done.test(out) && System.nanoTime() < end) {
            Thread.sleep(500);
            out = shell.ok(command);
        }
        return out;
    }

    List<String> notStarted() throws IOException {
        return ConsoleTables.notStarted(shell.ok("bundle:list -t 0 --no-format"));
    }

    Map<String, String[]> bundles() throws IOException {
        return ConsoleTables.bundles(shell.ok("bundle:list -s -t 0 --no-format"));
    }

    Set<String> bundleStates() throws IOException {
        Set<String> states = new TreeSet<>();
        for (String[] b : bundles().values()) {
            states.add(b[4] + "/" + b[3] + " " + b[1]);
        }
        return states;
    }

    HttpURLConnection get(String path, String credentials) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + karaf.httpPort() + path)
                .openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(10000);
        if (credentials != null) {
            String[] userAndPassword = credentials.split(":", 2);
            connection.setRequestProperty("Authorization",
                                          ClientConfig.basicAuthorization(userAndPassword[0], userAndPassword[1]));
        }
        return connection;
    }
}
