/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.api.QosFlowFilter;
import org.flowsocket.api.QosFlowListener;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.TrafficClass;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.Link;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.link.LinkServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A linear network of three switches as the sandbox builds it (host i on
 * port 1 of switch i; s1/2-s2/2, s2/3-s3/2), flows on it, and a QoS flow
 * service the test drives.
 */
final class GuiFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ProviderId PID = new ProviderId("of", "test");
    static final ApplicationId APP = new DefaultApplicationId(1, "org.flowsocket.app");

    static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    static final DeviceId S2 = DeviceId.deviceId("of:0000000000000002");
    static final DeviceId S3 = DeviceId.deviceId("of:0000000000000003");

    static final Host H1 = host(1);
    static final Host H2 = host(2);
    static final Host H3 = host(3);

    static final List<Link> LINKS = List.of(
            link(S1, 2, S2, 2), link(S2, 2, S1, 2),
            link(S2, 3, S3, 2), link(S3, 2, S2, 3));

    private GuiFixtures() {
    }

    static Host host(int i) {
        MacAddress mac = MacAddress.valueOf(String.format("00:00:00:00:00:%02x", i));
        DeviceId device = DeviceId.deviceId(String.format("of:%016x", i));
        return new DefaultHost(PID, HostId.hostId(mac, VlanId.NONE), mac, VlanId.NONE,
                               new HostLocation(device, PortNumber.portNumber(1), 0),
                               ImmutableSet.of(IpAddress.valueOf("10.0.0." + i)));
    }

    static Link link(DeviceId a, int pa, DeviceId b, int pb) {
        return DefaultLink.builder().providerId(PID).type(Link.Type.DIRECT).state(Link.State.ACTIVE)
                .src(new ConnectPoint(a, PortNumber.portNumber(pa)))
                .dst(new ConnectPoint(b, PortNumber.portNumber(pb))).build();
    }

    /** The network's links. */
    static final class Links extends LinkServiceAdapter {
        @Override
        public Set<Link> getEgressLinks(ConnectPoint connectPoint) {
            return LINKS.stream().filter(l -> l.src().equals(connectPoint)).collect(Collectors.toSet());
        }
    }

    /** The network's hosts. */
    static final class Hosts extends HostServiceAdapter {
        private final List<Host> hosts = List.of(H1, H2, H3);

        @Override
        public Set<Host> getHostsByIp(IpAddress ip) {
            return hosts.stream().filter(h -> h.ipAddresses().contains(ip)).collect(Collectors.toSet());
        }

        @Override
        public Host getHost(HostId hostId) {
            return hosts.stream().filter(h -> h.id().equals(hostId)).findFirst().orElse(null);
        }
    }

    /** One rule: IN_PORT in, OUTPUT out, DSCP marked. */
    static FlowRule rule(DeviceId device, int in, int out, String src, String dst) {
        return DefaultFlowRule.builder().forDevice(device).withPriority(50000).fromApp(APP).makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(in))
                                      .matchEthType((short) 0x800).matchIPSrc(IpPrefix.valueOf(src + "/32"))
                                      .matchIPDst(IpPrefix.valueOf(dst + "/32")).build())
                .withTreatment(DefaultTrafficTreatment.builder().setIpDscp((byte) 46)
                                       .setOutput(PortNumber.portNumber(out)).build())
                .build();
    }

    /** A voice flow from 10.0.0.1 to 10.0.0.3 and back. */
    static QosFlow voiceFlow(String flowId, QosFlow.State state) {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(IpAddress.valueOf("10.0.0.1"), IpAddress.valueOf("10.0.0.3"))
                .trafficClass(TrafficClass.VOICE).bidirectional(true).build();
        return QosFlow.builder().id(flowId).kind(QosFlow.Kind.NETWORK).state(state).owner("onos").createdMillis(1L)
                .spec(spec)
                .rules(List.of(rule(S1, 1, 2, "10.0.0.1", "10.0.0.3"), rule(S2, 2, 3, "10.0.0.1", "10.0.0.3"),
                               rule(S3, 2, 1, "10.0.0.1", "10.0.0.3"), rule(S3, 1, 2, "10.0.0.3", "10.0.0.1"),
                               rule(S2, 3, 2, "10.0.0.3", "10.0.0.1"), rule(S1, 2, 1, "10.0.0.3", "10.0.0.1")))
                .build();
    }

    /** A flow of ONOS rules with one rule on s2 out of port 3. */
    static QosFlow rulesFlow(String flowId) {
        return QosFlow.builder().id(flowId).kind(QosFlow.Kind.DEVICE).state(QosFlow.State.INSTALLED).owner("onos")
                .rules(List.of(rule(S2, 2, 3, "10.0.0.2", "10.0.0.3"))).build();
    }

    /** A flow as the protocol shows it, briefly: enough for the GUI's payloads. */
    static ObjectNode json(QosFlow flow) {
        ObjectNode json = MAPPER.createObjectNode().put("flowId", flow.id()).put("state", flow.state().name());
        json.putArray("rules").add(flow.rules().size());
        return json;
    }

    /**
     * The QoS flow service as the overlay sees it: flows the test puts in,
     * the install and remove calls it received, answered by the test, and
     * events the test posts.
     */
    static final class FakeQosFlows implements QosFlowService {
        final Map<String, QosFlow> flows = new ConcurrentHashMap<>();
        final List<QosFlowRequest> installs = new CopyOnWriteArrayList<>();
        final List<String> removals = new CopyOnWriteArrayList<>();
        final List<QosFlowListener> listeners = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<QosFlow> answer = new CompletableFuture<>();

        @Override
        public CompletableFuture<QosFlow> install(QosFlowRequest request) {
            installs.add(request);
            return answer;
        }

        @Override
        public CompletableFuture<QosFlow> remove(String flowId, boolean force, long timeoutMillis) {
            removals.add(flowId);
            QosFlow flow = flows.remove(flowId);
            return flow == null ? CompletableFuture.failedFuture(FlowSocketException.unknownFlow(flowId))
                    : CompletableFuture.completedFuture(flow);
        }

        @Override
        public Optional<QosFlow> getFlow(String flowId) {
            return Optional.ofNullable(flows.get(flowId));
        }

        @Override
        public List<QosFlow> getFlows(QosFlowFilter filter) {
            return flows.values().stream().filter(filter).sorted(Comparator.comparing(QosFlow::id))
                    .collect(Collectors.toList());
        }

        @Override
        public void addListener(QosFlowListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(QosFlowListener listener) {
            listeners.remove(listener);
        }

        void put(QosFlow flow) {
            flows.put(flow.id(), flow);
        }

        /** Posts an event, as the service does on its event thread. */
        void post(QosFlowEvent event) {
            listeners.forEach(l -> l.event(event));
        }
    }
}
