/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.QosFlowEvent;
import org.flowsocket.impl.codec.QosFlowCodec;
import org.flowsocket.impl.command.Topic;
import org.flowsocket.impl.node.NodeJson;
import org.flowsocket.impl.protocol.Messages;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.Link;
import org.onosproject.net.Port;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.link.LinkEvent;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * Turns ONOS events and flow handle changes into event messages for the
 * sessions subscribed to their topic. Each event's data is rendered once
 * and shared by all its subscribers; only the per-session sequence number
 * differs.
 */
final class EventBridge {

    private final CodecContext codecs;
    private final Supplier<Collection<DefaultClientSession>> sessions;
    private final QosFlowCodec handleJson;
    private final NodeJson nodeJson;
    private final RuleEventRelay relay;

    EventBridge(CodecContext codecs, Supplier<Collection<DefaultClientSession>> sessions,
                QosFlowCodec handleJson, NodeJson nodeJson, RuleEventRelay relay) {
        this.codecs = codecs;
        this.sessions = sessions;
        this.handleJson = handleJson;
        this.nodeJson = nodeJson;
        this.relay = relay;
    }

    void deviceEvent(DeviceEvent event) {
        if (wanted(Topic.DEVICES)) {
            ObjectNode data = codecs.mapper().createObjectNode();
            data.set("device", codecs.codec(Device.class).encode(event.subject(), codecs));
            if (event.port() != null) {
                data.set("port", codecs.codec(Port.class).encode(event.port(), codecs));
            }
            publish(Topic.DEVICES, event.type().name(), data);
        }
    }

    /**
     * Tells {@code devices} subscribers of a device's basic configuration
     * being added, changed or removed (AddNode / RemoveNode of a device, or
     * any other change of ONOS's network configuration): DEVICE_PROVISIONED
     * or DEVICE_UNPROVISIONED with the node as ONOS now has it.
     */
    void provisionEvent(NetworkConfigEvent event) {
        if (wanted(Topic.DEVICES)) {
            DeviceId deviceId = (DeviceId) event.subject();
            ObjectNode device = nodeJson.device(deviceId);
            boolean removed = event.type() == NetworkConfigEvent.Type.CONFIG_REMOVED;
            if (removed && NodeJson.PROVISIONED.equals(device.path("state").asText())
                    && !device.path("provisioned").asBoolean()) {
                // Neither configured nor known to ONOS any more: gone, as RemoveNode says.
                device.put("state", NodeJson.REMOVED);
            }
            ObjectNode data = codecs.mapper().createObjectNode();
            data.set("device", device);
            publish(Topic.DEVICES, removed ? "DEVICE_UNPROVISIONED" : "DEVICE_PROVISIONED", data);
        }
    }

    void hostEvent(HostEvent event) {
        if (wanted(Topic.HOSTS)) {
            ObjectNode data = codecs.mapper().createObjectNode();
            data.set("host", codecs.codec(Host.class).encode(event.subject(), codecs));
            if (event.prevSubject() != null && event.type() == HostEvent.Type.HOST_MOVED) {
                data.set("previous", codecs.codec(Host.class).encode(event.prevSubject(), codecs));
            }
            publish(Topic.HOSTS, event.type().name(), data);
        }
    }

    void linkEvent(LinkEvent event) {
        if (wanted(Topic.LINKS)) {
            ObjectNode data = codecs.mapper().createObjectNode();
            data.set("link", codecs.codec(Link.class).encode(event.subject(), codecs));
            publish(Topic.LINKS, event.type().name(), data);
        }
    }

    // Statistics refresh every rule every few seconds: RULE_UPDATED would drown the rest.
    // ONOS raises rule events on the device's master only: the other nodes'
    // subscribers hear them through the relay.
    void ruleEvent(FlowRuleEvent event) {
        boolean peers = relay.hasPeers();
        if (event.type() != FlowRuleEvent.Type.RULE_UPDATED && (peers || wanted(Topic.FLOWS))) {
            ObjectNode data = codecs.mapper().createObjectNode();
            data.set("rule", codecs.codec(FlowRule.class).encode(event.subject(), codecs));
            if (peers) {
                relay.send(event.type().name(), data);
            }
            relayedRuleEvent(event.type().name(), data);
        }
    }

    /** Tells {@code flows} subscribers of a rule event, heard here or on another node. */
    void relayedRuleEvent(String type, JsonNode data) {
        if (wanted(Topic.FLOWS)) {
            publish(Topic.FLOWS, type, data);
        }
    }

    void flowEvent(QosFlowEvent event) {
        if (!wanted(Topic.FLOWS)) {
            return;
        }
        if (isReroute(event)) {
            ObjectNode data = handleJson.encode(event.subject(), false);
            data.set("previousPath", handleJson.encodePath(event.prevSubject().path()));
            publish(Topic.FLOWS, "FLOW_REROUTED", data);
        }
        if (!event.stateChanged()) {
            return;
        }
        if (event.type() == QosFlowEvent.Type.FLOW_REMOVED) {
            ObjectNode data = codecs.mapper().createObjectNode();
            data.put("flowId", event.subject().id());
            publish(Topic.FLOWS, "FLOW_REMOVED", data);
        } else {
            publish(Topic.FLOWS, "FLOW_" + event.subject().state().name(), handleJson.encode(event.subject(), false));
        }
    }

    // A network flow moved to another path: FLOW_REROUTED, before FLOW_INSTALLED
    // if it was DEGRADED meanwhile.
    private static boolean isReroute(QosFlowEvent event) {
        return event.type() == QosFlowEvent.Type.FLOW_UPDATED && event.prevSubject() != null
                && !event.prevSubject().path().isEmpty() && !event.subject().path().isEmpty()
                && !event.prevSubject().path().equals(event.subject().path());
    }

    private boolean wanted(Topic topic) {
        String name = topic.protocolName();
        return sessions.get().stream().anyMatch(s -> s.isSubscribed(name));
    }

    private void publish(Topic topic, String type, JsonNode data) {
        String name = topic.protocolName();
        Messages.EventFrame event = Messages.event(codecs.mapper(), name, type, data);
        for (DefaultClientSession session : sessions.get()) {
            if (session.isSubscribed(name)) {
                session.sendEvent(event);
            }
        }
    }
}
