/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of a Markdown document: fenced Python programs (with
 * the output the document says they print), {@code curl} command lines (in
 * shell blocks or inline code, with the HTTP status a trailing
 * {@code # NNN} comment names) and protocol exchanges ({@code →} requests
 * with the {@code ←} replies shown after them). A fenced block or paragraph
 * preceded by a line holding {@value #MARKER} and a reason is not run.
 */
final class DocExamples {

    /** Marks the next fenced block or paragraph as not runnable; a reason must follow. */
    static final String MARKER = "Not run by the docs test:";

    private static final Pattern INLINE_CURL = Pattern.compile("`(curl [^`]+)`");

    final Path file;
    final List<Python> python = new ArrayList<>();
    final List<Curl> curls = new ArrayList<>();
    final List<Exchange> exchanges = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    /** A Python program and the output the document shows for it, or null. */
    static final class Python {
        final int line;
        final String code;
        final String expected;

        Python(int line, String code, String expected) {
            this.line = line;
            this.code = code;
            this.expected = expected;
        }
    }

    /** A curl command line and the HTTP status it should get (0: any below 400). */
    static final class Curl {
        final int line;
        final String command;
        final int status;

        Curl(int line, String command, int status) {
            this.line = line;
            this.command = command;
            this.status = status;
        }
    }

    /** A request the document sends and the reply it shows right after it, or null. */
    static final class Exchange {
        final int line;
        String request;
        String reply;

        Exchange(int line, String request) {
            this.line = line;
            this.request = request;
        }
    }

    private DocExamples(Path file) {
        this.file = file;
    }

    /**
     * Reads a document's examples.
     *
     * @param file Markdown file
     * @return its examples
     * @throws IOException if it cannot be read
     */
    static DocExamples read(Path file) throws IOException {
        DocExamples doc = new DocExamples(file);
        doc.parse(Files.readAllLines(file));
        return doc;
    }

    private void parse(List<String> lines) {
        List<String> prose = new ArrayList<>();
        int proseStart = 1;
        Python awaitingOutput = null;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.trim().startsWith("```")) {
                if (line.isBlank()) {
                    inlineCurls(prose, proseStart);
                    prose.clear();
                    proseStart = i + 2;
                } else {
                    prose.add(line);
                }
                i++;
                continue;
            }
            String lang = line.trim().substring(3).trim();
            int start = i + 1;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.size() && !lines.get(i).trim().startsWith("```")) {
                body.add(lines.get(i));
                i++;
            }
            i++;
            String before = lastText(lines, start - 2);
            boolean prints = before.endsWith("prints") || before.endsWith("prints:");
            if (awaitingOutput != null && prints) {
                python.set(python.indexOf(awaitingOutput), new Python(awaitingOutput.line, awaitingOutput.code,
                                                                        String.join("\n", body)));
                awaitingOutput = null;
            } else if (before.contains(MARKER)) {
                if (before.substring(before.indexOf(MARKER) + MARKER.length()).trim().length() < 3) {
                    problems.add(file.getFileName() + ":" + start + ": '" + MARKER + "' without a reason");
                }
                awaitingOutput = null;
            } else {
                awaitingOutput = block(lang, start, body);
            }
            inlineCurls(prose, proseStart);
            prose.clear();
            proseStart = i + 1;
        }
        inlineCurls(prose, proseStart);
    }

    // Adds a fenced block's examples; returns the Python program that may be followed by its output.
    private Python block(String lang, int start, List<String> body) {
        if (lang.equals("python")) {
            Python p = new Python(start, String.join("\n", body), null);
            python.add(p);
            return p;
        }
        Exchange current = null;
        boolean inReply = false;
        for (int k = 0; k < body.size(); k++) {
            String text = body.get(k).trim();
            if (text.startsWith("→")) {
                current = new Exchange(start + k, text.substring(1).trim());
                exchanges.add(current);
                inReply = false;
            } else if (text.startsWith("←")) {
                if (current != null && current.reply == null) {
                    current.reply = text.substring(1).trim();
                    inReply = true;
                } else {
                    inReply = false;
                    current = null;
                }
            } else if (current != null && !text.isEmpty()) {
                if (inReply) {
                    current.reply += " " + text;
                } else if (current.reply == null) {
                    current.request += " " + text;
                }
            } else if (text.startsWith("curl ") || text.startsWith("$ curl ")) {
                curls.add(curl(start + k, text.replaceFirst("^\\$ ", "")));
            }
        }
        return null;
    }

    private void inlineCurls(List<String> paragraph, int line) {
        String text = String.join(" ", paragraph);
        if (paragraph.isEmpty() || text.contains(MARKER)) {
            return;
        }
        Matcher m = INLINE_CURL.matcher(text);
        while (m.find()) {
            curls.add(curl(line, m.group(1)));
        }
    }

    private static Curl curl(int line, String text) {
        Matcher status = Pattern.compile("#\\s*(\\d{3})\\b").matcher(text);
        String command = text.contains("#") ? text.substring(0, text.indexOf('#')).trim() : text.trim();
        return new Curl(line, command, status.find() ? Integer.parseInt(status.group(1)) : 0);
    }

    private static String lastText(List<String> lines, int from) {
        for (int k = from; k >= 0; k--) {
            if (!lines.get(k).isBlank()) {
                return lines.get(k).trim();
            }
        }
        return "";
    }
}
