/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import org.flowsocket.api.QosFlow;
import org.onlab.packet.IpAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultEdgeLink;
import org.onosproject.net.Host;
import org.onosproject.net.Link;
import org.onosproject.net.LinkKey;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
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
     * Highlights one flow: its devices (badged with its id), the links its
     * rules send traffic out on, and its hosts.
     *
     * @param flow the flow
     * @return highlights, the rest of the topology subdued
     */
    public Highlights forFlow(QosFlow flow) {
        Highlights highlights = new Highlights();
        add(highlights, flow, flow.id());
        return highlights.subdueAllElse(Highlights.Amount.MINIMALLY);
    }

    /**
     * Highlights several flows together, without labels.
     *
     * @param flows the flows
     * @return highlights; the rest of the topology subdued unless there are none
     */
    public Highlights forFlows(Collection<QosFlow> flows) {
        Highlights highlights = new Highlights();
        flows.forEach(f -> add(highlights, f, null));
        return flows.isEmpty() ? highlights : highlights.subdueAllElse(Highlights.Amount.MINIMALLY);
    }

    private void add(Highlights highlights, QosFlow flow, String label) {
        for (FlowRule rule : flow.rules()) {
            String device = rule.deviceId().toString();
            if (highlights.getDevice(device) == null) {
                DeviceHighlight dh = new DeviceHighlight(device);
                if (label != null) {
                    dh.setBadge(NodeBadge.text(NodeBadge.Status.INFO, "Q", label));
                }
                highlights.add(dh);
            }
            for (PortNumber out : outputPorts(rule)) {
                for (Link link : linkService.getEgressLinks(new ConnectPoint(rule.deviceId(), out))) {
                    addLink(highlights, linkId(link), label);
                }
            }
        }
        flow.spec().ifPresent(spec -> {
            addHosts(highlights, spec.src(), label);
            addHosts(highlights, spec.dst(), label);
        });
    }

    private void addHosts(Highlights highlights, IpAddress address, String label) {
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

    // Logical ports (CONTROLLER, FLOOD, ...) lead to no link.
    private static List<PortNumber> outputPorts(FlowRule rule) {
        List<PortNumber> ports = new ArrayList<>();
        for (Instruction instruction : rule.treatment().allInstructions()) {
            if (instruction instanceof Instructions.OutputInstruction
                    && !((Instructions.OutputInstruction) instruction).port().isLogical()) {
                ports.add(((Instructions.OutputInstruction) instruction).port());
            }
        }
        return ports;
    }
}
