/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.testkit.FlowSocketClient;
import org.flowsocket.testkit.Requests;
import org.junit.Assume;
import org.junit.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;

/**
 * Every example in README.md, docs/*.md and sandbox/README.md runs as printed against a fresh
 * sandbox (linear,3) per document: Python programs (their output compared
 * with what the document says they print), curl command lines (their HTTP
 * status), and the protocol exchanges ({@code →} requests, in document order,
 * answered as the {@code ←} reply after them shows: status and error code).
 * The documents name {@code localhost:8181}, {@code 127.0.0.1:8181} or
 * {@code onos-host:8181}; the test points them at the sandbox's port. Flow
 * handle ids a document's replies show ({@code fs-7}) stand for the ids the
 * sandbox really gave. What a document marks with
 * {@value DocExamples#MARKER} and a reason is not run.
 */
public class DocsExamplesE2ETest {

    private static final Pattern HOST = Pattern.compile("(localhost|127\\.0\\.0\\.1|onos-host|<onos>):8181");
    private static final Pattern HANDLE_ID = Pattern.compile("\"flowId\"\\s*:\\s*\"(fs-\\d+)\"");
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern FAILED_COUNT = Pattern.compile("\"failed\"\\s*:\\s*(\\d+)");
    private static final long PROCESS_SECONDS = 60;
    private static final long METERED_REPLY_SECONDS = 45;
    private static final Path PYTHON_CLIENT =
            Path.of(System.getProperty("user.dir")).getParent().resolve("clients").resolve("python");

    private final ObjectMapper mapper = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    @Test
    public void everyExampleRunsAsPrinted() throws Exception {
        String python = python();
        Assume.assumeTrue("docs test skipped: no python3 with the websocket-client and websockets modules "
                                  + "(Debian python3-websocket, python3-websockets); test-all.sh installs them",
                          python != null);
        Assume.assumeTrue("docs test skipped: no curl", run(List.of("curl", "--version"), Map.of()).exit == 0);
        Path runner = contractRunner();
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (Path doc : documents()) {
            DocExamples examples = DocExamples.read(doc);
            failures.addAll(examples.problems);
            if (examples.python.isEmpty() && examples.curls.isEmpty() && examples.exchanges.isEmpty()) {
                continue;
            }
            try (E2eSandbox env = E2eSandbox.start()) {
                String hostPort = "127.0.0.1:" + env.webSocketUri().getPort();
                String where = doc.getFileName().toString();
                for (DocExamples.Python p : examples.python) {
                    ran++;
                    runPython(python, runner, p, hostPort, where, failures);
                }
                FlowSocketClient client = examples.exchanges.isEmpty() ? null : env.admin();
                Map<String, String> handleIds = new HashMap<>();
                for (DocExamples.Exchange e : examples.exchanges) {
                    ran++;
                    runExchange(client, handleIds, e, where, failures);
                }
                for (DocExamples.Curl c : examples.curls) {
                    ran++;
                    runCurl(c, hostPort, where, failures);
                }
            }
        }
        assertEquals("examples that do not run as printed (" + ran + " run):\n"
                             + String.join("\n\n", failures), List.of(), failures);
    }

    private static List<Path> documents() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            docs.addAll(files.filter(f -> f.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
        }
        docs.add(root.resolve("sandbox").resolve("README.md"));
        return docs;
    }

    private void runPython(String python, Path runner, DocExamples.Python p, String hostPort, String where,
                           List<String> failures) throws Exception {
        Path script = Files.createTempFile("doc-example", ".py");
        Path violations = Files.createTempFile("doc-example", ".violations");
        try {
            Files.writeString(script, HOST.matcher(p.code).replaceAll(hostPort));
            // Every frame the example receives is checked against docs/schema.
            Result r = run(List.of(python, runner.toString(), script.toString()),
                           Map.of("FLOWSOCKET_CONTRACT_DIR", PYTHON_CLIENT.resolve("tests").toString(),
                                  "FLOWSOCKET_CONTRACT_VIOLATIONS", violations.toString()));
            List<String> broken = Files.readAllLines(violations, StandardCharsets.UTF_8);
            if (!broken.isEmpty()) {
                failures.add(where + ":" + p.line + ": the Python example received " + broken.size()
                                     + " message(s) that break docs/schema: " + broken.get(0));
            }
            if (r.exit != 0) {
                failures.add(where + ":" + p.line + ": the Python example exits with " + r.exit + ":\n" + r.output);
            } else if (p.expected != null && !trimLines(r.stdout).equals(trimLines(p.expected))) {
                failures.add(where + ":" + p.line + ": the Python example prints\n" + r.stdout
                                     + "\nbut the document says\n" + p.expected);
            }
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(violations);
        }
    }

