/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Apache Karaf, unpacked from the distribution on Maven Central into a fresh
 * directory and run by its own start script as a separate process.
 * <p>
 * Karaf 4.2 does not boot on Java 16 and later as shipped: its
 * {@code etc/jre.properties} and {@code etc/config.properties} stop at Java 15.
 * {@link #prepare} adds entries for 16 and 17, copies of 15's (the same
 * change Karaf 4.3 made). Everything else is Karaf's own, except what a test
 * needs: loopback-only ports picked free, a user with role admin, offline
 * Maven resolution, and the features to boot.
 */
final class KarafContainer {

    static final String USER = "onos";
    static final String PASSWORD = "rocks";

    private final Path distribution;
    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private Process process;

    KarafContainer(Path distribution, Path home) {
        this.distribution = distribution;
        this.home = home;
        this.httpPort = freePort();
        this.sshPort = freePort();
    }

    Path home() {
        return home;
    }

    int httpPort() {
        return httpPort;
    }

    int sshPort() {
        return sshPort;
    }

    /**
     * Lays out a fresh copy of the distribution and configures it.
     *
     * @param localRepository Maven local repository holding every bundle the test installs
     * @param featureRepos    feature repositories to register at boot, besides Karaf's
     * @param bootStages      features to install at boot, besides Karaf's, stage by stage: the
     *                        first stage joins Karaf's own, each one starts once the previous is up
     * @param jettyXml        etc/jetty.xml to use
     * @throws IOException if the copy fails
     */
    void prepare(Path localRepository, List<String> featureRepos, List<List<String>> bootStages, Path jettyXml)
            throws IOException {
        deleteTree(home);
        copyTree(distribution, home);
        Path etc = home.resolve("etc");

        // Java 16 and 17: as 15.
        append(etc.resolve("jre.properties"), "\njre-16 = ${jre-15}\njre-17 = ${jre-16}\n");
        Properties config = load(etc.resolve("config.properties"));
        String eecap15 = config.getProperty("eecap-15");
        append(etc.resolve("config.properties"),
               "\neecap-16 = " + eecap15.replace("15.0\"", "15.0,16.0\"")
                       + "\neecap-17 = " + eecap15.replace("15.0\"", "15.0,16.0,17.0\"") + "\n");

        // A user of the JAAS realm "karaf" with role admin, as ONOS ships it.
        append(etc.resolve("users.properties"), "\n" + USER + " = " + PASSWORD + ",_g_:admingroup\n");

        // Maven resolution without a network: the system repository (where ONOS
        // puts an application's artifacts), then the build's local repository.
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.localRepository=${karaf.data}/repository",
                "org.ops4j.pax.url.mvn.defaultRepositories=${karaf.home.uri}${karaf.default.repository}"
                        + "@id=system.repository@snapshots, "
                        + localRepository.toUri() + "@id=build.repository@snapshots",
                "org.ops4j.pax.url.mvn.repositories=",
                "org.ops4j.pax.url.mvn.useFallbackRepositories=false",
                "org.ops4j.pax.url.mvn.offline=true", ""));

        // pax-web on the loopback address only, with the karaf realm in jetty.xml.
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), String.join("\n",
                "org.osgi.service.http.port=" + httpPort,
                "org.ops4j.pax.web.listening.addresses=127.0.0.1",
                "javax.servlet.context.tempdir=${karaf.data}/pax-web-jsp",
                "org.ops4j.pax.web.config.file=${karaf.etc}/jetty.xml", ""));
        Files.copy(jettyXml, etc.resolve("jetty.xml"), StandardCopyOption.REPLACE_EXISTING);

        Path featuresCfg = etc.resolve("org.apache.karaf.features.cfg");
        Properties features = load(featuresCfg);
        features.setProperty("featuresRepositories",
                             features.getProperty("featuresRepositories") + ", " + String.join(", ", featureRepos));
        // As ONOS does, e.g. wrap in a stage of its own: the URL handler must be up
        // before a later stage's wrap: bundles are downloaded.
        StringBuilder boot = new StringBuilder("(").append(features.getProperty("featuresBoot").trim());
        for (int i = 0; i < bootStages.size(); i++) {
            boot.append(i == 0 ? ", " : "), (").append(String.join(", ", bootStages.get(i)));
        }
        features.setProperty("featuresBoot", boot.append(")").toString());
        features.setProperty("serviceRequirements", "default");
        Files.writeString(featuresCfg, features.stringPropertyNames().stream().sorted()
                .map(key -> key + " = " + features.getProperty(key))
                .collect(Collectors.joining("\n", "", "\n")));
    }

    /**
     * Starts Karaf with {@code bin/karaf server}, on the test's own JDK.
     *
     * @param javaOptions more JVM options, or an empty string
     * @param keep        leave it running when the test's JVM exits (for a look after a failure)
     * @throws IOException if it cannot be started
     */
    void start(String javaOptions, boolean keep) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ORG_APACHE_KARAF_SSH_SSHPORT", Integer.toString(sshPort));
        builder.environment().put("ORG_APACHE_KARAF_SSH_SSHHOST", "127.0.0.1");
        builder.environment().put("EXTRA_JAVA_OPTS", javaOptions);
        home.resolve("bin/karaf").toFile().setExecutable(true);
        process = builder.start();
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::kill));
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Stops Karaf: first as its console's {@code shutdown -f} does, then by force.
     *
     * @param shell console, or null
     */
    void stop(KarafShell shell) {
        if (!alive()) {
            return;
        }
        try {
            if (shell != null) {
                shell.run("shutdown -f", Duration.ofSeconds(5));
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * The end of Karaf's log and of its console output (where Declarative
     * Services reports a failed activation), for failure messages.
     *
     * @param lines how many lines of each
     * @return those lines
     */
    String logTail(int lines) {
        return tail(home.resolve("data/log/karaf.log"), lines) + "\n" + tail(home.resolve("console.log"), lines);
    }

    /**
     * What Felix SCR printed about components that failed (it writes to the
     * console, not to karaf.log): each "ERROR : " line with the line after it.
     */
    String componentErrors() {
        try {
            Path console = home.resolve("console.log");
            List<String> all = Files.exists(console) ? Files.readAllLines(console, StandardCharsets.UTF_8) : List.of();
            StringBuilder errors = new StringBuilder();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).startsWith("ERROR : ")) {
                    errors.append(all.get(i)).append('\n')
                            .append(i + 1 < all.size() ? all.get(i + 1) : "").append('\n');
                }
            }
            return errors.toString();
        } catch (IOException | UncheckedIOException e) {
            return "(console.log unreadable: " + e + ")";
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .collect(Collectors.joining("\n", "---- " + file.getFileName() + " (last " + lines
                            + " lines) ----\n", "\n----"));
        } catch (IOException | UncheckedIOException e) {
            return "(" + file.getFileName() + " unreadable: " + e + ")";
        }
    }

    /**
     * Copies a directory tree over another, keeping files already there.
     *
     * @param from source
     * @param to   destination
     * @throws IOException if the copy fails
     */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING,
                               StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    // Deletes a tree; a Karaf still stopping there may add files for a moment.
    private static void deleteTree(Path path) throws IOException {
        for (int attempt = 1; Files.exists(path); attempt++) {
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file, StandardCharsets.ISO_8859_1) + text,
                          StandardCharsets.ISO_8859_1);
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
