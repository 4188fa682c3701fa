/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.onosproject.cluster.NodeId;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;
import org.onosproject.store.cluster.messaging.MessageSubject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * ONOS's cluster messaging between the nodes of a test cluster. As ONOS
 * 2.5.6 ClusterCommunicationManager: {@code broadcast} sends to every node
 * but the sender, as bytes, and each receiver decodes and handles a message
 * later, on its own executor.
 */
final class TestMessaging {

    private final Map<NodeId, Map<MessageSubject, Consumer<byte[]>>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService network = Executors.newSingleThreadExecutor();

    /**
     * Returns a node's messaging service.
     *
     * @param node the node
     * @return its service
     */
    ClusterCommunicationServiceAdapter node(NodeId node) {
        Map<MessageSubject, Consumer<byte[]>> own = subscribers.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
        return new ClusterCommunicationServiceAdapter() {
            @Override
            public <M> void broadcast(M message, MessageSubject subject, Function<M, byte[]> encoder) {
                byte[] bytes = encoder.apply(message);
                subscribers.forEach((to, theirs) -> {
                    if (!to.equals(node)) {
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
            public void removeSubscriber(MessageSubject subject) {
                own.remove(subject);
            }
        };
    }

    /** Stops delivering. */
    void stop() {
        network.shutdownNow();
    }
}
