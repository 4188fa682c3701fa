/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.flowsocket.sandbox.core.MeterRelease;
import org.flowsocket.sandbox.southbound.SwitchReports;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.DefaultMeterFeatures;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterCellId;
import org.onosproject.net.meter.MeterFailReason;
import org.onosproject.net.meter.MeterFeatures;
import org.onosproject.net.meter.MeterId;
import org.onosproject.net.meter.MeterOperation;
import org.onosproject.net.meter.MeterOperations;
import org.onosproject.net.meter.MeterProvider;
import org.onosproject.net.meter.MeterProviderService;
import org.onosproject.net.meter.MeterService;
import org.onosproject.net.provider.AbstractProvider;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMeterFeatures;
import org.projectfloodlight.openflow.protocol.OFMeterFeaturesStatsReply;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONOS meters on the switches: METER_FEATURES when a switch connects (so
 * ONOS can allocate meter ids on it), and each meter operation as a
 * METER_MOD (ADD, MODIFY, DELETE) followed by a barrier. An ERROR with the
 * METER_MOD's xid fails the operation with ONOS's matching reason; after the
 * barrier the switch's meters are pushed so ONOS moves them to ADDED (or
 * forgets removed ones). Rules that use a meter ONOS is still installing
 * wait for it ({@link #notYetInstalled}, {@link #whenAnswered}).
 */
final class OfMeterProvider extends AbstractProvider implements MeterProvider {

    private static final Logger log = LoggerFactory.getLogger(OfMeterProvider.class);

    private final OpenFlowSouthbound owner;
    private MeterProviderService service;
    private MeterService meterService;
    /** Meters each switch confirmed, with the time they were installed. */
    private final Map<DeviceId, Map<MeterCellId, Installed>> installed = new HashMap<>();
    /** Work waiting for a meter operation on a switch to be answered. */
    private final Map<DeviceId, Map<Long, List<Runnable>>> waiting = new HashMap<>();

    OfMeterProvider(OpenFlowSouthbound owner) {
        super(OpenFlowSouthbound.PROVIDER_ID);
        this.owner = owner;
    }

    void setService(MeterProviderService service, MeterService meterService) {
        this.service = service;
        this.meterService = meterService;
    }

    /**
     * Returns the meters, among those given, that ONOS has for a switch but
     * the switch has not confirmed yet: ONOS hands a new meter to its
     * provider on a thread of its own, so a rule using it can arrive first.
     *
     * @param deviceId switch
     * @param meterIds meter ids rules are about to use
     * @return those still on their way to the switch
     */
    Set<Long> notYetInstalled(DeviceId deviceId, Set<Long> meterIds) {
        Set<Long> out = new java.util.LinkedHashSet<>();
        if (meterService == null) {
            return out;
        }
        Map<MeterCellId, Installed> confirmed = installed.getOrDefault(deviceId, Map.of());
        for (long id : meterIds) {
            MeterId meterId = MeterId.meterId(id);
            if (!confirmed.containsKey(meterId) && meterService.getMeter(deviceId, meterId) != null) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * Runs work once the switch answered an operation on a meter (installed
     * or refused it).
     *
     * @param deviceId switch
     * @param meterId  meter id
     * @param work     what to run
     */
    void whenAnswered(DeviceId deviceId, long meterId, Runnable work) {
        waiting.computeIfAbsent(deviceId, d -> new HashMap<>())
                .computeIfAbsent(meterId, m -> new ArrayList<>()).add(work);
    }

    private void answered(DeviceId deviceId, long meterId) {
        Map<Long, List<Runnable>> onDevice = waiting.get(deviceId);
        List<Runnable> work = onDevice == null ? null : onDevice.remove(meterId);
        if (work != null) {
            work.forEach(Runnable::run);
        }
    }

    /** Asks a newly connected switch what meters it supports. */
    void connected(SwitchSession s) {
        if (service == null) {
            return;
        }
        s.request(s.factory().buildMeterFeaturesStatsRequest().setXid(s.xid()).build(), parts -> {
            OFMeterFeatures f = ((OFMeterFeaturesStatsReply) parts.get(0)).getFeatures();
            if (f.getMaxMeter() > 0 && s.isActive()) {
                service.pushMeterFeatures(s.deviceId(), features(s.deviceId(), f));
            }
        });
    }

    /** Reports the meters a switch holds. */
    void push(DeviceId deviceId) {
        if (service != null) {
            long now = System.currentTimeMillis();
            List<Meter> meters = new ArrayList<>();
            installed.getOrDefault(deviceId, Map.of()).values().forEach(i -> meters.add(i.report(now)));
            service.pushMeterMetrics(deviceId, meters);
        }
    }

    static MeterFeatures features(DeviceId deviceId, OFMeterFeatures f) {
        Set<Meter.Unit> units = EnumSet.noneOf(Meter.Unit.class);
        if ((f.getCapabilities() & 1) != 0) {
            units.add(Meter.Unit.KB_PER_SEC);
        }
        if ((f.getCapabilities() & 2) != 0) {
            units.add(Meter.Unit.PKTS_PER_SEC);
        }
        Set<Band.Type> bands = EnumSet.noneOf(Band.Type.class);
        if ((f.getBandTypes() & (1 << 1)) != 0) {
            bands.add(Band.Type.DROP);
        }
        if ((f.getBandTypes() & (1 << 2)) != 0) {
            bands.add(Band.Type.REMARK);
        }
        return MeterRelease.onClassPath().build(DefaultMeterFeatures.builder()
                .forDevice(deviceId)
                .withMaxMeters(f.getMaxMeter())
                .withMaxBands(f.getMaxBands())
                .withMaxColors(f.getMaxColor())
                .withBandTypes(bands)
                .withUnits(units)
                .hasBurst((f.getCapabilities() & 4) != 0)
                .hasStats((f.getCapabilities() & 8) != 0)
                .withFeatures(Set.of()), f.getMaxMeter());
    }

    @Override
    public void performMeterOperation(DeviceId deviceId, MeterOperations meterOps) {
        List<MeterOperation> ops = List.copyOf(meterOps.operations());
        owner.execute(() -> ops.forEach(op -> perform(deviceId, op)));
    }

    @Override
    public void performMeterOperation(DeviceId deviceId, MeterOperation meterOp) {
        owner.execute(() -> perform(deviceId, meterOp));
    }

    private void perform(DeviceId deviceId, MeterOperation op) {
        SwitchSession s = owner.session(deviceId).orElse(null);
        if (s == null) {
            service.meterOperationFailed(op, MeterFailReason.UNKNOWN_DEVICE);
            return;
        }
        MeterCellId cell = op.meter().meterCellId();
        if (!(cell instanceof MeterId)) {
            service.meterOperationFailed(op, MeterFailReason.INVALID_METER);
            return;
        }
        boolean[] failed = {false};
        long id = ((MeterId) cell).id();
        s.writeTracked(meterMod(s.factory(), op, id, s.xid()), error -> {
            failed[0] = true;
            log.info("{} refused meter {} ({}): {}", deviceId, cell, op.type(), OfErrors.describe(error));
            service.meterOperationFailed(op, OfErrors.meterFailReason(OfErrors.type(error), OfErrors.code(error)));
        });
        s.barrier(() -> {
            if (failed[0]) {
                answered(deviceId, id);
                return;
            }
            Map<MeterCellId, Installed> meters = installed.computeIfAbsent(deviceId, d -> new LinkedHashMap<>());
            if (op.type() == MeterOperation.Type.REMOVE) {
                meters.remove(cell);
            } else {
                meters.put(cell, new Installed(op.meter(), System.currentTimeMillis()));
            }
            push(deviceId);
            answered(deviceId, id);
        });
    }

    /**
     * Builds the METER_MOD of a meter operation.
     *
     * @param factory OpenFlow 1.3 factory
     * @param op      the operation
     * @param meterId the meter's id on the switch
     * @param xid     transaction id
     * @return the message
     */
    static OFMeterMod meterMod(OFFactory factory, MeterOperation op, long meterId, long xid) {
        Meter meter = op.meter();
        Set<OFMeterFlags> flags = EnumSet.of(OFMeterFlags.STATS,
                meter.unit() == Meter.Unit.PKTS_PER_SEC ? OFMeterFlags.PKTPS : OFMeterFlags.KBPS);
        if (meter.isBurst()) {
            flags.add(OFMeterFlags.BURST);
        }
        OFMeterModCommand command;
        switch (op.type()) {
            case ADD:
                command = OFMeterModCommand.ADD;
                break;
            case MODIFY:
                command = OFMeterModCommand.MODIFY;
                break;
            default:
                command = OFMeterModCommand.DELETE;
        }
        List<OFMeterBand> bands = new ArrayList<>();
        if (command != OFMeterModCommand.DELETE) {
            for (Band b : meter.bands()) {
                long burst = b.burst() == null ? 0 : b.burst();
                if (b.type() == Band.Type.REMARK) {
                    bands.add(factory.meterBands().buildDscpRemark().setRate(b.rate()).setBurstSize(burst)
                            .setPrecLevel(b.dropPrecedence() == null ? 1 : b.dropPrecedence()).build());
                } else {
                    bands.add(factory.meterBands().drop(b.rate(), burst));
                }
            }
        }
        return factory.buildMeterMod().setXid(xid).setCommand(command).setFlags(flags)
                .setMeterId(meterId).setMeters(bands).build();
    }

    // A meter a switch confirmed.
    private static final class Installed {
        final Meter meter;
        final long since;

        Installed(Meter meter, long since) {
            this.meter = meter;
            this.since = since;
        }

        Meter report(long now) {
            return SwitchReports.installedMeter(meter, since, now);
        }
    }
}
