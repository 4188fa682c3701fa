/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.web;

import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.MessageSink;
import org.flowsocket.api.SessionInfo;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stand-in for the command core: records sessions and answers two request
 * types. {@code {"type":"Echo","id":"x"}} is answered at once on the calling
 * thread; {@code {"type":"Delay","id":"x","ms":n}} after n ms from another
 * thread. Tests push events and close sessions through the recorded sinks.
 */
final class RecordingService implements FlowSocketService {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern MS = Pattern.compile("\"ms\"\\s*:\\s*(\\d+)");

    private final ScheduledExecutorService replier = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Recorded> sessions = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Recorded> opened = new LinkedBlockingQueue<>();
    private volatile ConnectionSettings settings = ConnectionSettings.DEFAULT;

    /** One recorded session. */
    static final class Recorded implements ClientSession {
        final String id;
        final ClientIdentity client;
        final MessageSink sink;
        final List<String> received = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        private final ScheduledExecutorService replier;

        Recorded(String id, ClientIdentity client, MessageSink sink, ScheduledExecutorService replier) {
            this.id = id;
            this.client = client;
            this.sink = sink;
            this.replier = replier;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void receive(String message) {
            received.add(message);
            String reqId = find(ID, message, "");
            String reply = "{\"id\":\"" + reqId + "\",\"status\":\"ok\"}";
            if ("Delay".equals(find(TYPE, message, ""))) {
                long ms = Long.parseLong(find(MS, message, "0"));
                replier.schedule(() -> sink.send(reply), ms, TimeUnit.MILLISECONDS);
            } else {
                sink.send(reply);
            }
        }

        @Override
        public void close() {
            closed.countDown();
        }

        @Override
        public SessionInfo info() {
            return new SessionInfo(id, client, 0, Collections.emptySet(), received.size(), 0, 0);
        }
    }

    @Override
    public ClientSession openSession(ClientIdentity client, MessageSink sink) {
        Recorded s = new Recorded("s" + ids.incrementAndGet(), client, sink, replier);
        sessions.add(s);
        sink.send("{\"type\":\"Hello\",\"protocol\":\"" + PROTOCOL + "\"}");
        opened.add(s);
        return s;
    }

    List<SessionInfo> sessions() {
        return sessions.stream().map(Recorded::info).collect(Collectors.toList());
    }

    @Override
    public ConnectionSettings connectionSettings() {
        return settings;
    }

    void setSettings(ConnectionSettings settings) {
        this.settings = settings;
    }

    /**
     * Waits for the next session the servlet opens.
     *
     * @return the session, or null after 5 s
     * @throws InterruptedException if interrupted
     */
    Recorded nextSession() throws InterruptedException {
        return opened.poll(5, TimeUnit.SECONDS);
    }

    List<Recorded> all() {
        return sessions;
    }

    void shutdown() {
        replier.shutdownNow();
    }

    private static String find(Pattern p, String text, String otherwise) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }
}
