/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.google.common.collect.Sets;
import org.onlab.packet.ChassisId;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DefaultDeviceDescription;
import org.onosproject.net.device.DefaultPortDescription;
import org.onosproject.net.device.DeviceProvider;
import org.onosproject.net.device.DeviceProviderRegistry;
import org.onosproject.net.device.DeviceProviderService;
import org.onosproject.net.device.PortDescription;
import org.onosproject.net.flow.CompletedBatchOperation;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleProvider;
import org.onosproject.net.flow.FlowRuleProviderRegistry;
import org.onosproject.net.flow.FlowRuleProviderService;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchEntry;
import org.onosproject.net.flow.oldbatch.FlowRuleBatchOperation;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;
import org.flowsocket.sandbox.core.SandboxCore;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of ONOS alone: devices of the {@code null} scheme whose flow
 * rule provider acknowledges as ONOS's own null providers do, so that a row
 * over them measures ONOS's FlowRuleManager and store with no switch
 * simulation in the way.
 * <p>
 * As ONOS 2.5.6 {@code providers/null/.../NullFlowRuleProvider}: a batch is
 * applied to an in-memory table and answered successfully at once, in the
 * thread that hands it over ({@code executeBatch} calls
 * {@code batchOperationCompleted} before returning); every 5 s the whole
 * table of each device is pushed with {@code pushFlowMetrics} (there on
 * ONOS's shared timer, here on one scheduler thread). ONOS's null providers
 * are not published on Maven Central, so their behaviour is copied here.
 * Devices are announced as ONOS 2.5.6 {@code NullProviders}' device provider
 * does, and accept every mastership role at once ({@code roleChanged} answers
 * {@code receivedRoleReply} in the caller's thread).
 */
final class NullSwitches implements AutoCloseable {

    /** Provider id of the null devices (scheme "null"). */
    static final ProviderId PROVIDER_ID = new ProviderId("null", "org.flowsocket.bench.null");

    // As NullFlowRuleProvider: statistics every 5 s.
    private static final long STATS_SECONDS = 5;

    private final List<DeviceId> devices = new ArrayList<>();
    private final DeviceProviderRegistry deviceRegistry;
    private final FlowRuleProviderRegistry flowRegistry;
    private final NullDeviceProvider deviceProvider = new NullDeviceProvider();
    private final NullFlowRuleProvider flowProvider = new NullFlowRuleProvider();
    private final ScheduledExecutorService statsTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-null-flow-stats");
        t.setDaemon(true);
        return t;
    });
    private DeviceProviderService deviceService;

    /**
     * Registers the providers and announces {@code count} devices.
     *
     * @param core  ONOS's core
     * @param count number of devices
     */
    NullSwitches(SandboxCore core, int count) {
        this.deviceRegistry = core.get(DeviceProviderRegistry.class);
        this.flowRegistry = core.get(FlowRuleProviderRegistry.class);
        deviceService = deviceRegistry.register(deviceProvider);
        flowProvider.service = flowRegistry.register(flowProvider);
        for (int i = 1; i <= count; i++) {
            DeviceId id = DeviceId.deviceId(String.format("null:%016x", i));
            devices.add(id);
            deviceService.deviceConnected(id, new DefaultDeviceDescription(URI.create(id.toString()),
                    Device.Type.SWITCH, "ON.Lab", "0.0.1", "0.0.1", "1234", new ChassisId(i)));
            List<PortDescription> ports = new ArrayList<>();
            for (int p = 1; p <= 4; p++) {
                ports.add(DefaultPortDescription.builder().withPortNumber(PortNumber.portNumber(p))
                        .isEnabled(true).portSpeed(10_000).build());
            }
            deviceService.updatePorts(id, ports);
        }
        statsTimer.scheduleWithFixedDelay(flowProvider::pushStatistics, STATS_SECONDS, STATS_SECONDS,
                TimeUnit.SECONDS);
    }

    /** @return the null devices */
    List<DeviceId> devices() {
        return List.copyOf(devices);
    }

    @Override
    public void close() {
        statsTimer.shutdownNow();
        for (DeviceId id : devices) {
            deviceService.deviceDisconnected(id);
        }
        flowRegistry.unregister(flowProvider);
        deviceRegistry.unregister(deviceProvider);
    }

    private final class NullDeviceProvider extends AbstractProvider implements DeviceProvider {
        NullDeviceProvider() {
            super(PROVIDER_ID);
        }

        @Override
        public void triggerProbe(DeviceId deviceId) {
        }

        @Override
        public void roleChanged(DeviceId deviceId, MastershipRole newRole) {
            deviceService.receivedRoleReply(deviceId, newRole, newRole);
        }

        @Override
        public boolean isReachable(DeviceId deviceId) {
            return devices.contains(deviceId);
        }

        @Override
        public void changePortState(DeviceId deviceId, PortNumber portNumber, boolean enable) {
        }
    }

    // As ONOS 2.5.6 NullFlowRuleProvider, line for line where it matters.
    private static final class NullFlowRuleProvider extends AbstractProvider implements FlowRuleProvider {
        private final ConcurrentMap<DeviceId, Set<FlowEntry>> flowTable = new ConcurrentHashMap<>();
        private volatile FlowRuleProviderService service;

        NullFlowRuleProvider() {
            super(PROVIDER_ID);
        }

        @Override
        public void applyFlowRule(FlowRule... flowRules) {
            for (FlowRule rule : flowRules) {
                flowTable.getOrDefault(rule.deviceId(), Sets.newConcurrentHashSet()).add(new DefaultFlowEntry(rule));
            }
        }

        @Override
        public void removeFlowRule(FlowRule... flowRules) {
            for (FlowRule rule : flowRules) {
                flowTable.getOrDefault(rule.deviceId(), Sets.newConcurrentHashSet())
                        .remove(new DefaultFlowEntry(rule));
            }
        }

        @Override
        public void executeBatch(FlowRuleBatchOperation batch) {
            Set<FlowEntry> entries = flowTable.getOrDefault(batch.deviceId(), Sets.newConcurrentHashSet());
            for (FlowRuleBatchEntry fbe : batch.getOperations()) {
                switch (fbe.operator()) {
                    case ADD:
                        entries.add(new DefaultFlowEntry(fbe.target()));
                        break;
                    case REMOVE:
                        entries.remove(new DefaultFlowEntry(fbe.target()));
                        break;
                    case MODIFY:
                        FlowEntry entry = new DefaultFlowEntry(fbe.target());
                        entries.remove(entry);
                        entries.add(entry);
                        break;
                    default:
                        break;
                }
            }
            flowTable.put(batch.deviceId(), entries);
            service.batchOperationCompleted(batch.id(),
                    new CompletedBatchOperation(true, Collections.emptySet(), batch.deviceId()));
        }

        void pushStatistics() {
            try {
                for (DeviceId id : flowTable.keySet()) {
                    service.pushFlowMetrics(id, flowTable.getOrDefault(id, Collections.emptySet()));
                }
            } catch (RuntimeException e) {
                // as a timer task: the next period runs anyway
            }
        }
    }
}