    private void runExchange(FlowSocketClient client, Map<String, String> handles, DocExamples.Exchange e,
                             String where, List<String> failures) throws Exception {
        ObjectNode request;
        try (JsonParser parser = mapper.getFactory().createParser(e.request)) {
            // The first JSON value of the line; text after it is a comment.
            request = (ObjectNode) mapper.readTree(parser);
        } catch (IOException | ClassCastException x) {
            failures.add(where + ":" + e.line + ": the request is not JSON: " + e.request);
            return;
        }
        String text = request.toString();
        for (Map.Entry<String, String> h : handles.entrySet()) {
            text = text.replace("\"" + h.getKey() + "\"", "\"" + h.getValue() + "\"");
        }
        // A metered InstallFlow waits for ONOS's next meter-statistics poll
        // (every 10 s) before it sends rules: as long as protocol.md's
        // "Meters" says such a reply may take, not the kit's usual wait.
        JsonNode reply = client.request(Requests.json(text)).get(METERED_REPLY_SECONDS, TimeUnit.SECONDS);
        String wantStatus = e.reply != null && e.reply.contains("\"status\":\"error\"") ? "error" : "ok";
        String status = reply.path("status").asText();
        if (!wantStatus.equals(status)) {
            failures.add(where + ":" + e.line + ": " + e.request + "\n  got " + reply + "\n  the document shows "
                                 + (e.reply == null ? "(no reply; ok expected)" : e.reply));
            return;
        }
        Matcher failed = FAILED_COUNT.matcher(e.reply == null ? "" : e.reply);
        if (failed.find() && reply.path("result").path("failed").asInt(-1) != Integer.parseInt(failed.group(1))) {
            failures.add(where + ":" + e.line + ": " + e.request + "\n  got " + reply
                                 + "\n  the document shows " + e.reply);
        }
        if ("error".equals(status)) {
            Matcher code = ERROR_CODE.matcher(e.reply);
            if (code.find() && !code.group(1).equals(reply.path("error").path("code").asText())) {
                failures.add(where + ":" + e.line + ": " + e.request + "\n  got " + reply
                                     + "\n  the document shows " + e.reply);
            }
        }
        // The handle id the document shows stands for the one the sandbox gave.
        if (e.reply != null && reply.path("result").has("flowId")) {
            Matcher shown = HANDLE_ID.matcher(e.reply);
            if (shown.find()) {
                handles.put(shown.group(1), reply.path("result").path("flowId").asText());
            }
        }
    }

    private void runCurl(DocExamples.Curl c, String hostPort, String where, List<String> failures)
            throws Exception {
        String command = HOST.matcher(c.command).replaceAll(hostPort)
                + " -sS -o /dev/null --max-time 20 -w '%{http_code}'";
        Result r = run(List.of("bash", "-c", command), Map.of());
        int status = r.stdout.trim().matches("\\d{3}") ? Integer.parseInt(r.stdout.trim()) : -1;
        boolean ok = c.status == 0 ? status >= 200 && status < 400 : status == c.status;
        if (!ok) {
            failures.add(where + ":" + c.line + ": " + c.command + "\n  got HTTP " + status + " (exit " + r.exit
                                 + ") " + r.output + "\n  the document expects "
                                 + (c.status == 0 ? "success" : String.valueOf(c.status)));
        }
    }

    // The python3 that has websocket-client and websockets (the flowsocket package's dependency):
    // the one on PATH or Debian's.
    private static String python() throws Exception {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                if (run(List.of(candidate, "-c", "import websocket, websockets"), Map.of()).exit == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed
            }
        }
        return null;
    }

    // Runs an example with the frames it receives checked. A file of its own:
    // the release matrix loads this class and its resources from a jar.
    private static Path contractRunner() throws IOException {
        Path runner = Files.createTempFile("contract_runner", ".py");
        runner.toFile().deleteOnExit();
        try (InputStream in = DocsExamplesE2ETest.class.getResourceAsStream("contract_runner.py")) {
            Files.copy(in, runner, StandardCopyOption.REPLACE_EXISTING);
        }
        return runner;
    }

    private static String trimLines(String text) {
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }

    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        // The examples import the Python client package from its source directory.
        pb.environment().merge("PYTHONPATH", PYTHON_CLIENT.toString(),
                               (before, client) -> client + File.pathSeparator + before);
        pb.environment().putAll(environment);
        Path out = Files.createTempFile("doc-example", ".out");
        Path err = Files.createTempFile("doc-example", ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process process = pb.start();
        process.getOutputStream().close();
        int exit;
        if (process.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS)) {
            exit = process.exitValue();
        } else {
            process.destroyForcibly().waitFor();
            exit = -1;
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return new Result(exit, stdout, stdout + stderr);
    }

    private static final class Result {
        final int exit;
        final String stdout;
        final String output;

        Result(int exit, String stdout, String output) {
            this.exit = exit;
            this.stdout = stdout;
            this.output = output;
        }
    }
}
