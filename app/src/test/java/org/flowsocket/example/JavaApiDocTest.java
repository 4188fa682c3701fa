/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.example;

import org.junit.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The Java example of docs/java-api.md is VoiceCalls, which VoiceCallsTest
 * runs: the same code line for line, comments and the package aside.
 */
public class JavaApiDocTest {

    private static final Path DOC = Path.of("docs", "java-api.md");
    private static final Path SOURCE = Path.of("app", "src", "test", "java", "org", "flowsocket", "example",
                                               "VoiceCalls.java");

    @Test
    public void documentedExampleIsTheTestedVoiceCalls() throws IOException {
        Path root = repositoryRoot();
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(root.resolve(DOC)));
        assertTrue("no Java example in " + DOC, block.find());
        assertEquals(code(Files.readString(root.resolve(SOURCE))), code(block.group(1)));
    }

    // The tests run in app/ and, on other ONOS releases, in a module of matrix/app/.
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DOC)) && Files.isRegularFile(dir.resolve(SOURCE))) {
                return dir;
            }
        }
        throw new AssertionError("no " + DOC + " above " + Path.of("").toAbsolutePath());
    }

    // The code's lines, trimmed, without comments, blank lines and package.
    private static String code(String source) {
        String noComments = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
        List<String> lines = Arrays.stream(noComments.split("\n")).map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("package "))
                .collect(Collectors.toList());
        return String.join("\n", lines);
    }
}
