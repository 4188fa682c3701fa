/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.flowsocket.sandbox.southbound.MeterStatsSchedule;
import org.onosproject.core.ApplicationId;
import org.flowsocket.sandbox.core.MeterRelease;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.DefaultBand;
import org.onosproject.net.meter.DefaultMeter;
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
import org.onosproject.net.meter.MeterState;
import org.onosproject.net.provider.AbstractProvider;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMeterFeatures;
import org.projectfloodlight.openflow.protocol.OFMeterFeaturesStatsReply;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFMeterBandStats;
import org.projectfloodlight.openflow.protocol.OFMeterStats;
import org.projectfloodlight.openflow.protocol.OFMeterStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.meterband.OFMeterBand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * ONOS meters on the switches, as ONOS 2.5.6 OpenFlowMeterProvider handles
 * them: METER_FEATURES when a switch connects (so ONOS can allocate meter
 * ids on it); each meter operation as one METER_MOD (ADD, MODIFY, DELETE),
 * with no barrier; an ERROR with the METER_MOD's xid fails the operation
 * with ONOS's matching reason. ONOS learns that a meter is installed only
 * from the switch's meter statistics (METER multipart, every meter), read
 * 1 s after the switch connects and then every
 * {@code meterStatsPollInterval} ({@link MeterStatsSchedule}, default
 * 10 s), and once right after each DELETE (forceStatsAfterMeterRemoval):
 * ONOS then moves the meters it has to ADDED, re-sends those the switch
 * lacks and purges removed ones. An addition the statistics have not shown
 * within {@value #PENDING_TIMEOUT_SECONDS} s fails with TIMEOUT.
 */
final class OfMeterProvider extends AbstractProvider implements MeterProvider {

    private static final Logger log = LoggerFactory.getLogger(OfMeterProvider.class);

    /** OFPM_ALL: every meter, as MeterStatsCollector asks. */
    private static final long ALL_METERS = 0xFFFFFFFFL;

    /**
     * OpenFlowMeterProvider.TIMEOUT: an addition or modification the meter
     * statistics have not shown within it fails with TIMEOUT.
     */
    static final long PENDING_TIMEOUT_SECONDS = 30;

    private final OpenFlowSouthbound owner;
    private final MeterStatsSchedule schedule;
    private MeterProviderService service;
    private ApplicationId coreAppId;
    /** Additions and modifications not yet seen in a switch's statistics, by meter id. */
    private final Map<DeviceId, Map<Long, MeterOperation>> pending = new HashMap<>();

    OfMeterProvider(OpenFlowSouthbound owner, MeterStatsSchedule schedule) {
        super(OpenFlowSouthbound.PROVIDER_ID);
        this.owner = owner;
        this.schedule = schedule;
    }

    void setService(MeterProviderService service, ApplicationId coreAppId) {
        this.service = service;
        this.coreAppId = coreAppId;
    }

    /** Asks a newly connected switch what meters it supports and starts reading its meters. */
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
        schedule.start(s.deviceId(), () -> readMeters(s));
    }

    /** Stops reading the meters of a switch whose connection ended. */
    void disconnected(DeviceId deviceId) {
        schedule.stop(deviceId);
    }

    // MeterStatsCollector.sendMeterStatisticRequest, and pushMeterStats on the reply.
    private void readMeters(SwitchSession s) {
        if (service == null || !s.isActive()) {
            return;
        }
        s.request(s.factory().buildMeterStatsRequest().setXid(s.xid()).setMeterId(ALL_METERS).build(), parts -> {
            if (!s.isActive()) {
                return;
            }
            List<Meter> meters = new ArrayList<>();
            for (OFStatsReply part : parts) {
                for (OFMeterStats stat : ((OFMeterStatsReply) part).getEntries()) {
                    meters.add(reported(s.deviceId(), stat));
                }
            }
            service.pushMeterMetrics(s.deviceId(), meters);
        });
    }

    // OpenFlowMeterProvider.buildMeters: the meter as its statistics describe it.
    private Meter reported(DeviceId deviceId, OFMeterStats stat) {
        List<Band> bands = new ArrayList<>();
        for (OFMeterBandStats b : stat.getBandStats()) {
            DefaultBand band = (DefaultBand) DefaultBand.builder().ofType(Band.Type.DROP).build();
            band.setBytes(b.getByteBandCount().getValue());
            band.setPackets(b.getPacketBandCount().getValue());
            bands.add(band);
        }
        // Marks the meter as seen on the data plane.
        pending.getOrDefault(deviceId, Map.of()).remove(stat.getMeterId());
        DefaultMeter meter = (DefaultMeter) DefaultMeter.builder().forDevice(deviceId)
                .withId(MeterId.meterId(stat.getMeterId())).fromApp(coreAppId).withBands(bands).build();
        meter.setState(MeterState.ADDED);
        meter.setLife(stat.getDurationSec());
        meter.setProcessedBytes(stat.getByteInCount().getValue());
        meter.setProcessedPackets(stat.getPacketInCount().getValue());
        meter.setReferenceCount(stat.getFlowCount());
        return meter;
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
        long id = ((MeterId) cell).id();
        if (op.type() != MeterOperation.Type.REMOVE) {
            pending.computeIfAbsent(deviceId, d -> new HashMap<>()).put(id, op);
            owner.schedule(() -> expire(deviceId, id, op), PENDING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        s.writeTracked(meterMod(s.factory(), op, id, s.xid()), error -> {
            pending.getOrDefault(deviceId, Map.of()).remove(id, op);
            log.info("{} refused meter {} ({}): {}", deviceId, cell, op.type(), OfErrors.describe(error));
            service.meterOperationFailed(op, OfErrors.meterFailReason(OfErrors.type(error), OfErrors.code(error)));
        });
        s.flush();
        if (op.type() == MeterOperation.Type.REMOVE) {
            readMeters(s);
        }
    }

    private void expire(DeviceId deviceId, long meterId, MeterOperation op) {
        if (pending.getOrDefault(deviceId, Map.of()).remove(meterId, op)) {
            log.debug("Meter {} on {} not seen in {} s", meterId, deviceId, PENDING_TIMEOUT_SECONDS);
            service.meterOperationFailed(op, MeterFailReason.TIMEOUT);
        }
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
}
