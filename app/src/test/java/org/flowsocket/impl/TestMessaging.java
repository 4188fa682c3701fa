/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.onosproject.cluster.NodeId;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;
import org.onosproject.store.cluster.messaging.MessageSubject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * ONOS's cluster messaging between the nodes of a test cluster. As ONOS
 * 2.5.6 ClusterCommunicationManager: {@code broadcast} sends to every node
 * but the sender, as bytes, and each receiver decodes and handles a message
 * later, on its own executor. {@code sendAndReceive} fails, as ONOS's
 * messaging does, when the node is not reachable or has no handler for the
 * subject (MessagingException.NoRemoteHandler), or when the reply does not
 * come in time.
 */
final class TestMessaging {

    private final Map<NodeId, Map<MessageSubject, Consumer<byte[]>>> subscribers = new ConcurrentHashMap<>();
    private final Map<NodeId, Map<MessageSubject, Function<byte[], CompletableFuture<byte[]>>>> responders =
            new ConcurrentHashMap<>();
    private final ExecutorService network = Executors.newSingleThreadExecutor();
    private final Predicate<NodeId> reachable;

    /** Messaging between nodes that are always reachable. */
    TestMessaging() {
        this(node -> true);
    }

    /**
     * Messaging between nodes some of which may be down.
     *
     * @param reachable tells whether a node gets messages
     */
    TestMessaging(Predicate<NodeId> reachable) {
        this.reachable = reachable;
    }

    /**
     * Returns a node's messaging service.
     *
     * @param node the node
     * @return its service
     */
    ClusterCommunicationServiceAdapter node(NodeId node) {
        Map<MessageSubject, Consumer<byte[]>> own = subscribers.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
        Map<MessageSubject, Function<byte[], CompletableFuture<byte[]>>> answering =
                responders.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
        return new ClusterCommunicationServiceAdapter() {
            @Override
            public <M> void broadcast(M message, MessageSubject subject, Function<M, byte[]> encoder) {
                byte[] bytes = encoder.apply(message);
                subscribers.forEach((to, theirs) -> {
                    if (!to.equals(node) && reachable.test(to)) {
                        network.execute(() -> {
                            Consumer<byte[]> handler = theirs.get(subject);
                            if (handler != null) {
                                handler.accept(bytes);
                            }
                        });
                    }
                });
            }

            @Override
            public <M> void addSubscriber(MessageSubject subject, Function<byte[], M> decoder, Consumer<M> handler,
                                          Executor executor) {
                own.put(subject, bytes -> executor.execute(() -> handler.accept(decoder.apply(bytes))));
            }

            @Override
            public <M, R> CompletableFuture<R> sendAndReceive(M message, MessageSubject subject,
                                                              Function<M, byte[]> encoder,
                                                              Function<byte[], R> decoder, NodeId to,
                                                              Duration timeout) {
                byte[] bytes = encoder.apply(message);
                CompletableFuture<byte[]> reply = new CompletableFuture<>();
                network.execute(() -> {
                    Function<byte[], CompletableFuture<byte[]>> handler =
                            responders.getOrDefault(to, Map.of()).get(subject);
                    if (!reachable.test(to) || handler == null) {
                        reply.completeExceptionally(new IllegalStateException("no handler for " + subject
                                                                                      + " on " + to));
                        return;
                    }
                    handler.apply(bytes).whenComplete((r, e) -> {
                        if (e != null) {
                            reply.completeExceptionally(e);
                        } else {
                            reply.complete(r);
                        }
                    });
                });
                return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).thenApply(decoder);
            }

            @Override
            public <M, R> void addSubscriber(MessageSubject subject, Function<byte[], M> decoder,
                                             Function<M, R> handler, Function<R, byte[]> encoder,
                                             Executor executor) {
                answering.put(subject, bytes -> CompletableFuture.supplyAsync(
                        () -> encoder.apply(handler.apply(decoder.apply(bytes))), executor));
            }

            @Override
            public void removeSubscriber(MessageSubject subject) {
                own.remove(subject);
                answering.remove(subject);
            }
        };
    }

    /** Stops delivering. */
    void stop() {
        network.shutdownNow();
    }
}
