/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import org.onlab.packet.ChassisId;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DefaultDeviceDescription;
import org.onosproject.net.device.DefaultPortDescription;
import org.onosproject.net.device.DefaultPortStatistics;
import org.onosproject.net.device.DeviceDescription;
import org.onosproject.net.device.DeviceProvider;
import org.onosproject.net.device.DeviceProviderService;
import org.onosproject.net.device.PortDescription;
import org.onosproject.net.device.PortStatistics;
import org.onosproject.net.provider.AbstractProvider;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Switches as ONOS devices: a switch that completed the handshake is
 * connected with its DESC (manufacturer, hardware, software, serial) and its
 * ports (PORT_DESC); PORT_STATUS updates or deletes a port; a lost
 * connection disconnects the device. Mastership needs no OpenFlow role
 * request here (one controller): the role ONOS asks for is acknowledged.
 */
final class OfDeviceProvider extends AbstractProvider implements DeviceProvider {

    private static final Logger log = LoggerFactory.getLogger(OfDeviceProvider.class);

    private final OpenFlowSouthbound owner;
    private final Map<DeviceId, String> names;
    private DeviceProviderService service;

    OfDeviceProvider(OpenFlowSouthbound owner, Map<DeviceId, String> names) {
        super(OpenFlowSouthbound.PROVIDER_ID);
        this.owner = owner;
        this.names = names;
    }

    void setService(DeviceProviderService service) {
        this.service = service;
    }

    void connected(SwitchSession s) {
        service.deviceConnected(s.deviceId(), description(s));
        service.updatePorts(s.deviceId(), ports(s.ports()));
        log.info("Switch {} ({}) connected from {} with {} ports", s.deviceId(), name(s),
                s.remoteAddress(), s.ports().size());
    }

    void disconnected(DeviceId deviceId) {
        service.deviceDisconnected(deviceId);
        log.info("Switch {} disconnected", deviceId);
    }

    /**
     * Requests a switch's port statistics and reports them to ONOS when they
     * arrive, as ONOS 2.5.6's OpenFlowDeviceProvider does (PortStatsCollector
     * sends PORT stats requests for OFPort.ANY; pushPortMetrics reports every
     * entry through updatePortStatistics, and ONOS posts PORT_STATS_UPDATED).
     *
     * @param s the switch
     */
    void pollPortStatistics(SwitchSession s) {
        if (!s.isActive()) {
            return;
        }
        s.request(s.factory().buildPortStatsRequest().setXid(s.xid()).setPortNo(OFPort.ANY).build(), parts -> {
            if (!s.isActive()) {
                return;
            }
            List<PortStatistics> stats = new ArrayList<>();
            for (OFStatsReply part : parts) {
                for (OFPortStatsEntry e : ((OFPortStatsReply) part).getEntries()) {
                    if (e.getPortNo() != null && e.getPortNo().getPortNumber() >= 0) {
                        stats.add(portStatistics(s.deviceId(), e));
                    }
                }
            }
            service.updatePortStatistics(s.deviceId(), stats);
        });
    }

    // As ONOS 2.5.6 OpenFlowDeviceProvider.buildPortStatistics (without its optical annotations).
    private static PortStatistics portStatistics(DeviceId deviceId, OFPortStatsEntry e) {
        return DefaultPortStatistics.builder()
                .setDeviceId(deviceId)
                .setPort(PortNumber.portNumber(e.getPortNo().getPortNumber()))
                .setPacketsReceived(e.getRxPackets().getValue())
                .setPacketsSent(e.getTxPackets().getValue())
                .setBytesReceived(e.getRxBytes().getValue())
                .setBytesSent(e.getTxBytes().getValue())
                .setPacketsRxDropped(e.getRxDropped().getValue())
                .setPacketsTxDropped(e.getTxDropped().getValue())
                .setPacketsRxErrors(e.getRxErrors().getValue())
                .setPacketsTxErrors(e.getTxErrors().getValue())
                .setDurationSec(e.getDurationSec())
                .setDurationNano(e.getDurationNsec())
                .build();
    }

