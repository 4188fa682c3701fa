/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.protocol.OFBadActionCode;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterBandStats;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModFailedCode;
import org.projectfloodlight.openflow.protocol.OFMeterStats;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenFlow 1.3 switch in a thread, for tests that run without Open
 * vSwitch: it answers the handshake with a datapath id and two ports, keeps
 * a flow table by cookie, refuses an output to a port it does not have
 * (BAD_ACTION/BAD_OUT_PORT, with the FLOW_MOD's xid) and, as Open vSwitch
 * does, a rule using a meter it does not hold (METER_MOD_FAILED/INVALID_METER);
 * keeps a meter table; answers barriers, flow and meter statistics and meter
 * features, reports its ports' link going down or up, and records what it
 * was sent.
 */
final class FakeSwitch implements AutoCloseable {

    private final OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
    private final long dpid;
    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;
    /** Flow table: cookie to FLOW_MOD. */
    final Map<Long, OFFlowMod> table = new ConcurrentHashMap<>();
    final List<OFMessage> received = new CopyOnWriteArrayList<>();
    final List<OFMeterMod> meterMods = new CopyOnWriteArrayList<>();
    /** Meter table: meter id to METER_MOD. */
    final Map<Long, OFMeterMod> meters = new ConcurrentHashMap<>();
    /** Ports whose link is down. */
    private final Set<Integer> portsDown = ConcurrentHashMap.newKeySet();

    FakeSwitch(InetSocketAddress controller, long dpid) throws IOException {
        this.dpid = dpid;
        this.socket = new Socket(controller.getAddress(), controller.getPort());
        this.out = socket.getOutputStream();
        send(f.buildHello().setXid(1).build());
        this.reader = new Thread(this::read, "fake-switch-" + dpid);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[8];
            while (true) {
                in.readFully(header);
                int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
                byte[] msg = new byte[length];
                System.arraycopy(header, 0, msg, 0, 8);
                in.readFully(msg, 8, length - 8);
                OFMessage m = OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(msg));
                received.add(m);
                answer(m);
            }
        } catch (Exception e) {
            // closed
        }
    }

    private void answer(OFMessage m) throws IOException {
        switch (m.getType()) {
            case FEATURES_REQUEST:
                send(f.buildFeaturesReply().setXid(m.getXid()).setDatapathId(DatapathId.of(dpid))
                        .setNBuffers(0).setNTables((short) 254).build());
                break;
            case ECHO_REQUEST:
                send(f.buildEchoReply().setXid(m.getXid()).build());
                break;
            case BARRIER_REQUEST:
                send(f.buildBarrierReply().setXid(m.getXid()).build());
                break;
            case FLOW_MOD:
                flowMod((OFFlowMod) m);
                break;
            case METER_MOD:
                meterMod((OFMeterMod) m);
                break;
            case STATS_REQUEST:
                stats((OFStatsRequest<?>) m);
                break;
            default:
                break;
        }
    }

    private void meterMod(OFMeterMod mod) throws IOException {
        meterMods.add(mod);
        switch (mod.getCommand()) {
            case ADD:
                if (meters.putIfAbsent(mod.getMeterId(), mod) != null) {
                    send(f.errorMsgs().buildMeterModFailedErrorMsg().setXid(mod.getXid())
                            .setCode(OFMeterModFailedCode.METER_EXISTS).build());
                }
                break;
            case MODIFY:
                meters.put(mod.getMeterId(), mod);
                break;
            default:
                meters.remove(mod.getMeterId());
        }
    }

    private void flowMod(OFFlowMod mod) throws IOException {
        if (mod.getCommand() == OFFlowModCommand.ADD || mod.getCommand() == OFFlowModCommand.MODIFY_STRICT) {
            for (OFInstruction i : mod.getInstructions()) {
                if (i instanceof OFInstructionMeter && !meters.containsKey(((OFInstructionMeter) i).getMeterId())) {
                    send(f.errorMsgs().buildMeterModFailedErrorMsg().setXid(mod.getXid())
                            .setCode(OFMeterModFailedCode.INVALID_METER).build());
                    return;
                }
                if (i instanceof OFInstructionApplyActions) {
                    for (OFAction a : ((OFInstructionApplyActions) i).getActions()) {
                        long port = a instanceof OFActionOutput
                                ? ((OFActionOutput) a).getPort().getPortNumber() & 0xffffffffL : 0;
                        if (port > 2 && port < 0xffffff00L) {
                            send(f.errorMsgs().buildBadActionErrorMsg().setXid(mod.getXid())
                                    .setCode(OFBadActionCode.BAD_OUT_PORT).build());
                            return;
                        }
                    }
                }
            }
            table.put(mod.getCookie().getValue(), mod);
        } else {
            table.remove(mod.getCookie().getValue());
        }
    }

    private void stats(OFStatsRequest<?> request) throws IOException {
        switch (request.getStatsType()) {
            case DESC:
                send(f.buildDescStatsReply().setXid(request.getXid()).setMfrDesc("FlowSocket")
                        .setHwDesc("fake switch").setSwDesc("1.0").setSerialNum("42").setDpDesc("fake").build());
                break;
            case PORT_DESC:
                List<OFPortDesc> ports = new ArrayList<>();
                for (int p = 1; p <= 2; p++) {
                    ports.add(portDesc(p, !portsDown.contains(p)));
                }
                send(f.buildPortDescStatsReply().setXid(request.getXid()).setEntries(ports).build());
                break;
            case PORT:
                List<OFPortStatsEntry> portStats = new ArrayList<>();
                for (int p = 1; p <= 2; p++) {
                    portStats.add(f.buildPortStatsEntry().setPortNo(OFPort.of(p))
                            .setRxPackets(U64.of(10L * p)).setTxPackets(U64.of(20L * p))
                            .setRxBytes(U64.of(1000L * p)).setTxBytes(U64.of(2000L * p))
                            .setRxDropped(U64.ZERO).setTxDropped(U64.ZERO).setRxErrors(U64.ZERO)
                            .setTxErrors(U64.ZERO).setRxFrameErr(U64.ZERO).setRxOverErr(U64.ZERO)
                            .setRxCrcErr(U64.ZERO).setCollisions(U64.ZERO).setDurationSec(7).build());
                }
                send(f.buildPortStatsReply().setXid(request.getXid()).setEntries(portStats).build());
                break;
            case METER_FEATURES:
                send(f.buildMeterFeaturesStatsReply().setXid(request.getXid()).setFeatures(
                        f.buildMeterFeatures().setMaxMeter(64).setBandTypes(1 << 1).setCapabilities(0xf)
                                .setMaxBands((short) 1).setMaxColor((short) 0).build()).build());
                break;
            case METER:
                List<OFMeterStats> stats = new ArrayList<>();
                for (OFMeterMod mod : meters.values()) {
                    List<OFMeterBandStats> bands = new ArrayList<>();
                    mod.getMeters().forEach(b -> bands.add(f.buildMeterBandStats().setPacketBandCount(U64.of(1))
                            .setByteBandCount(U64.of(100)).build()));
                    stats.add(f.buildMeterStats().setMeterId(mod.getMeterId()).setFlowCount(1)
                            .setPacketInCount(U64.of(5)).setByteInCount(U64.of(500)).setDurationSec(1)
                            .setBandStats(bands).build());
                }
                send(f.buildMeterStatsReply().setXid(request.getXid()).setEntries(stats).build());
                break;
            case FLOW:
                List<OFFlowStatsEntry> entries = new ArrayList<>();
                for (OFFlowMod mod : table.values()) {
                    entries.add(f.buildFlowStatsEntry().setCookie(mod.getCookie()).setPriority(mod.getPriority())
                            .setTableId(mod.getTableId()).setMatch(mod.getMatch())
                            .setInstructions(mod.getInstructions()).setDurationSec(1)
                            .setPacketCount(U64.of(3)).setByteCount(U64.of(300)).build());
                }
                send(f.buildFlowStatsReply().setXid(request.getXid()).setEntries(entries).build());
                break;
            default:
                break;
        }
    }

    /**
     * Reports a port's carrier lost or back (PORT_STATUS MODIFY), as Open
     * vSwitch does when a veth loses its peer: state LINK_DOWN.
     *
     * @param port   1 or 2
     * @param linkUp whether the link is up now
     * @throws IOException if it cannot be sent
     */
    void portStatus(int port, boolean linkUp) throws IOException {
        if (linkUp) {
            portsDown.remove(port);
        } else {
            portsDown.add(port);
        }
        send(f.buildPortStatus().setXid(0).setReason(OFPortReason.MODIFY).setDesc(portDesc(port, linkUp)).build());
    }

    private OFPortDesc portDesc(int port, boolean linkUp) {
        return f.buildPortDesc().setPortNo(OFPort.of(port)).setName("fake-eth" + port).setHwAddr(MacAddress.of(port))
                .setCurrSpeed(10_000_000)
                .setState(linkUp ? Set.of() : Set.of(OFPortState.LINK_DOWN))
                .build();
    }

    synchronized void send(OFMessage m) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        m.writeTo(buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
