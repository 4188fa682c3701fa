/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.JsonNode;
import org.onlab.packet.IpAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultEdgeLink;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.PortNumber;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.ui.topo.DeviceHighlight;
import org.onosproject.ui.topo.Highlights;
import org.onosproject.ui.topo.HostHighlight;
import org.onosproject.ui.topo.LinkHighlight;
import org.onosproject.ui.topo.NodeBadge;
import org.onosproject.ui.topo.TopoUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns FlowSocket flow handles, as the protocol's {@code GetFlow} returns
 * them (each rule with its ONOS flow JSON), into GUI topology highlights: the
 * switches holding a rule, the links leaving them through a rule's output
 * port, and for network flows the two hosts and their edge links. Everything
 * else is subdued.
 */
public final class FlowPathHighlighter {

    private final LinkService linkService;
    private final HostService hostService;

    /**
     * Creates a highlighter.
     *
     * @param linkService where a rule's output port leads
     * @param hostService hosts of a network flow's addresses
     */
    public FlowPathHighlighter(LinkService linkService, HostService hostService) {
        this.linkService = linkService;
        this.hostService = hostService;
    }

    /**
     * Highlights one flow, its links labelled with the flow's id.
     *
     * @param handle flow handle JSON with detailed rules
     * @return highlights
     */
    public Highlights forFlow(JsonNode handle) {
        Highlights highlights = new Highlights();
        add(highlights, handle, handle.path("flowId").asText(null));
        return highlights.subdueAllElse(Highlights.Amount.MINIMALLY);
    }

    /**
     * Highlights several flows together.
     *
     * @param handles flow handles JSON with detailed rules
     * @return highlights
     */
    public Highlights forFlows(Collection<JsonNode> handles) {
        Highlights highlights = new Highlights();
        handles.forEach(h -> add(highlights, h, null));
        return handles.isEmpty() ? highlights : highlights.subdueAllElse(Highlights.Amount.MINIMALLY);
    }

    private void add(Highlights highlights, JsonNode handle, String label) {
        for (JsonNode ref : handle.path("rules")) {
            String device = ref.path("deviceId").asText("");
            if (device.isEmpty()) {
                continue;
            }
            if (highlights.getDevice(device) == null) {
                DeviceHighlight dh = new DeviceHighlight(device);
                if (label != null) {
                    dh.setBadge(NodeBadge.text(NodeBadge.Status.INFO, "Q", label));
                }
                highlights.add(dh);
            }
            for (PortNumber out : outputPorts(ref.path("rule"))) {
                for (Link link : linkService.getEgressLinks(new ConnectPoint(DeviceId.deviceId(device), out))) {
                    addLink(highlights, linkId(link), label);
                }
            }
        }
        if ("network".equals(handle.path("kind").asText())) {
            JsonNode spec = handle.path("spec");
            addHosts(highlights, spec.path("src").asText(""), label);
            addHosts(highlights, spec.path("dst").asText(""), label);
        }
    }

    private void addHosts(Highlights highlights, String ip, String label) {
        if (ip.isEmpty()) {
            return;
        }
        IpAddress address;
        try {
            address = IpAddress.valueOf(ip);
        } catch (IllegalArgumentException e) {
            return;
        }
        for (Host host : hostService.getHostsByIp(address)) {
            if (highlights.getHost(host.id().toString()) == null) {
                highlights.add(new HostHighlight(host.id().toString()));
            }
            if (host.location() != null) {
                addLink(highlights, edgeLinkId(host), label);
            }
        }
    }

    private static void addLink(Highlights highlights, String id, String label) {
        if (highlights.getLink(id) == null) {
            LinkHighlight lh = new LinkHighlight(id, LinkHighlight.Flavor.PRIMARY_HIGHLIGHT)
                    .addMod(LinkHighlight.MOD_ANIMATED);
            if (label != null) {
                lh.setLabel(label);
            }
            highlights.add(lh);
        }
    }

    /**
     * The GUI's id of an infrastructure link: the compact form of its
     * canonical direction, so both directions of a link map to one id.
     *
     * @param link a link
     * @return id as the topology view knows it
     */
    public static String linkId(Link link) {
        LinkKey key = TopoUtils.canonicalLinkKey(link);
        return key.src().elementId() + "/" + key.src().port() + "-" + key.dst().elementId() + "/" + key.dst().port();
    }

    /**
     * The GUI's id of a host's edge link (its "ingress" link).
     *
     * @param host a host
     * @return id as the topology view knows it
     */
    public static String edgeLinkId(Host host) {
        return TopoUtils.compactLinkString(DefaultEdgeLink.createEdgeLink(host, true));
    }

    private static List<PortNumber> outputPorts(JsonNode rule) {
        List<PortNumber> ports = new ArrayList<>();
        for (JsonNode instruction : rule.path("treatment").path("instructions")) {
            if ("OUTPUT".equals(instruction.path("type").asText())) {
                String port = instruction.path("port").asText("");
                try {
                    ports.add(PortNumber.portNumber(Long.parseLong(port)));
                } catch (NumberFormatException e) {
                    // logical ports (CONTROLLER, FLOOD, ...) lead to no link
                }
            }
        }
        return ports;
    }
}
