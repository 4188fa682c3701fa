/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import org.flowsocket.api.QosFlow;
import org.junit.Test;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.ui.topo.DeviceHighlight;
import org.onosproject.ui.topo.Highlights;
import org.onosproject.ui.topo.HostHighlight;
import org.onosproject.ui.topo.LinkHighlight;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.flowsocket.impl.gui.GuiFixtures.H1;
import static org.flowsocket.impl.gui.GuiFixtures.H3;
import static org.flowsocket.impl.gui.GuiFixtures.rulesFlow;
import static org.flowsocket.impl.gui.GuiFixtures.voiceFlow;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Given a flow, the overlay highlights the switches that hold its
 * rules, the links its rules send traffic over, and its hosts' edge links.
 */
public class FlowPathHighlighterTest {

    private final FlowPathHighlighter highlighter =
            new FlowPathHighlighter(new GuiFixtures.Links(), new GuiFixtures.Hosts());

    private static Set<String> ids(java.util.Collection<? extends org.onosproject.ui.topo.AbstractHighlight> hs) {
        return hs.stream().map(org.onosproject.ui.topo.AbstractHighlight::elementId).collect(Collectors.toSet());
    }

    @Test
    public void networkFlowHighlightsItsSwitchesLinksAndHosts() {
        Highlights h = highlighter.forFlow(voiceFlow("fs-7", QosFlow.State.INSTALLED));

        assertEquals(Set.of("of:0000000000000001", "of:0000000000000002", "of:0000000000000003"),
                     ids(h.devices()));
        assertEquals(Set.of(H1.id().toString(), H3.id().toString()), ids(h.hosts()));
        // both directions of a cable are one GUI link; the edge links are the hosts' ingress links
        assertEquals(Set.of("of:0000000000000001/2-of:0000000000000002/2",
                            "of:0000000000000002/3-of:0000000000000003/2",
                            "00:00:00:00:00:01/None/0-of:0000000000000001/1",
                            "00:00:00:00:00:03/None/0-of:0000000000000003/1"),
                     ids(h.links()));
        for (LinkHighlight lh : h.links()) {
            assertEquals(LinkHighlight.Flavor.PRIMARY_HIGHLIGHT, lh.flavor());
            assertEquals("fs-7", lh.label());
            assertTrue(lh.mods().contains(LinkHighlight.MOD_ANIMATED));
        }
        for (DeviceHighlight dh : h.devices()) {
            assertEquals("fs-7", dh.badge().message());
        }
        assertEquals(Highlights.Amount.MINIMALLY, h.subdueLevel());
    }

    @Test
    public void edgeLinkIdIsTheGuisIngressLink() {
        assertEquals("00:00:00:00:00:01/None/0-of:0000000000000001/1", FlowPathHighlighter.edgeLinkId(H1));
        assertEquals("of:0000000000000001/2-of:0000000000000002/2",
                     FlowPathHighlighter.linkId(GuiFixtures.link(GuiFixtures.S2, 2, GuiFixtures.S1, 2)));
    }

    @Test
    public void flowOfOnosJsonHighlightsItsSwitchAndOutputLinkOnly() {
        Highlights h = highlighter.forFlow(rulesFlow("fs-2"));

        assertEquals(Set.of("of:0000000000000002"), ids(h.devices()));
        assertEquals(Set.of("of:0000000000000002/3-of:0000000000000003/2"), ids(h.links()));
        assertTrue("no hosts for a flow without a network spec", h.hosts().isEmpty());
    }

    @Test
    public void outputToAHostPortOrLogicalPortAddsNoInfrastructureLink() {
        FlowRule toHost = GuiFixtures.rule(GuiFixtures.S1, 2, 1, "10.0.0.3", "10.0.0.1");
        FlowRule rule = GuiFixtures.rule(GuiFixtures.S3, 1, 9, "10.0.0.3", "10.0.0.1");
        FlowRule toController = DefaultFlowRule.builder().forDevice(rule.deviceId()).withPriority(rule.priority())
                .fromApp(GuiFixtures.APP).makePermanent().withSelector(rule.selector())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.CONTROLLER).build()).build();
        QosFlow handle = rulesFlow("fs-3").toBuilder().rules(List.of(toHost, toController)).build();

        Highlights h = highlighter.forFlow(handle);

        assertEquals(Set.of("of:0000000000000001", "of:0000000000000003"), ids(h.devices()));
        assertTrue(h.links().isEmpty());
    }

    @Test
    public void severalFlowsAreHighlightedTogetherWithoutLabels() {
        Highlights h = highlighter.forFlows(List.of(voiceFlow("fs-7", QosFlow.State.INSTALLED), rulesFlow("fs-2")));

        assertEquals(3, h.devices().size());
        assertEquals(4, h.links().size());
        h.links().forEach(lh -> assertEquals("", lh.label()));
        assertEquals(Set.of(H1.id().toString(), H3.id().toString()),
                     h.hosts().stream().map(HostHighlight::elementId).collect(Collectors.toSet()));
    }

    @Test
    public void noFlowsClearTheView() {
        Highlights h = highlighter.forFlows(List.of());
        assertTrue(h.devices().isEmpty() && h.links().isEmpty() && h.hosts().isEmpty());
        assertEquals(Highlights.Amount.ZERO, h.subdueLevel());
    }
}
