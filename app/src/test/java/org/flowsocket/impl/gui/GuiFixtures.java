/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.flowsocket.api.ClientIdentity;
import org.flowsocket.api.ClientSession;
import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.MessageSink;
import org.flowsocket.api.SessionInfo;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.DefaultLink;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.Link;
import org.onosproject.net.PortNumber;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.link.LinkServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A linear network of three switches as the sandbox builds it (host i on
 * port 1 of switch i; s1/2-s2/2, s2/3-s3/2), and flow handles on it as
 * GetFlow returns them.
 */
final class GuiFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ProviderId PID = new ProviderId("of", "test");

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

    /** One rule reference with its ONOS flow JSON: IN_PORT in, OUTPUT out. */
    static ObjectNode rule(DeviceId device, int in, int out, String src, String dst) {
        ObjectNode ref = MAPPER.createObjectNode().put("deviceId", device.toString()).put("flowId", "0x1")
                .put("state", "ADDED");
        ObjectNode rule = ref.putObject("rule").put("deviceId", device.toString()).put("priority", 50000);
        ArrayNode criteria = rule.putObject("selector").putArray("criteria");
        criteria.addObject().put("type", "IN_PORT").put("port", in);
        criteria.addObject().put("type", "ETH_TYPE").put("ethType", "0x800");
        criteria.addObject().put("type", "IPV4_SRC").put("ip", src + "/32");
        criteria.addObject().put("type", "IPV4_DST").put("ip", dst + "/32");
        ArrayNode instructions = rule.putObject("treatment").putArray("instructions");
        instructions.addObject().put("type", "L3MODIFICATION").put("subtype", "IP_DSCP").put("ipDscp", 46);
        instructions.addObject().put("type", "OUTPUT").put("port", String.valueOf(out));
        return ref;
    }

    /** A voice flow from 10.0.0.1 to 10.0.0.3 and back, as GetFlow returns it. */
    static ObjectNode voiceFlow(String flowId, String state) {
        ObjectNode handle = MAPPER.createObjectNode().put("flowId", flowId).put("kind", "network")
                .put("state", state).put("owner", "onos").put("createdAt", 1L);
        handle.putObject("spec").put("src", "10.0.0.1").put("dst", "10.0.0.3").put("class", "voice")
                .put("priority", 50000).put("bidirectional", true);
        ArrayNode rules = handle.putArray("rules");
        rules.add(rule(S1, 1, 2, "10.0.0.1", "10.0.0.3"));
        rules.add(rule(S2, 2, 3, "10.0.0.1", "10.0.0.3"));
        rules.add(rule(S3, 2, 1, "10.0.0.1", "10.0.0.3"));
        rules.add(rule(S3, 1, 2, "10.0.0.3", "10.0.0.1"));
        rules.add(rule(S2, 3, 2, "10.0.0.3", "10.0.0.1"));
        rules.add(rule(S1, 2, 1, "10.0.0.3", "10.0.0.1"));
        handle.putArray("meters");
        return handle;
    }

    /** A flow of ONOS flow JSON with one rule on s2 out of port 3. */
    static ObjectNode jsonFlow(String flowId) {
        ObjectNode handle = MAPPER.createObjectNode().put("flowId", flowId).put("kind", "flows")
                .put("state", "INSTALLED").put("owner", "onos");
        handle.putArray("rules").add(rule(S2, 2, 3, "10.0.0.2", "10.0.0.3"));
        handle.putArray("meters");
        return handle;
    }

    /** A command core that records what each session receives; replies are sent by the test. */
    static final class FakeFlowSocket implements FlowSocketService {
        final List<FakeSession> sessions = new CopyOnWriteArrayList<>();

        @Override
        public ClientSession openSession(ClientIdentity client, MessageSink sink) {
            FakeSession s = new FakeSession(client, sink);
            sessions.add(s);
            sink.send("{\"kind\":\"hello\",\"server\":\"FlowSocket\",\"user\":\"" + client.user() + "\"}");
            return s;
        }

        @Override
        public ConnectionSettings connectionSettings() {
            return ConnectionSettings.DEFAULT;
        }
    }

    /** One session: its requests, parsed, and a way to answer them. */
    static final class FakeSession implements ClientSession {
        final ClientIdentity client;
        final MessageSink sink;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        FakeSession(ClientIdentity client, MessageSink sink) {
            this.client = client;
            this.sink = sink;
        }

        @Override
        public String id() {
            return "s1";
        }

        @Override
        public void receive(String message) {
            try {
                received.add(MAPPER.readTree(message));
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + message, e);
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public SessionInfo info() {
            return null;
        }

        JsonNode last() {
            return received.get(received.size() - 1);
        }

        /** Answers the last request with a result. */
        void ok(JsonNode result) {
            JsonNode request = last();
            ObjectNode reply = MAPPER.createObjectNode().put("kind", "reply");
            reply.set("id", request.get("id"));
            reply.put("type", request.path("type").asText()).put("status", "ok");
            reply.set("result", result);
            sink.send(reply.toString());
        }

        /** Answers the last request with an error. */
        void error(String code, String message, String field) {
            JsonNode request = last();
            ObjectNode reply = MAPPER.createObjectNode().put("kind", "reply");
            reply.set("id", request.get("id"));
            reply.put("type", request.path("type").asText()).put("status", "error");
            ObjectNode error = reply.putObject("error").put("code", code).put("message", message);
            if (field != null) {
                error.put("field", field);
            }
            sink.send(reply.toString());
        }

        /** Pushes an event. */
        void event(String topic, String event, JsonNode data, long seq) {
            ObjectNode msg = MAPPER.createObjectNode().put("kind", "event").put("topic", topic).put("event", event)
                    .put("time", 1L);
            msg.set("data", data);
            msg.put("seq", seq);
            sink.send(msg.toString());
        }

        List<String> types() {
            List<String> types = new ArrayList<>();
            received.forEach(r -> types.add(r.path("type").asText()));
            return types;
        }
    }
}
