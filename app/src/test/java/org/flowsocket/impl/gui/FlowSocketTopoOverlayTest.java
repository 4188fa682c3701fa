/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowEvent;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.ui.topo.PropertyPanel;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.flowsocket.impl.gui.GuiFixtures.H1;
import static org.flowsocket.impl.gui.GuiFixtures.H2;
import static org.flowsocket.impl.gui.GuiFixtures.S1;
import static org.flowsocket.impl.gui.GuiFixtures.S2;
import static org.flowsocket.impl.gui.GuiFixtures.rulesFlow;
import static org.flowsocket.impl.gui.GuiFixtures.voiceFlow;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Detail panels list FlowSocket's flows from the index, which follows the
 * QoS flow service's events.
 */
public class FlowSocketTopoOverlayTest {

    private GuiFixtures.FakeQosFlows flows;
    private GuiFlowIndex index;
    private FlowSocketTopoOverlay overlay;

    @Before
    public void setUp() {
        flows = new GuiFixtures.FakeQosFlows();
        flows.put(voiceFlow("fs-7", QosFlow.State.INSTALLED));
        flows.put(rulesFlow("fs-2"));
        index = new GuiFlowIndex(flows).open();
        overlay = new FlowSocketTopoOverlay(index, new GuiFixtures.Hosts());
    }

    private static Map<String, String> props(PropertyPanel pp) {
        return pp.properties().stream().filter(p -> !"-".equals(p.key()))
                .collect(Collectors.toMap(PropertyPanel.Prop::key, PropertyPanel.Prop::value));
    }

    @Test
    public void indexListsTheFlowsAndFollowsThem() {
        assertEquals(List.of(index), flows.listeners);
        assertEquals(2, index.size());
        assertEquals("flowsocket-overlay", overlay.id());
    }

    @Test
    public void deviceDetailsListTheFlowsThroughTheDevice() {
        PropertyPanel pp = new PropertyPanel("s2", "switch");
        overlay.modifyDeviceDetails(pp, S2);
        Map<String, String> props = props(pp);
        assertEquals("2", props.get("fsFlows"));
        assertEquals("1 rule(s), INSTALLED", props.get("fsFlow-fs-2"));
        assertEquals("10.0.0.1 ⇄ 10.0.0.3 voice, INSTALLED", props.get("fsFlow-fs-7"));
        assertTrue(pp.buttons().contains(FlowSocketTopoOverlay.SHOW_NODE_FLOWS));

        pp = new PropertyPanel("s1", "switch");
        overlay.modifyDeviceDetails(pp, S1);
        assertEquals("1", props(pp).get("fsFlows"));
    }

    @Test
    public void hostDetailsListTheFlowsFromOrToTheHost() {
        PropertyPanel pp = new PropertyPanel("h1", "endstation");
        overlay.modifyHostDetails(pp, H1.id());
        assertEquals("1", props(pp).get("fsFlows"));
        assertTrue(props(pp).containsKey("fsFlow-fs-7"));

        pp = new PropertyPanel("h2", "endstation");
        overlay.modifyHostDetails(pp, H2.id());
        assertEquals("none", props(pp).get("fsFlows"));
        assertFalse(pp.buttons().contains(FlowSocketTopoOverlay.SHOW_NODE_FLOWS));
    }

    @Test
    public void eventsKeepTheIndexCurrent() {
        QosFlow installed = voiceFlow("fs-7", QosFlow.State.INSTALLED);
        QosFlow degraded = voiceFlow("fs-7", QosFlow.State.DEGRADED);
        flows.post(new QosFlowEvent(QosFlowEvent.Type.FLOW_UPDATED, degraded, installed));
        PropertyPanel pp = new PropertyPanel("s1", "switch");
        overlay.modifyDeviceDetails(pp, S1);
        assertEquals("10.0.0.1 ⇄ 10.0.0.3 voice, DEGRADED", props(pp).get("fsFlow-fs-7"));

        flows.post(new QosFlowEvent(QosFlowEvent.Type.FLOW_REMOVED, degraded, null));
        pp = new PropertyPanel("s1", "switch");
        overlay.modifyDeviceDetails(pp, S1);
        assertEquals("none", props(pp).get("fsFlows"));

        PropertyPanel summary = new PropertyPanel("ONOS", "bird");
        overlay.modifySummary(summary);
        assertEquals("1", props(summary).get("fsFlows"));
    }

    @Test
    public void longListsAreCut() {
        for (int i = 10; i < 25; i++) {
            flows.post(new QosFlowEvent(QosFlowEvent.Type.FLOW_ADDED, rulesFlow("fs-" + i), null));
        }
        PropertyPanel pp = new PropertyPanel("s2", "switch");
        overlay.modifyDeviceDetails(pp, S2);
        Map<String, String> props = props(pp);
        assertEquals("17", props.get("fsFlows"));
        assertEquals("9 more", props.get("fsFlowsMore"));
        assertTrue("listed by number", props.containsKey("fsFlow-fs-2") && props.containsKey("fsFlow-fs-7"));
    }

    @Test
    public void closingTheIndexStopsFollowingTheFlows() {
        index.close();
        assertTrue(flows.listeners.isEmpty());
        assertEquals(0, index.size());
    }
}
