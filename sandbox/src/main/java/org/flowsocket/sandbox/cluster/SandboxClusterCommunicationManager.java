/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.cluster;

import org.onlab.util.Tools;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.NodeId;
import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.cluster.messaging.ClusterMessage;
import org.onosproject.store.cluster.messaging.ClusterMessageHandler;
import org.onosproject.store.cluster.messaging.Endpoint;
import org.onosproject.store.cluster.messaging.MessageSubject;
import org.onosproject.store.cluster.messaging.MessagingService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * ONOS's cluster communication service over ONOS's {@link MessagingService}
 * ({@code AtomixMessagingManager}, Atomix's Netty messaging).
 * <p>
 * As ONOS 2.5.6 {@code ClusterCommunicationManager} (onos-core-dist, not
 * published): every message travels as a {@link ClusterMessage} envelope
 * (sender, subject, payload) to the node's {@link Endpoint} (its controller
 * address and port from the cluster service) under the subject's name;
 * {@code broadcast} goes to every other node, {@code broadcastIncludeSelf}
 * to all; a message to a node the cluster does not know fails with
 * {@code IllegalArgumentException("Unknown nodeId: ...")}, as a failed
 * future for {@code unicast} and {@code sendAndReceive} and thrown for
 * {@code multicast}. ONOS's serialisation timers (MeteringAgent) are left
 * out: they only feed ONOS's metrics.
 */
@Component(immediate = true, service = ClusterCommunicationService.class)
public class SandboxClusterCommunicationManager implements ClusterCommunicationService {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ClusterService clusterService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected MessagingService messagingService;

    private NodeId localNodeId;

    @Activate
    public void activate() {
        localNodeId = clusterService.getLocalNode().id();
        log.info("Started");
    }

    @Deactivate
    public void deactivate() {
        log.info("Stopped");
    }

    @Override
    public <M> void broadcast(M message, MessageSubject subject, Function<M, byte[]> encoder) {
        multicast(message, subject, encoder, clusterService.getNodes().stream()
                .filter(node -> !Objects.equals(node, clusterService.getLocalNode()))
                .map(ControllerNode::id)
                .collect(Collectors.toSet()));
    }

    @Override
    public <M> void broadcastIncludeSelf(M message, MessageSubject subject, Function<M, byte[]> encoder) {
        multicast(message, subject, encoder, clusterService.getNodes().stream()
                .map(ControllerNode::id)
                .collect(Collectors.toSet()));
    }

    @Override
    public <M> CompletableFuture<Void> unicast(M message, MessageSubject subject,
                                               Function<M, byte[]> encoder, NodeId toNodeId) {
        try {
            byte[] payload = new ClusterMessage(localNodeId, subject, encoder.apply(message)).getBytes();
            return doUnicast(subject, payload, toNodeId);
        } catch (Exception e) {
            return Tools.exceptionalFuture(e);
        }
    }

    @Override
    public <M> void multicast(M message, MessageSubject subject,
                              Function<M, byte[]> encoder, Set<NodeId> nodes) {
        byte[] payload = new ClusterMessage(localNodeId, subject, encoder.apply(message)).getBytes();
        nodes.forEach(nodeId -> doUnicast(subject, payload, nodeId));
    }

    @Override
    public <M, R> CompletableFuture<R> sendAndReceive(M message, MessageSubject subject,
                                                      Function<M, byte[]> encoder,
                                                      Function<byte[], R> decoder,
                                                      NodeId toNodeId, Duration timeout) {
        try {
            byte[] payload = new ClusterMessage(localNodeId, subject, encoder.apply(message)).getBytes();
            return messagingService.sendAndReceive(endpoint(toNodeId), subject.toString(), payload, timeout)
                    .thenApply(decoder);
        } catch (Exception e) {
            return Tools.exceptionalFuture(e);
        }
    }

    private CompletableFuture<Void> doUnicast(MessageSubject subject, byte[] payload, NodeId toNodeId) {
        return messagingService.sendAsync(endpoint(toNodeId), subject.toString(), payload);
    }

    private Endpoint endpoint(NodeId nodeId) {
        ControllerNode node = clusterService.getNode(nodeId);
        checkArgument(node != null, "Unknown nodeId: %s", nodeId);
        return new Endpoint(node.ip(), node.tcpPort());
    }

    @Override
    public void addSubscriber(MessageSubject subject, ClusterMessageHandler subscriber,
                              ExecutorService executor) {
        // The handler's answer (ClusterMessage.respond) is the reply's payload.
        BiFunction<Endpoint, byte[], byte[]> responder = (sender, bytes) -> {
            ClusterMessage message = ClusterMessage.fromBytes(bytes);
            subscriber.handle(message);
            return message.response();
        };
        messagingService.registerHandler(subject.toString(), responder, executor);
    }

    @Override
    public void removeSubscriber(MessageSubject subject) {
        messagingService.unregisterHandler(subject.toString());
    }

    @Override
    public <M, R> void addSubscriber(MessageSubject subject, Function<byte[], M> decoder,
                                     Function<M, R> handler, Function<R, byte[]> encoder,
                                     Executor executor) {
        addSubscriber(subject, decoder, (M m) -> {
            CompletableFuture<R> response = new CompletableFuture<>();
            executor.execute(() -> {
                try {
                    response.complete(handler.apply(m));
                } catch (Exception e) {
                    response.completeExceptionally(e);
                }
            });
            return response;
        }, encoder);
    }

    @Override
    public <M, R> void addSubscriber(MessageSubject subject, Function<byte[], M> decoder,
                                     Function<M, CompletableFuture<R>> handler,
                                     Function<R, byte[]> encoder) {
        messagingService.registerHandler(subject.toString(), (sender, bytes) ->
                handler.apply(decoder.apply(ClusterMessage.fromBytes(bytes).payload())).thenApply(encoder));
    }

    @Override
    public <M> void addSubscriber(MessageSubject subject, Function<byte[], M> decoder,
                                  Consumer<M> handler, Executor executor) {
        BiConsumer<Endpoint, byte[]> consumer = (sender, bytes) ->
                handler.accept(decoder.apply(ClusterMessage.fromBytes(bytes).payload()));
        messagingService.registerHandler(subject.toString(), consumer, executor);
    }
}
