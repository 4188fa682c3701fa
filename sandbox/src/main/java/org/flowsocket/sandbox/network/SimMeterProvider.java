/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

import org.flowsocket.sandbox.core.MeterRelease;
import org.flowsocket.sandbox.southbound.MeterStatsSchedule;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.DefaultMeterFeatures;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterFailReason;
import org.onosproject.net.meter.MeterFeatures;
import org.onosproject.net.meter.MeterOperation;
import org.onosproject.net.meter.MeterOperations;
import org.onosproject.net.meter.MeterProvider;
import org.onosproject.net.meter.MeterProviderService;
import org.onosproject.net.provider.AbstractProvider;
import org.onosproject.net.provider.ProviderId;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The simulated switches' meter provider. Meters are confirmed as ONOS's
 * OpenFlow meter provider confirms them: only when the switch's meter
 * statistics are read ({@link MeterStatsSchedule}), and right after a meter
 * removal; a refused meter fails at once. Without ONOS's meter registry
 * (no service), switches announce no meter features and are not read.
 */
final class SimMeterProvider extends AbstractProvider implements MeterProvider {

    /** Meters a simulated switch supports, announced when it connects. */
    static final int METERS_PER_SWITCH = 1024;

    private final SimSwitches switches;
    private final SwitchFaults faults;
    private final MeterStatsSchedule schedule;
    private MeterProviderService service;

    SimMeterProvider(ProviderId id, SimSwitches switches, SwitchFaults faults, MeterStatsSchedule schedule) {
        super(id);
        this.switches = requireNonNull(switches);
        this.faults = requireNonNull(faults);
        this.schedule = requireNonNull(schedule);
    }

    void setService(MeterProviderService service) {
        this.service = requireNonNull(service);
    }

    /**
     * A switch connected: it announces its meter features and its meter
     * statistics are read from now on.
     *
     * @param s the switch
     */
    void connected(SimSwitch s) {
        if (service != null) {
            service.pushMeterFeatures(s.id, features(s.id));
            schedule.start(s.id, () -> pushStatistics(s));
        }
    }

    /**
     * A switch disconnected: its meter statistics are no longer read.
     *
     * @param s the switch
     */
    void disconnected(SimSwitch s) {
        schedule.stop(s.id);
    }

    @Override
    public void performMeterOperation(DeviceId deviceId, MeterOperations meterOps) {
        List<MeterOperation> ops = List.copyOf(meterOps.operations());
        switches.later(faults.latencyFor(deviceId), () -> ops.forEach(op -> apply(deviceId, op)));
    }

    @Override
    public void performMeterOperation(DeviceId deviceId, MeterOperation meterOp) {
        switches.later(faults.latencyFor(deviceId), () -> apply(deviceId, meterOp));
    }

    private void pushStatistics(SimSwitch s) {
        if (s.up) {
            service.pushMeterMetrics(s.id, s.meterEntries());
        }
    }

    // Applies a meter operation on a switch. As ONOS 2.5.6 OpenFlowMeterProvider:
    // a refusal fails the operation at once, an addition is confirmed only by
    // the next statistics read, and a removal is followed by a read at once
    // (forceStatsAfterMeterRemoval, default true).
    private void apply(DeviceId deviceId, MeterOperation op) {
        SimSwitch s = switches.connected(deviceId);
        if (s == null) {
            // performMeterOperation: no connected switch for the device.
            service.meterOperationFailed(op, MeterFailReason.UNKNOWN_DEVICE);
            return;
        }
        Meter meter = op.meter();
        switch (op.type()) {
            case ADD:
            case MODIFY:
                SimSwitch.Installed<Meter> installed = s.meters.get(meter.meterCellId());
                if (op.type() == MeterOperation.Type.ADD && installed != null && !sameMeter(installed.item, meter)) {
                    service.meterOperationFailed(op, MeterFailReason.EXISTING_METER);
                    return;
                }
                if (s.meters.size() >= METERS_PER_SWITCH && installed == null) {
                    service.meterOperationFailed(op, MeterFailReason.OUT_OF_METERS);
                    return;
                }
                s.meters.put(meter.meterCellId(), new SimSwitch.Installed<>(meter, System.currentTimeMillis()));
                break;
            case REMOVE:
                s.meters.remove(meter.meterCellId());
                pushStatistics(s);
                break;
            default:
                service.meterOperationFailed(op, MeterFailReason.UNKNOWN_COMMAND);
        }
    }

    private static boolean sameMeter(Meter installed, Meter meter) {
        return installed.unit() == meter.unit() && installed.isBurst() == meter.isBurst()
                && installed.bands().equals(meter.bands());
    }

    private static MeterFeatures features(DeviceId deviceId) {
        // Scope and index range exist only from ONOS 2.5.3 on: MeterRelease sets them where they do.
        return MeterRelease.onClassPath().build(DefaultMeterFeatures.builder()
                .forDevice(deviceId)
                .withMaxMeters(METERS_PER_SWITCH)
                .withMaxBands((short) 2)
                .withMaxColors((short) 8)
                .withBandTypes(Set.of(Band.Type.DROP, Band.Type.REMARK))
                .withUnits(Set.of(Meter.Unit.KB_PER_SEC, Meter.Unit.PKTS_PER_SEC))
                .hasBurst(true)
                .hasStats(true)
                .withFeatures(Set.of()), METERS_PER_SWITCH);
    }
}
