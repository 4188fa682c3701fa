/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.features;

import com.google.common.collect.ImmutableList;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Evaluates the ONOS in-tree build descriptors (BUCK files for ONOS's Buck
 * era, BUILD files for ONOS 2.x's Bazel) with stubs of ONOS's macros and
 * checks them against the Maven poms and app.xml. The stubs and the checker
 * are Python, the language these descriptors are written in; they live in
 * the test resources under onos-build/.
 */
public class BuildDescriptorsIT {

    /** The files the checker reads, relative to the project root. */
    private static final List<String> INPUTS = ImmutableList.of(
            "BUCK", "BUILD", "pom.xml",
            "app/BUCK", "app/BUILD", "app/pom.xml",
            "web/BUCK", "web/BUILD", "web/pom.xml", "web/src/main/webapp/WEB-INF/web.xml",
            "testkit/BUCK", "testkit/BUILD", "testkit/pom.xml",
            "standins/BUCK", "standins/BUILD", "standins/pom.xml",
            "features/app.xml", "features/pom.xml");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Path root = new File(System.getProperty("project.root")).toPath();

    @Test
    public void buckFilesMatchThePoms() throws Exception {
        Result result = check("buck", root);
        assertEquals(result.output, 0, result.exitCode);
        assertTrue(result.output, result.output.contains("//apps/flowsocket/web:onos-apps-flowsocket-web"));
    }

    @Test
    public void buildFilesMatchThePoms() throws Exception {
        Result result = check("bazel", root);
        assertEquals(result.output, 0, result.exitCode);
        assertTrue(result.output, result.output.contains("web_context /onos/flowsocket"));
    }

    @Test
    public void keywordPassedTwiceFails() throws Exception {
        // Buck's osgi_jar always passes bundle_name = name to onos_jar.
        assertFails("buck", "app/BUCK", "    test_deps = TEST_DEPS,\n",
                    "    test_deps = TEST_DEPS,\n    bundle_name = 'org.flowsocket.app',\n",
                    "onos_jar() got multiple values for keyword argument 'bundle_name'");
    }

    @Test
    public void unknownKeywordFails() throws Exception {
        assertFails("bazel", "app/BUILD", "    deps = COMPILE_DEPS,\n",
                    "    deps = COMPILE_DEPS,\n    export_packages = \"org.flowsocket.api.*\",\n",
                    "osgi_jar_with_tests() got an unexpected keyword argument 'export_packages'");
    }

    @Test
    public void keywordOnosAppWouldDropFails() throws Exception {
        assertFails("buck", "BUCK", "    title = 'FlowSocket',", "    titel = 'FlowSocket',",
                    "onos_app() ignores keyword argument(s) ['titel']");
    }

    @Test
    public void functionDefinitionInBuildFileFails() throws Exception {
        // Python would run it; Bazel rejects def in BUILD files.
        assertFails("bazel", "app/BUILD", "COMPILE_DEPS = ", "def deps():\n    return []\n\nCOMPILE_DEPS = ",
                    "FunctionDef is not allowed in a BUILD file");
    }

    @Test
    public void unknownLabelFails() throws Exception {
        assertFails("bazel", "web/BUILD", "\"@jetty_websocket_client//jar\"", "\"@jetty_websocket_clients//jar\"",
                    "unknown label @jetty_websocket_clients//jar");
    }

    @Test
    public void labelMissingFromDepsJsonAdditionsFails() throws Exception {
        assertFails("bazel", "BUILD", "#     \"jetty-websocket-server\"", "#     \"jetty-websocket-servers\"",
                    "unknown label @jetty_websocket_server//jar");
    }

    @Test
    public void labelWithoutPomCounterpartFails() throws Exception {
        // ONOS 1.x's lib has Jetty 8's jetty-websocket, which the poms do not use.
        assertFails("buck", "web/BUCK", "    ':websocket-server',\n]", "    ':websocket-server',\n    '//lib:jetty-websocket',\n]",
                    "//lib:jetty-websocket (org.eclipse.jetty:jetty-websocket) has no counterpart in the poms");
    }

    @Test
    public void pomDependencyMissingFromDescriptorFails() throws Exception {
        assertFails("bazel", "app/pom.xml", "    <dependencies>\n",
                    "    <dependencies>\n        <dependency>\n            <groupId>com.esotericsoftware</groupId>\n"
                            + "            <artifactId>kryo</artifactId>\n            <scope>provided</scope>\n"
                            + "        </dependency>\n",
                    "pom dependency com.esotericsoftware:kryo is missing from deps");
    }

    @Test
    public void webContextDriftFails() throws Exception {
        assertFails("buck", "web/pom.xml", "<web.context>/onos/flowsocket<", "<web.context>/onos/fs<",
                    "web_context is '/onos/flowsocket', the pom says '/onos/fs'");
    }

    @Test
    public void bundleOutsideOnosGroupFails() throws Exception {
        // Bazel's onos_app names its bundles mvn:org.onosproject:<name>:<version>.
        assertFails("bazel", "web/BUILD", "    deps = COMPILE_DEPS,\n",
                    "    deps = COMPILE_DEPS,\n    group = \"org.flowsocket\",\n",
                    "group org.flowsocket, but onos_app names it as org.onosproject");
    }

    private void assertFails(String era, String file, String from, String to, String expected) throws Exception {
        Path copy = temp.newFolder().toPath();
        for (String input : INPUTS) {
            Path target = copy.resolve(input);
            Files.createDirectories(target.getParent());
            Files.copy(root.resolve(input), target);
        }
        Path changed = copy.resolve(file);
        String text = Files.readString(changed);
        assertTrue(file + " has no " + from, text.contains(from));
        Files.writeString(changed, text.replace(from, to));

        Result result = check(era, copy);
        assertEquals(result.output, 1, result.exitCode);
        assertTrue(result.output, result.output.contains(expected));
    }

    private static Result check(String era, Path projectRoot) throws Exception {
        File script = new File(BuildDescriptorsIT.class.getResource("/onos-build/check_build_descriptors.py").toURI());
        ProcessBuilder builder = new ProcessBuilder("python3", script.getPath(), era,
                                                    projectRoot.toString(), mavenRepository().getPath())
                .redirectErrorStream(true);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("checker still running", process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }

    /** The local Maven repository this build resolves from: four levels above junit's jar. */
    private static File mavenRepository() throws URISyntaxException, IOException {
        File jar = new File(Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File repository = jar.getParentFile().getParentFile().getParentFile().getParentFile();
        if (!new File(repository, "junit/junit").isDirectory()) {
            throw new IOException("junit is not in a Maven repository layout: " + jar);
        }
        return repository;
    }

    private static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