    void portStatus(SwitchSession s, OFPortStatus status) {
        PortDescription port = port(status.getDesc());
        if (status.getReason() == OFPortReason.DELETE) {
            service.deletePort(s.deviceId(), port);
        } else {
            service.portStatusChanged(s.deviceId(), port);
        }
    }

    private DeviceDescription description(SwitchSession s) {
        OFDescStatsReply d = s.description();
        InetSocketAddress remote = s.remoteAddress();
        String address = remote == null ? "" : remote.getAddress().getHostAddress();
        DefaultAnnotations annotations = DefaultAnnotations.builder()
                .set(AnnotationKeys.NAME, name(s))
                .set(AnnotationKeys.PROTOCOL, "OF_13")
                .set(AnnotationKeys.MANAGEMENT_ADDRESS, address)
                .set("channelId", remote == null ? "" : address + ":" + remote.getPort())
                .build();
        return new DefaultDeviceDescription(URI.create(s.deviceId().toString()), Device.Type.SWITCH,
                trim(d.getMfrDesc()), trim(d.getHwDesc()), trim(d.getSwDesc()), trim(d.getSerialNum()),
                new ChassisId(s.dpid()), annotations);
    }

    // The topology file's name, else the switch's own datapath description.
    private String name(SwitchSession s) {
        String name = names.get(s.deviceId());
        if (name != null) {
            return name;
        }
        String dp = trim(s.description().getDpDesc());
        return dp.isEmpty() || "None".equals(dp) ? s.deviceId().toString() : dp;
    }

    static List<PortDescription> ports(List<OFPortDesc> ports) {
        List<PortDescription> out = new ArrayList<>(ports.size());
        ports.forEach(p -> out.add(port(p)));
        return out;
    }

    static PortDescription port(OFPortDesc p) {
        Set<OFPortConfig> config = p.getConfig();
        Set<OFPortState> state = p.getState();
        boolean enabled = !config.contains(OFPortConfig.PORT_DOWN) && !state.contains(OFPortState.LINK_DOWN);
        return DefaultPortDescription.builder()
                .withPortNumber(portNumber(p.getPortNo()))
                .isEnabled(enabled)
                .type(Port.Type.COPPER)
                .portSpeed(p.getCurrSpeed() / 1000)
                .annotations(DefaultAnnotations.builder()
                        .set(AnnotationKeys.PORT_NAME, p.getName())
                        .set(AnnotationKeys.PORT_MAC, p.getHwAddr().toString())
                        .build())
                .build();
    }

    static PortNumber portNumber(OFPort port) {
        return PortNumber.portNumber(port.getPortNumber() & 0xffffffffL);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    // ------------------------------------------------------------ provider

    @Override
    public void triggerProbe(DeviceId deviceId) {
        owner.execute(() -> owner.session(deviceId).ifPresent(s -> s.requestPorts(
                p -> service.updatePorts(deviceId, ports(p)))));
    }

    @Override
    public void roleChanged(DeviceId deviceId, MastershipRole newRole) {
        // One controller: the switch takes whatever role ONOS gives this node.
        owner.execute(() -> {
            if (owner.session(deviceId).isPresent()) {
                service.receivedRoleReply(deviceId, newRole, newRole);
            }
        });
    }

    @Override
    public boolean isReachable(DeviceId deviceId) {
        return owner.session(deviceId).isPresent();
    }

    @Override
    public void changePortState(DeviceId deviceId, PortNumber portNumber, boolean enable) {
        owner.execute(() -> owner.session(deviceId).ifPresent(s -> s.ports().stream()
                .filter(p -> portNumber(p.getPortNo()).equals(portNumber)).findFirst()
                .ifPresent(p -> s.send(s.factory().buildPortMod()
                        .setXid(s.xid())
                        .setPortNo(p.getPortNo())
                        .setHwAddr(p.getHwAddr())
                        .setConfig(enable ? EnumSet.noneOf(OFPortConfig.class) : EnumSet.of(OFPortConfig.PORT_DOWN))
                        .setMask(EnumSet.of(OFPortConfig.PORT_DOWN))
                        .setAdvertise(0)
                        .build()))));
    }

    @Override
    public void triggerDisconnect(DeviceId deviceId) {
        owner.execute(() -> owner.session(deviceId).ifPresent(SwitchSession::disconnect));
    }
}
