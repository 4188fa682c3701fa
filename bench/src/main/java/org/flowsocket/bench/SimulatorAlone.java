/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.flowsocket.sandbox.runtime.ServiceRegistry;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceProviderRegistry;
import org.onosproject.net.device.DeviceProviderService;
import org.onosproject.net.flow.CompletedBatchOperation;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleProvider;
import org.onosproject.net.flow.FlowRuleProviderRegistry;
import org.onosproject.net.flow.FlowRuleProviderService;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchEntry;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchOperation;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.link.LinkProviderRegistry;
import org.onosproject.net.link.LinkProviderService;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The ceiling of the simulator alone: the same simulated network as the
 * sandbox's (same switches, acknowledgement latency, statistics schedule and
 * switch threads), with no ONOS behind its providers. Its provider
 * registries are stand-ins that accept every call and report each
 * successful batch answer ({@code batchOperationCompleted}); batches are
 * handed to its flow rule provider as ONOS's FlowRuleManager hands them
 * ({@code executeBatch}).
 */
final class SimulatorAlone implements AutoCloseable {

    private final SimulatedNetwork network;
    private final FlowRuleProvider provider;

    /**
     * Starts a network of its own.
     *
     * @param topology   topology spec, as the sandbox's
     * @param ackLatency the switches' acknowledgement latency
     * @param confirmed  told the id of every batch answered successfully
     */
    SimulatorAlone(String topology, Duration ackLatency, LongConsumer confirmed) {
        ServiceRegistry services = new ServiceRegistry();
        List<FlowRuleProvider> flowProviders = new ArrayList<>();
        services.register(DeviceProviderRegistry.class,
                registry(DeviceProviderRegistry.class, DeviceProviderService.class, null, null));
        services.register(LinkProviderRegistry.class,
                registry(LinkProviderRegistry.class, LinkProviderService.class, null, null));
        services.register(HostProviderRegistry.class,
                registry(HostProviderRegistry.class, HostProviderService.class, null, null));
        services.register(FlowRuleProviderRegistry.class,
                registry(FlowRuleProviderRegistry.class, FlowRuleProviderService.class, flowProviders, confirmed));
        network = new SimulatedNetwork(services, NetworkSpec.parse(topology));
        network.faults().setAckLatency(ackLatency);
        network.setSwitchThreads(true);
        network.start();
        provider = flowProviders.get(0);
    }

    /** @return the switches */
    List<DeviceId> devices() {
        return network.deviceIds();
    }

    /**
     * Hands a batch of rules to add to their switch.
     *
     * @param id    the batch's id
     * @param rules rules, all on one switch
     */
    void add(long id, List<FlowRule> rules) {
        List<FlowRuleBatchEntry> entries = new ArrayList<>(rules.size());
        rules.forEach(r -> entries.add(new FlowRuleBatchEntry(FlowRuleBatchEntry.FlowRuleOperation.ADD, r)));
        provider.executeBatch(new FlowRuleBatchOperation(entries, rules.get(0).deviceId(), id));
    }

    /**
     * Waits until every batch handed over is answered.
     *
     * @param timeout longest wait
     * @return whether all were
     * @throws InterruptedException if interrupted
     */
    boolean awaitQuiet(Duration timeout) throws InterruptedException {
        return network.awaitQuiet(timeout);
    }

    @Override
    public void close() {
        network.close();
    }

    // A provider registry whose provider services accept every call; the
    // flow rule service reports successful batch answers.
    @SuppressWarnings("unchecked")
    private static <R> R registry(Class<R> type, Class<?> serviceType, List<FlowRuleProvider> flowProviders,
                                  LongConsumer confirmed) {
        return (R) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "register":
                    if (flowProviders != null) {
                        flowProviders.add((FlowRuleProvider) args[0]);
                    }
                    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{serviceType},
                            (p, m, a) -> serviceCall(m, a, args[0], confirmed));
                case "getProviders":
                    return Set.of();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "stand-in " + type.getSimpleName();
                default:
                    return null;
            }
        });
    }

    private static Object serviceCall(Method m, Object[] a, Object provider, LongConsumer confirmed) {
        switch (m.getName()) {
            case "batchOperationCompleted":
                if (((CompletedBatchOperation) a[1]).isSuccess()) {
                    confirmed.accept((Long) a[0]);
                }
                return null;
            case "provider":
                return provider;
            case "hashCode":
                return 0;
            case "equals":
                return false;
            case "toString":
                return "stand-in provider service";
            default:
                return zero(m.getReturnType());
        }
    }

    private static Object zero(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        return Array.get(Array.newInstance(type, 1), 0);
    }
}
